import fc from 'fast-check';
import type { ReadMode } from '../../src/engine/types.ts';
import { MESSAGE_ACTION_TYPES, type Action, type MessageAction, type MessageActionType } from '../../src/sim/scenario.ts';
import { DEFAULT_SETTINGS, nodeIds, type BrokenRuleName, type ClusterSettings } from '../../src/sim/settings.ts';
import { ClientHistoryFold } from '../../src/sim/clientHistory.ts';
import { Simulation } from '../../src/sim/simulation.ts';

// Random fault schedules for the property test: random cluster settings and a random list of
// crashes, restarts, partitions, cuts, heals, leadership transfers, membership changes (add a
// server, remove any one, the leader included), writes, reads and a person's hand on single
// messages (drop, hold, release, deliver now, delay, duplicate). Plain data, so a failure prints as a
// scenario that can be replayed.

export interface Schedule {
  readonly settings: ClusterSettings;
  readonly actions: readonly Action[];
  /** When the faults stop: heal and restart everything, then let it run. */
  readonly faultsEnd: number;
}

/** The read modes a schedule may use: the safe ones, unless a test asks for the unsafe one. */
const SAFE_READS: readonly ReadMode[] = ['readIndex', 'lease'];

const settingsArb = (broken: readonly BrokenRuleName[], readModes: readonly ReadMode[]) =>
  fc
    .record({
      nodes: fc.integer({ min: 3, max: 7 }),
      seed: fc.nat({ max: 0xffffffff }),
      loss: fc.constantFrom(0, 0, 0.02, 0.05, 0.1, 0.2),
      duplicate: fc.constantFrom(0, 0, 0.05, 0.1, 0.2),
      reorder: fc.boolean(),
      preVote: fc.boolean(),
      checkQuorum: fc.boolean(),
      readMode: fc.constantFrom(...readModes),
      maxLatency: fc.constantFrom(10, 20, 40),
    })
    .map(({ maxLatency, ...s }): ClusterSettings => ({
      ...DEFAULT_SETTINGS,
      ...s,
      latency: [2, maxLatency],
      broken: [...broken],
    }));

type Step =
  | { dt: number; kind: 'crash' | 'restart' | 'timeoutNow' | 'transfer'; i: number }
  | { dt: number; kind: 'crashLeader' | 'heal' | 'addServer' }
  /** Remove the i-th server of those that may exist by then (the leader itself often enough). */
  | { dt: number; kind: 'removeServer'; i: number }
  | { dt: number; kind: 'partition'; groups: number[] }
  | { dt: number; kind: 'cut'; a: number; b: number; oneWay: boolean }
  | { dt: number; kind: 'write'; key: number; to: number | null }
  | { dt: number; kind: 'read'; key: number; to: number | null }
  /** Which message: the `pick`-th of those on the wire then (held ones for a release); see resolveMessages. */
  | { dt: number; kind: 'message'; act: MessageActionType; pick: number; ms: number };

const dt = fc.integer({ min: 0, max: 400 });
const idx = fc.nat({ max: 6 });

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ dt, kind: fc.constantFrom('crash' as const, 'restart' as const, 'timeoutNow' as const), i: idx }) },
  { weight: 1, arbitrary: fc.record({ dt, kind: fc.constantFrom('crashLeader' as const, 'heal' as const) }) },
  {
    weight: 2,
    arbitrary: fc.record({
      dt,
      kind: fc.constant('partition' as const),
      groups: fc.array(fc.nat({ max: 2 }), { minLength: 7, maxLength: 7 }),
    }),
  },
  { weight: 2, arbitrary: fc.record({ dt, kind: fc.constant('cut' as const), a: idx, b: idx, oneWay: fc.boolean() }) },
  // Leadership transfers (thesis §3.10) to any server: the leader itself, a crashed or cut-off
  // one included, so the refusals and the abandoned transfers are tried as well as the handovers.
  { weight: 2, arbitrary: fc.record({ dt, kind: fc.constant('transfer' as const), i: idx }) },
  // Membership changes (thesis §4.1), refused ones included (no leader, one pending, nine servers).
  { weight: 1, arbitrary: fc.record({ dt, kind: fc.constant('addServer' as const) }) },
  { weight: 1, arbitrary: fc.record({ dt, kind: fc.constant('removeServer' as const), i: fc.nat({ max: 8 }) }) },
  {
    weight: 4,
    arbitrary: fc.record({
      dt,
      kind: fc.constant('message' as const),
      act: fc.constantFrom(...MESSAGE_ACTION_TYPES),
      pick: fc.nat({ max: 59 }),
      ms: fc.integer({ min: 1, max: 800 }),
    }),
  },
  // Most writes go to whoever leads (as a client that follows leader hints would); some go to
  // a chosen server, which refuses unless it leads.
  {
    weight: 6,
    arbitrary: fc.record({
      dt,
      kind: fc.constant('write' as const),
      key: fc.nat({ max: 2 }),
      to: fc.oneof({ weight: 4, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: idx }),
    }),
  },
  // Reads likewise: to whoever leads, or to a chosen server (a deposed leader among them).
  {
    weight: 4,
    arbitrary: fc.record({
      dt,
      kind: fc.constant('read' as const),
      key: fc.nat({ max: 2 }),
      to: fc.oneof({ weight: 2, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: idx }),
    }),
  },
);

type Planned =
  Action | { readonly at: number; readonly type: 'message'; readonly act: MessageActionType; readonly pick: number; readonly ms: number };

function toActions(steps: readonly Step[], n: number): { actions: Planned[]; end: number } {
  const ids = nodeIds(n);
  const id = (i: number) => ids[i % n]!;
  // Servers an addServer may have booted by now: a removal may name them (validation allows it).
  let present = n;
  const actions: Planned[] = [];
  let at = 0;
  steps.forEach((s, k) => {
    at += s.dt;
    switch (s.kind) {
      case 'addServer':
        actions.push({ at, type: 'addServer' });
        present = Math.min(present + 1, 9);
        break;
      case 'removeServer':
        actions.push({ at, type: 'removeServer', node: `S${(s.i % present) + 1}` });
        break;
      case 'crash':
      case 'restart':
      case 'timeoutNow':
        actions.push({ at, type: s.kind, node: id(s.i) });
        break;
      case 'crashLeader':
      case 'heal':
        actions.push({ at, type: s.kind });
        break;
      case 'transfer':
        actions.push({ at, type: 'transfer', to: id(s.i) });
        break;
      case 'partition': {
        const groups: string[][] = [[], [], []];
        ids.forEach((node, i) => groups[s.groups[i]!]!.push(node));
        actions.push({ at, type: 'partition', groups: groups.filter((g) => g.length > 0) });
        break;
      }
      case 'cut':
        if (id(s.a) !== id(s.b)) actions.push({ at, type: 'cut', from: id(s.a), to: id(s.b), oneWay: s.oneWay });
        break;
      case 'write':
        actions.push(
          s.to === null
            ? { at, type: 'write', key: `k${s.key}`, value: `w${k}` }
            : { at, type: 'write', key: `k${s.key}`, value: `w${k}`, node: id(s.to) },
        );
        break;
      case 'read':
        actions.push(s.to === null ? { at, type: 'read', key: `k${s.key}` } : { at, type: 'read', key: `k${s.key}`, node: id(s.to) });
        break;
      case 'message':
        actions.push({ at, type: 'message', act: s.act, pick: s.pick, ms: s.ms });
        break;
    }
  });
  return { actions, end: at };
}

/**
 * Message ids exist only in a run: a dry run of the schedule names, for each message step, the
 * message it picks among those on the wire at that moment (a release, among the held ones). One
 * pick in ten names message 1, long gone, so no-ops on vanished messages are in the mix. The
 * result is plain data: the real run (and a replay of a failure) sees exactly the same messages,
 * as an action taken at t equals one scheduled at t.
 */
function resolveMessages(settings: ClusterSettings, planned: readonly Planned[]): Action[] {
  const sim = new Simulation(settings, { checkInvariants: false });
  const actions: Action[] = [];
  planned.forEach((p, k) => {
    sim.runUntil(Math.max(p.at, sim.now));
    let action: Action;
    if (p.type === 'message') {
      // A quiet moment (between heartbeats, everyone down) has nothing on the wire: the step
      // waits for the next message sent before the following action is due.
      // (Not forever: a cluster whittled down to one member sends nothing, ever.)
      const until = planned[k + 1]?.at ?? sim.now + 5000;
      for (let next = sim.nextEventTime(); sim.inFlight().next().done && next !== null && next <= until; next = sim.nextEventTime()) {
        sim.stepMoment();
      }
      const at = sim.now;
      const onWire = [...sim.inFlight()];
      const held = onWire.filter((f) => f.held);
      const from = p.act === 'releaseMessage' && held.length > 0 ? held : onWire;
      const message = from.length === 0 || p.pick % 10 === 9 ? 1 : from[p.pick % from.length]!.message.id;
      action = (p.act === 'delayMessage' ? { at, type: p.act, message, ms: p.ms } : { at, type: p.act, message }) as MessageAction;
    } else action = { ...p, at: Math.max(p.at, sim.now) };
    actions.push(action);
    sim.act(action);
  });
  return actions;
}

export function scheduleArb(
  broken: readonly BrokenRuleName[] = [],
  maxSteps = 40,
  readModes: readonly ReadMode[] = SAFE_READS,
): fc.Arbitrary<Schedule> {
  // size 'max': fast-check's default size would keep schedules to a handful of steps.
  const steps = fc.array(stepArb, { minLength: 4, maxLength: maxSteps, size: 'max' });
  return fc.tuple(settingsArb(broken, readModes), steps).map(([settings, steps]) => {
    const { actions, end } = toActions(steps, settings.nodes);
    return { settings, actions: resolveMessages(settings, actions), faultsEnd: end + 100 };
  });
}

/** How long the cluster gets, healed and with everyone up, to elect a leader and commit. */
export const SETTLE = 5000;

export interface ScheduleRun {
  readonly sim: Simulation;
  /** When a leader was first seen after the heal, or null. */
  readonly leaderAt: number | null;
  /** When a client write made after the heal was first committed, or null. */
  readonly committedAt: number | null;
  /** Every acknowledged client write: the index it was committed at, by writeId. */
  readonly acks: ReadonlyMap<number, number>;
  /** What the clients saw: every write and read, for the linearizability check. */
  readonly clients: ClientHistoryFold;
}

/**
 * Run a schedule to its end, then heal and restart everything and let it settle, with a client
 * writing to the leader every 250 ms until one write commits. (A restarted cluster knows no
 * commit index until a leader commits an entry of its own term, so without that write the
 * final agreement check would compare empty prefixes.)
 */
export function runSchedule(s: Schedule): ScheduleRun {
  const acks = new Map<number, number>();
  const clients = new ClientHistoryFold();
  const sim = new Simulation(s.settings, {
    onEvent: (e) => {
      if (e.type === 'clientAck') acks.set(e.writeId, e.index);
      clients.see(e);
    },
  });
  for (const a of s.actions) sim.schedule(a);
  sim.runUntil(s.faultsEnd);
  sim.act({ at: sim.now, type: 'heal' });
  for (const id of sim.ids) sim.act({ at: sim.now, type: 'restart', node: id });
  // With message loss a leader can still be deposed later (a follower misses a few heartbeats),
  // so liveness means "a leader is elected within the window", sampled every 10 ms.
  let leaderAt: number | null = null;
  let committedAt: number | null = null;
  let k = 0;
  for (let t = s.faultsEnd; t <= s.faultsEnd + SETTLE; t += 10) {
    sim.runUntil(t);
    const leader = sim.leader();
    if (leaderAt === null && leader !== null) leaderAt = t;
    if (committedAt === null) {
      if (sim.nodeStates.some((n) => n.log.slice(0, n.commitIndex).some((e) => e.key === 'final'))) committedAt = t;
      else if (leader !== null && (t - s.faultsEnd) % 250 === 0) {
        sim.act({ at: t, type: 'write', key: 'final', value: `f${k++}`, node: leader });
      }
    }
  }
  return { sim, leaderAt, committedAt, acks, clients };
}

/** The schedule as a scenario document (heal and restarts included), to replay a failure. */
export function replayDocument(s: Schedule): string {
  const ids = runSchedule(s).sim.ids;
  const end: Action[] = [{ at: s.faultsEnd, type: 'heal' }, ...ids.map((node): Action => ({ at: s.faultsEnd, type: 'restart', node }))];
  return JSON.stringify({ version: 1, settings: s.settings, actions: [...s.actions, ...end], until: s.faultsEnd + SETTLE });
}
