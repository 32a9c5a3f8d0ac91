import { describe, expect, it } from 'vitest';
import { cluster, runUntilLeader } from '../../test/support/sim.ts';
import { clientHistoryOf, ClientHistoryFold } from './clientHistory.ts';

// What clients see of a run: each write's start, the server that answered, and its
// acknowledgement, if any (a client learns of success only from the leader, once committed, §8).

describe('the client history of a run', () => {
  it('a normal run: every write to the leader is acknowledged after it was sent, and the history is linearizable', () => {
    const { sim, trace } = cluster({ nodes: 3, seed: 2 });
    runUntilLeader(sim, 5000);
    const leader = sim.leader()!;
    // Writes close together, so several are in flight at once.
    for (let k = 0; k < 8; k++) sim.act({ at: sim.now + k * 7, type: 'write', key: k % 2 === 0 ? 'x' : 'y', value: `v${k}` });
    sim.runUntil(sim.now + 2000);
    const { writes, check } = clientHistoryOf(trace);
    expect(writes.map((w) => w.value)).toEqual(['v0', 'v1', 'v2', 'v3', 'v4', 'v5', 'v6', 'v7']);
    for (const w of writes) {
      expect(w).toMatchObject({ outcome: 'acknowledged', server: leader });
      expect(w.ackAt!).toBeGreaterThan(w.start);
    }
    expect(check.kind).toBe('linearizable');
    expect(check.keys.map((k) => k.key)).toEqual(['x', 'y']);
  });

  it('lists a refusal with the leader the follower named, and a write to a crashed server as lost', () => {
    const { sim, trace } = cluster({ nodes: 3, seed: 2 });
    runUntilLeader(sim, 5000);
    sim.runUntil(sim.now + 500);
    const leader = sim.leader()!;
    const [follower, other] = sim.ids.filter((id) => id !== leader) as [string, string];
    sim.act({ at: sim.now, type: 'write', key: 'k', value: 'to follower', node: follower });
    sim.act({ at: sim.now, type: 'crash', node: other });
    sim.act({ at: sim.now, type: 'write', key: 'k', value: 'to crashed', node: other });
    sim.runUntil(sim.now + 500);
    const { writes, check } = clientHistoryOf(trace);
    expect(writes).toEqual([
      expect.objectContaining({ value: 'to follower', server: follower, outcome: 'refused', leaderHint: leader, ackAt: null, index: null }),
      expect.objectContaining({ value: 'to crashed', server: other, outcome: 'lost', ackAt: null }),
    ]);
    // Neither took effect: nothing is left to check.
    expect(check).toMatchObject({ kind: 'linearizable', keys: [] });
  });

  it('a leader that crashes before committing leaves its writes unacknowledged, forever, even after it restarts', () => {
    const { sim, trace } = cluster({ nodes: 3, seed: 2 });
    runUntilLeader(sim, 5000);
    sim.runUntil(sim.now + 500);
    const old = sim.leader()!;
    sim.act({ at: sim.now, type: 'write', key: 'k', value: 'acked', node: old });
    sim.runUntil(sim.now + 500);
    sim.act({ at: sim.now, type: 'write', key: 'k', value: 'in flight', node: old });
    sim.act({ at: sim.now, type: 'crash', node: old });
    const crashAt = sim.now;
    runUntilLeader(sim, sim.now + 5000);
    sim.act({ at: sim.now, type: 'write', key: 'k', value: 'after' });
    sim.act({ at: sim.now + 1, type: 'restart', node: old });
    sim.runUntil(sim.now + 3000);
    const { writes, check } = clientHistoryOf(trace);
    const newLeader = writes.find((w) => w.value === 'after')!.server;
    expect(newLeader).not.toBe(old);
    expect(writes.map((w) => [w.value, w.server, w.outcome])).toEqual([
      ['acked', old, 'acknowledged'],
      ['in flight', old, 'unacknowledged'],
      ['after', newLeader, 'acknowledged'],
    ]);
    expect(writes[1]).toMatchObject({ start: crashAt, ackAt: null, index: expect.any(Number) });
    expect(check.kind).toBe('linearizable');
  });

  it('a leader cut off in a minority accepts writes it never acknowledges, while the majority acknowledges its own', () => {
    const { sim, trace } = cluster({ nodes: 5, seed: 1 });
    runUntilLeader(sim, 5000);
    sim.runUntil(sim.now + 300);
    const old = sim.leader()!;
    const others = sim.ids.filter((id) => id !== old);
    sim.act({ at: sim.now, type: 'partition', groups: [[old, others[0]!], others.slice(1)] });
    sim.act({ at: sim.now, type: 'write', key: 'x', value: 'minority', node: old });
    sim.runUntil(sim.now + 3000);
    sim.act({ at: sim.now, type: 'write', key: 'x', value: 'majority' });
    sim.runUntil(sim.now + 1000);
    const { writes } = clientHistoryOf(trace);
    expect(writes.find((w) => w.value === 'minority')).toMatchObject({ server: old, outcome: 'unacknowledged' });
    expect(writes.find((w) => w.value === 'majority')).toMatchObject({ outcome: 'acknowledged' });
    expect(writes.find((w) => w.value === 'majority')!.server).not.toBe(old);
  });

  it('a copy of the fold goes on by itself', () => {
    const { sim, trace } = cluster({ nodes: 3, seed: 2 });
    runUntilLeader(sim, 5000);
    sim.act({ at: sim.now, type: 'write', key: 'k', value: 'v' });
    const fold = new ClientHistoryFold();
    for (const e of trace) fold.see(e);
    const copy = fold.clone();
    const seen = trace.length;
    sim.runUntil(sim.now + 1000);
    for (const e of trace.slice(seen)) fold.see(e);
    expect(fold.history().writes[0]!.outcome).toBe('acknowledged');
    expect(copy.history().writes[0]!.outcome).toBe('unacknowledged');
  });
});
