import type { RaftNode } from '../../src/engine/index.ts';
import type { LogEntry, NodeId } from '../../src/engine/types.ts';
import type { Action } from '../../src/sim/scenario.ts';
import { DEFAULT_SETTINGS, type ClusterSettings } from '../../src/sim/settings.ts';
import { Simulation } from '../../src/sim/simulation.ts';
import type { TraceEvent } from '../../src/sim/trace.ts';
import { roleOf } from '../../src/engine/node.ts';

// Helpers for cluster scenarios. The timing follows the MIT 6.824 Raft labs: heartbeats every
// 100 ms (at most 10 a second) and election timeouts of 300-600 ms.

export const LAB_SETTINGS: ClusterSettings = Object.freeze({
  ...DEFAULT_SETTINGS,
  heartbeat: 100,
  electionTimeout: [300, 600] as const,
  latency: [5, 15] as const,
});

export interface Run {
  readonly sim: Simulation;
  readonly trace: TraceEvent[];
}

export function cluster(settings: Partial<ClusterSettings> = {}, actions: readonly Action[] = []): Run {
  const trace: TraceEvent[] = [];
  const sim = new Simulation({ ...LAB_SETTINGS, ...settings }, { onEvent: (e) => trace.push(e) });
  for (const a of actions) sim.schedule(a);
  return { sim, trace };
}

export function node(sim: Simulation, id: NodeId): RaftNode {
  const n = sim.nodeStates.find((x) => x.id === id);
  if (!n) throw new Error(`no node ${id}`);
  return n;
}

/** Run in small steps until some live node is leader; the time it happened, or null. */
export function runUntilLeader(sim: Simulation, until: number, among?: readonly NodeId[]): number | null {
  for (let t = sim.now; t <= until; t += 10) {
    sim.runUntil(t);
    const l = leaderAmong(sim, among);
    if (l !== null) return t;
  }
  return null;
}

/** A live leader among the given nodes (all nodes if none given), highest term first. */
export function leaderAmong(sim: Simulation, among?: readonly NodeId[]): NodeId | null {
  let best: RaftNode | null = null;
  for (const n of sim.nodeStates) {
    if (among && !among.includes(n.id)) continue;
    if (!sim.isAlive(n.id) || roleOf(n) !== 'leader') continue;
    if (!best || n.currentTerm > best.currentTerm) best = n;
  }
  return best?.id ?? null;
}

/** Leaders of each term seen in the trace: Election Safety says at most one per term. */
export function leadersByTerm(trace: readonly TraceEvent[]): Map<number, Set<NodeId>> {
  const m = new Map<number, Set<NodeId>>();
  for (const e of trace) {
    if (e.type === 'role' && e.role === 'leader') {
      const s = m.get(e.term) ?? new Set<NodeId>();
      s.add(e.node);
      m.set(e.term, s);
    }
  }
  return m;
}

/** The client entries a server knows are committed (leaders' no-op entries left out). */
export function committed(n: RaftNode): LogEntry[] {
  return n.log.slice(0, n.commitIndex).filter((e) => !e.noop);
}

/** The client entries of a server's log (leaders' no-op entries left out). */
export function clientEntries(n: RaftNode): LogEntry[] {
  return n.log.filter((e) => !e.noop);
}

/** Each pair of live nodes agrees on the entries both have committed (State Machine Safety). */
export function expectCommittedPrefixesAgree(sim: Simulation): void {
  const live = sim.nodeStates.filter((n) => sim.isAlive(n.id));
  for (const a of live) {
    for (const b of live) {
      const k = Math.min(a.commitIndex, b.commitIndex);
      if (JSON.stringify(a.log.slice(0, k)) !== JSON.stringify(b.log.slice(0, k))) {
        throw new Error(`${a.id} and ${b.id} disagree on their committed prefix (up to ${k})`);
      }
    }
  }
}

/** The values written by client writes acknowledged in the trace, by writeId. */
export function acked(trace: readonly TraceEvent[]): Set<number> {
  return new Set(trace.flatMap((e) => (e.type === 'clientAck' ? [e.writeId] : [])));
}

export function writes(at: number, count: number, every: number, key = 'x', prefix = 'v'): Action[] {
  return Array.from({ length: count }, (_, i) => ({ at: at + i * every, type: 'write' as const, key, value: `${prefix}${i}` }));
}
