import { AUTO_WRITE_KEYS } from '../links/compact.ts';
import type { NodeId } from '../engine/types.ts';
import { SCENARIO_VERSION } from '../sim/scenario.ts';
import { ScenarioError, parseSettings } from '../sim/validate.ts';
import type { ActionInput } from '../worker/protocol.ts';
import { load, requestStep, sendAction } from './client.ts';
import { live } from './live.ts';
import { markDirty } from './playback.ts';
import { selectLeader, useSim } from './simStore.ts';
import { clampSpeed } from './speed.ts';

// Module-level actions: views call these, never setState directly.

export const play = (): void => useSim.setState({ playing: true });
export const pause = (): void => useSim.setState({ playing: false });
export const togglePlay = (): void => useSim.setState((s) => ({ playing: !s.playing }));
export const setSpeed = (speed: number): void => useSim.setState({ speed: clampSpeed(speed) });
export const setVerbose = (verbose: boolean): void => useSim.setState({ verbose });
export const select = (node: NodeId | null): void => useSim.setState({ selected: node, selectedLink: null });
export const selectLink = (link: readonly [NodeId, NodeId] | null): void => useSim.setState({ selectedLink: link });
export const dismissNotice = (): void => useSim.setState({ notice: null });

/** Pause and advance to the next moment anything happens. */
export function stepOnce(): void {
  pause();
  requestStep();
}

export function act(action: ActionInput): void {
  sendAction(action, live.clock);
  markDirty();
}

// Links store a run of these writes by their times alone (links/compact.ts): one list for both.
const KEYS = AUTO_WRITE_KEYS;
let writes = 0;

/** A client write with an auto-generated value (x=1, y=2, ...), to `node` or to the leader. */
export function clientWrite(node?: NodeId): void {
  writes++;
  const key = KEYS[(writes - 1) % KEYS.length]!;
  act(node === undefined ? { type: 'write', key, value: String(writes) } : { type: 'write', key, value: String(writes), node });
}

/**
 * Split into a majority and a minority. The current leader goes to the side asked for, with its
 * ring neighbours; without a leader, the first servers form the majority.
 */
export function splitGroups(ids: readonly NodeId[], leader: NodeId | null, leaderIn: 'majority' | 'minority'): [NodeId[], NodeId[]] {
  const big = Math.floor(ids.length / 2) + 1;
  const start = leader === null ? 0 : Math.max(0, ids.indexOf(leader));
  const order = ids.map((_, i) => ids[(start + i) % ids.length]!);
  if (leaderIn === 'majority' || leader === null) return [order.slice(0, big), order.slice(big)];
  const small = ids.length - big;
  return [order.slice(small), order.slice(0, small)];
}

export function split(leaderIn: 'majority' | 'minority'): void {
  const s = useSim.getState();
  const [majority, minority] = splitGroups(
    s.nodes.map((n) => n.id),
    selectLeader(s)?.id ?? null,
    leaderIn,
  );
  act({ type: 'partition', groups: [majority, minority] });
}

export function customSplit(sideA: readonly NodeId[], sideB: readonly NodeId[]): void {
  if (sideA.length === 0 || sideB.length === 0) return heal();
  act({ type: 'partition', groups: [sideA, sideB] });
}

export const heal = (): void => act({ type: 'heal' });

/** Validate settings in the page first, so an impossible value is named before anything restarts. */
export function applySettings(raw: unknown): boolean {
  try {
    const settings = parseSettings(raw);
    load({ version: SCENARIO_VERSION, settings, actions: [] });
    writes = 0;
    return true;
  } catch (error) {
    if (!(error instanceof ScenarioError)) throw error;
    useSim.setState({ settingsError: { message: error.message, field: error.field } });
    return false;
  }
}
