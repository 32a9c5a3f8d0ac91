import { describe, expect, it } from 'vitest';
import { cluster, leaderAmong, runUntilLeader } from '../../test/support/sim.ts';
import type { ReadMode } from '../engine/types.ts';
import { clientHistoryOf } from './clientHistory.ts';
import type { TraceEvent } from './trace.ts';

// Client reads in the simulator (thesis §6.4): what a client is told when it reads from a leader
// cut into a minority while the majority has moved on. ReadIndex and a lease keep the history
// linearizable; reading from any server returns the old value, and the checker says so.

/**
 * Five servers: x=1 acknowledged; the leader is cut off with one follower; the majority elects a
 * new leader, which acknowledges x=2; then a client reads x from the old leader.
 */
function staleStory(readMode: ReadMode, checkQuorum = false) {
  const run = cluster({ nodes: 5, seed: 3, readMode, checkQuorum });
  const { sim } = run;
  runUntilLeader(sim, 5000);
  sim.act({ at: sim.now, type: 'write', key: 'x', value: '1' });
  sim.runUntil(sim.now + 500);
  const old = sim.leader()!;
  const others = sim.ids.filter((id) => id !== old);
  const majority = others.slice(0, 3);
  sim.act({ at: sim.now, type: 'partition', groups: [[old, others[3]!], majority] });
  let newLeader: string | null = null;
  for (let t = sim.now; t < sim.now + 5000 && newLeader === null; t += 10) {
    sim.runUntil(t);
    newLeader = leaderAmong(sim, majority);
  }
  expect(newLeader).not.toBeNull();
  sim.act({ at: sim.now, type: 'write', key: 'x', value: '2', node: newLeader! });
  sim.runUntil(sim.now + 500);
  const readAt = sim.now;
  sim.act({ at: readAt, type: 'read', key: 'x', node: old });
  sim.runUntil(sim.now + 2000);
  return { ...run, old, newLeader: newLeader!, readAt };
}

const of = <T extends TraceEvent['type']>(trace: readonly TraceEvent[], type: T) =>
  trace.filter((e): e is Extract<TraceEvent, { type: T }> => e.type === type);

describe('client reads in a split cluster', () => {
  it('anyServer: the deposed leader answers x=1 after x=2 was acknowledged, and the checker flags that read', () => {
    const { trace, old } = staleStory('anyServer');
    const [answer] = of(trace, 'readAnswer');
    expect(answer).toMatchObject({ node: old, key: 'x', value: '1', via: 'anyServer' });
    expect(of(trace, 'staleRead')).toEqual([expect.objectContaining({ readId: answer!.readId, node: old, value: '1', newerValue: '2' })]);
    const { reads, check } = clientHistoryOf(trace);
    expect(reads).toEqual([
      expect.objectContaining({ readId: answer!.readId, outcome: 'answered', value: '1', server: old, staleAgainst: '2' }),
    ]);
    expect(check.kind).toBe('notLinearizable');
    expect(check.culprits).toEqual([answer!.readId]);
  });

  it('readIndex: the deposed leader never answers (no majority answers its round), and the history stays linearizable', () => {
    const { trace, old } = staleStory('readIndex');
    expect(of(trace, 'clientRead')).toEqual([expect.objectContaining({ node: old, accepted: true, via: 'readIndex' })]);
    expect(of(trace, 'readAnswer')).toEqual([]);
    expect(of(trace, 'staleRead')).toEqual([]);
    const { reads, check } = clientHistoryOf(trace);
    expect(reads[0]).toMatchObject({ outcome: 'waiting', answerAt: null });
    expect(check.kind).toBe('linearizable');
  });

  it('lease with CheckQuorum: the cut-off leader lets its lease lapse and steps down; nothing stale is answered', () => {
    const { trace, old } = staleStory('lease', true);
    expect(of(trace, 'readAnswer').filter((a) => a.node === old)).toEqual([]);
    expect(of(trace, 'staleRead')).toEqual([]);
    expect(clientHistoryOf(trace).check.kind).toBe('linearizable');
  });

  it('the new leader answers x=2 under readIndex and lease alike; its history is linearizable', () => {
    for (const [mode, checkQuorum] of [
      ['readIndex', false],
      ['lease', true],
    ] as const) {
      const { sim, trace, newLeader } = staleStory(mode, checkQuorum);
      sim.act({ at: sim.now, type: 'read', key: 'x', node: newLeader });
      sim.runUntil(sim.now + 500);
      expect(of(trace, 'readAnswer')).toEqual([expect.objectContaining({ node: newLeader, value: '2' })]);
      expect(clientHistoryOf(trace).check.kind).toBe('linearizable');
    }
  });
});

describe('read routing', () => {
  it('a read without a target goes to the leader; one to a follower is refused naming it; one to a crashed server is lost', () => {
    const { sim, trace } = cluster({ nodes: 3, seed: 2 });
    runUntilLeader(sim, 5000);
    sim.act({ at: sim.now, type: 'write', key: 'k', value: 'v' });
    sim.runUntil(sim.now + 500);
    const leader = sim.leader()!;
    const [follower, other] = sim.ids.filter((id) => id !== leader) as [string, string];
    sim.act({ at: sim.now, type: 'read', key: 'k' });
    sim.act({ at: sim.now, type: 'read', key: 'k', node: follower });
    sim.act({ at: sim.now, type: 'crash', node: other });
    sim.act({ at: sim.now, type: 'read', key: 'k', node: other });
    sim.runUntil(sim.now + 500);
    const { reads, writes, check } = clientHistoryOf(trace);
    expect(reads).toEqual([
      expect.objectContaining({ server: leader, outcome: 'answered', value: 'v', via: 'readIndex' }),
      expect.objectContaining({ server: follower, outcome: 'refused', leaderHint: leader }),
      expect.objectContaining({ server: other, outcome: 'lost' }),
    ]);
    // Reads and writes are numbered from one counter: every operation has its own id.
    const ids = [...writes.map((w) => w.writeId), ...reads.map((r) => r.readId)];
    expect(new Set(ids).size).toBe(ids.length);
    expect(reads[0]!.answerAt!).toBeGreaterThan(reads[0]!.start);
    expect(check.kind).toBe('linearizable');
  });
});

describe('keys are only names', () => {
  it('a key named __proto__ is written and read like any other (no false stale read)', () => {
    const { sim, trace } = cluster({ nodes: 3, seed: 2 });
    runUntilLeader(sim, 5000);
    sim.act({ at: sim.now, type: 'write', key: '__proto__', value: '1' });
    sim.runUntil(sim.now + 500);
    sim.act({ at: sim.now, type: 'read', key: '__proto__' });
    sim.runUntil(sim.now + 500);
    expect(of(trace, 'readAnswer')).toEqual([expect.objectContaining({ key: '__proto__', value: '1' })]);
    expect(of(trace, 'staleRead')).toEqual([]);
    expect(clientHistoryOf(trace).check.kind).toBe('linearizable');
  });
});
