import { describe, expect, it } from 'vitest';
import { acked, cluster, committed, node } from '../../test/support/sim.ts';
import type { TraceEvent } from './trace.ts';
import { roleOf } from '../engine/node.ts';

// The no-op entry (paper §5.4.2 and §8, thesis §6.4), persistence before answering, and
// microsecond time: the audit's cases, each as the paper or the case describes it.

describe('the new leader’s no-op entry', () => {
  it('a one-server cluster that restarts commits its entries again (it stayed at commit index 0 forever)', () => {
    const { sim, trace } = cluster({ nodes: 1 });
    sim.runUntil(1000);
    sim.act({ at: 1000, type: 'write', key: 'x', value: '1' });
    sim.runUntil(1100);
    expect(acked(trace).has(1)).toBe(true);
    sim.act({ at: 1100, type: 'crash', node: 'S1' });
    sim.act({ at: 1100, type: 'restart', node: 'S1' });
    expect(node(sim, 'S1').commitIndex).toBe(0); // volatile: forgotten across the restart
    sim.runUntil(2000);
    const s1 = node(sim, 'S1');
    expect(roleOf(s1)).toBe('leader');
    expect(s1.commitIndex).toBe(s1.log.length);
    expect(committed(s1).map((e) => e.value)).toEqual(['1']);
    expect(s1.kv).toEqual({ x: '1' });
    expect(s1.log.at(-1)).toMatchObject({ noop: true, term: s1.currentTerm });
  });

  it('three servers: the leader crashes 1 ms after a write that reached every log; the next leader commits it without any new write', () => {
    const { sim, trace } = cluster({ nodes: 3, seed: 3 });
    sim.runUntil(2000);
    const first = sim.leader()!;
    sim.act({ at: 2000, type: 'write', key: 'x', value: 'w' });
    // The entry reaches both followers (latency 5-15 ms), but their acknowledgements do not get back in time.
    sim.runUntil(2016);
    expect(sim.nodeStates.every((n) => n.log.some((e) => e.value === 'w'))).toBe(true);
    sim.act({ at: 2016, type: 'crash', node: first });
    const leaders = () =>
      trace.filter((e): e is Extract<TraceEvent, { type: 'role' }> => e.type === 'role' && e.role === 'leader' && e.t > 2016);
    for (let t = 2100; leaders().length === 0 && t < 6000; t += 100) sim.runUntil(t);
    const [won] = leaders();
    expect(won).toBeDefined();
    // Within a round trip of its election, its no-op commits the old entry with it.
    sim.runUntil(won!.t + 50);
    const next = node(sim, won!.node);
    expect(committed(next).map((e) => e.value)).toEqual(['w']);
    const survivor = sim.ids.find((id) => id !== first && id !== won!.node)!;
    sim.runUntil(won!.t + 300);
    expect(committed(node(sim, survivor)).map((e) => e.value)).toEqual(['w']);
  });

  it('is a setting: off, the same run leaves the old entry uncommitted until a client writes', () => {
    const { sim } = cluster({ nodes: 3, seed: 3, noopEntry: false });
    sim.runUntil(2000);
    const first = sim.leader()!;
    sim.act({ at: 2000, type: 'write', key: 'x', value: 'w' });
    sim.runUntil(2016);
    sim.act({ at: 2016, type: 'crash', node: first });
    sim.runUntil(6000);
    const next = sim.leader()!;
    expect(next).not.toBe(first);
    expect(node(sim, next).log.map((e) => e.value)).toEqual(['w']);
    expect(node(sim, next).commitIndex).toBe(0);
  });
});

describe('persistence: a server writes before it answers', () => {
  it('a vote is sent only once written to disk, and is kept across a crash after it was sent', () => {
    const { sim, trace } = cluster({ nodes: 3, latency: [10, 10], diskWrite: 5 });
    sim.act({ at: 0, type: 'timeoutNow', node: 'S1' });
    sim.runUntil(100);
    const vote = trace.find((e) => e.type === 'vote' && e.node === 'S2')!;
    expect(trace.find((e) => e.type === 'persist' && e.node === 'S2')).toMatchObject({ t: vote.t, doneAt: vote.t + 5 });
    const reply = trace.find((e) => e.type === 'send' && e.from === 'S2' && e.rpc.type === 'RequestVoteReply')!;
    expect(reply.t).toBe(vote.t + 5);
    expect(reply.by).toEqual(vote.by);
    // The candidate's own request did not wait for its write: a candidate's term and vote count only in itself.
    expect(trace.find((e) => e.type === 'send' && e.from === 'S1')!.t).toBe(0);
    sim.act({ at: 100, type: 'crash', node: 'S2' });
    sim.act({ at: 100, type: 'restart', node: 'S2' });
    expect(node(sim, 'S2').votedFor).toBe('S1');
  });

  it('a crash during the write loses the answers waiting for it, and nothing anyone was told', () => {
    const { sim, trace } = cluster({ nodes: 3, latency: [10, 10], diskWrite: 5 });
    sim.act({ at: 0, type: 'cut', from: 'S1', to: 'S3', oneWay: false });
    sim.act({ at: 0, type: 'timeoutNow', node: 'S1' });
    sim.runUntil(12); // S2 voted at 10; its answer waits for the disk until 15
    sim.act({ at: 12, type: 'crash', node: 'S2' });
    expect(trace.find((e) => e.type === 'crash')).toMatchObject({ node: 'S2', unsent: 1 });
    sim.runUntil(200);
    expect(trace.some((e) => e.type === 'send' && e.from === 'S2')).toBe(false);
    expect(roleOf(node(sim, 'S1'))).not.toBe('leader'); // it never heard the vote
    sim.act({ at: 200, type: 'restart', node: 'S2' });
    expect(node(sim, 'S2').votedFor).toBe('S1'); // the vote stays: S2 can never vote for another in term 1
    expect(sim.violations).toEqual([]);
  });
});

describe('microsecond time', () => {
  it('timeouts of 150-151 ms are drawn from a continuum, and times in the trace carry fractions of a millisecond', () => {
    const { sim, trace } = cluster({ nodes: 5, electionTimeout: [150, 151], heartbeat: 75 });
    const drawn = new Set<number>();
    for (let t = 0; t < 20_000; t += 10) {
      sim.runUntil(t);
      for (const n of sim.nodeStates) drawn.add(n.electionTimeout);
    }
    expect(drawn.size).toBeGreaterThan(50);
    for (const d of drawn) {
      expect(d).toBeGreaterThanOrEqual(150);
      expect(d).toBeLessThanOrEqual(151);
      expect(Math.round(d * 1000)).toBeCloseTo(d * 1000, 6); // on the microsecond grid
    }
    expect(trace.some((e) => !Number.isInteger(e.t))).toBe(true);
    expect(JSON.stringify(trace)).not.toMatch(/\d\.\d{4,}/); // never 153.27499999999998
  });
});
