import type { NodeId } from '../engine/types.ts';
import { AUTO_WRITE_KEYS } from '../links/compact.ts';
import { rateRefusal } from '../sim/cost.ts';
import { SCENARIO_VERSION } from '../sim/scenario.ts';
import { ScenarioError, parseSettings } from '../sim/validate.ts';
import type { ActionInput } from '../worker/protocol.ts';
import type { LabStore } from './lab.ts';
import { selectLeader } from './simStore.ts';
import { clampSpeed, stepSpeed } from './speed.ts';
import { majority } from '../engine/quorum.ts';

// Links store a run of these writes by their times alone (links/compact.ts): one list for both.
const KEYS = AUTO_WRITE_KEYS;

/**
 * Split into a majority and a minority. The current leader goes to the side asked for, with its
 * ring neighbours; without a leader, the first servers form the majority.
 */
export function splitGroups(ids: readonly NodeId[], leader: NodeId | null, leaderIn: 'majority' | 'minority'): [NodeId[], NodeId[]] {
  const big = majority(ids.length);
  const start = leader === null ? 0 : Math.max(0, ids.indexOf(leader));
  const order = ids.map((_, i) => ids[(start + i) % ids.length]!);
  if (leaderIn === 'majority' || leader === null) return [order.slice(0, big), order.slice(big)];
  const small = ids.length - big;
  return [order.slice(small), order.slice(0, small)];
}

/** What a person does to the run: views call these, never setState directly. */
export function createSimActions(lab: LabStore) {
  const { sim } = lab;
  /** Client writes made in this run, for their auto-generated values (x=1, y=2, ...). */
  let writes = 0;

  const act = (action: ActionInput): void => {
    lab.connection.sendAction(action, lab.live.clock);
    lab.playback.markDirty();
  };
  const pause = (): void => sim.setState({ playing: false });
  const heal = (): void => act({ type: 'heal' });

  return {
    play: (): void => sim.setState({ playing: true }),
    pause,
    togglePlay: (): void => sim.setState((s) => ({ playing: !s.playing })),
    setSpeed: (speed: number): void => sim.setState({ speed: clampSpeed(speed) }),
    slower: (): void => sim.setState((s) => ({ speed: stepSpeed(s.speed, -1) })),
    faster: (): void => sim.setState((s) => ({ speed: stepSpeed(s.speed, 1) })),
    setFastForward: (fastForward: boolean): void => sim.setState({ fastForward }),
    setSplitSide: (splitSide: 'majority' | 'minority'): void => sim.setState({ splitSide }),
    setVerbose: (verbose: boolean): void => sim.setState({ verbose }),
    select: (node: NodeId | null): void => sim.setState({ selected: node, selectedLink: null }),
    selectLink: (link: readonly [NodeId, NodeId] | null): void => sim.setState({ selectedLink: link }),
    dismissNotice: (): void => sim.setState({ notice: null }),
    restartWorker: (): void => lab.connection.restart(),
    /** Stop a long replay (a link opened far in, a long seek) where it got to. */
    cancelReplay: (): void => lab.connection.cancelReplay(),
    /** Run `fn` on every display frame with the simulated time being shown; returns the unsubscribe. */
    onAnimationFrame: (fn: (clock: number) => void): (() => void) => lab.playback.onAnimationFrame(fn),
    /** Something changed while paused: fetch one fresh frame. */
    markDirty: (): void => lab.playback.markDirty(),

    /** Pause and advance to the next moment anything happens. */
    stepOnce(): void {
      pause();
      lab.connection.requestStep();
    },

    act,

    /** A client write with an auto-generated value (x=1, y=2, ...), to `node` or to the leader. */
    clientWrite(node?: NodeId): void {
      writes++;
      const key = KEYS[(writes - 1) % KEYS.length]!;
      act(node === undefined ? { type: 'write', key, value: String(writes) } : { type: 'write', key, value: String(writes), node });
    },

    /**
     * A client read of the key last written by the Client write button (x before any), to `node`
     * or to the leader: so a read shows what the write just before it did, or did not, make true.
     */
    clientRead(node?: NodeId): void {
      const key = writes === 0 ? KEYS[0]! : KEYS[(writes - 1) % KEYS.length]!;
      act(node === undefined ? { type: 'read', key } : { type: 'read', key, node });
    },

    /** Split as the Split button and the S key do: the leader goes to the side chosen beside the button. */
    split(leaderIn: 'majority' | 'minority' = sim.getState().splitSide): void {
      const s = sim.getState();
      const [majority, minority] = splitGroups(
        s.nodes.map((n) => n.id),
        selectLeader(s)?.id ?? null,
        leaderIn,
      );
      act({ type: 'partition', groups: [majority, minority] });
    },

    customSplit(sideA: readonly NodeId[], sideB: readonly NodeId[]): void {
      if (sideA.length === 0 || sideB.length === 0) return heal();
      act({ type: 'partition', groups: [sideA, sideB] });
    },

    heal,

    /** Validate settings in the page first, so an impossible value is named before anything restarts. */
    applySettings(raw: unknown): boolean {
      try {
        const settings = parseSettings(raw);
        // Possible but too busy to follow live: named before anything restarts, like a bad value.
        const tooBusy = rateRefusal(settings);
        if (tooBusy !== null) {
          sim.setState({ settingsError: { message: tooBusy, field: 'heartbeat' } });
          return false;
        }
        lab.connection.load({ version: SCENARIO_VERSION, settings, actions: [] });
        writes = 0;
        return true;
      } catch (error) {
        if (!(error instanceof ScenarioError)) throw error;
        sim.setState({ settingsError: { message: error.message, field: error.field } });
        return false;
      }
    },
  };
}
