import { describe, expect, it } from 'vitest';
import { cluster, node, runUntilLeader } from '../../test/support/sim.ts';

// How the simulator routes client writes (§8: clients send to the leader; others refuse and
// redirect), and that a write is acknowledged only once the leader has applied it.

describe('client writes in the simulator', () => {
  it('a write without a target goes to the leader and is acknowledged after it is applied there', () => {
    const { sim, trace } = cluster({ nodes: 3, seed: 2 });
    runUntilLeader(sim, 5000);
    const leader = sim.leader()!;
    sim.act({ at: sim.now, type: 'write', key: 'k', value: 'v' });
    sim.runUntil(sim.now + 1000);
    const accepted = trace.find((e) => e.type === 'clientWrite');
    expect(accepted).toMatchObject({ node: leader, accepted: true });
    const apply = trace.findIndex((e) => e.type === 'apply' && e.node === leader && e.value === 'v');
    const ack = trace.findIndex((e) => e.type === 'clientAck' && e.node === leader);
    expect(apply).toBeGreaterThan(-1);
    expect(ack).toBeGreaterThan(apply);
    expect(node(sim, leader).kv).toEqual({ k: 'v' });
  });

  it('a write to a follower is refused with a hint naming the leader, and changes no log', () => {
    const { sim, trace } = cluster({ nodes: 3, seed: 2 });
    runUntilLeader(sim, 5000);
    sim.runUntil(sim.now + 500);
    const leader = sim.leader()!;
    const follower = sim.ids.find((id) => id !== leader)!;
    sim.act({ at: sim.now, type: 'write', key: 'k', value: 'v', node: follower });
    sim.runUntil(sim.now + 500);
    expect(trace.find((e) => e.type === 'clientWrite')).toMatchObject({ node: follower, accepted: false, leaderHint: leader });
    // Only the leader's no-op of its term: the refused write changed no log.
    expect(sim.nodeStates.every((n) => n.log.every((e) => e.noop))).toBe(true);
  });

  it('a write to a crashed server is lost, and says so', () => {
    const { sim, trace } = cluster({ nodes: 3, seed: 2 });
    sim.act({ at: 0, type: 'crash', node: 'S2' });
    sim.act({ at: 0, type: 'write', key: 'k', value: 'v', node: 'S2' });
    expect(trace.some((e) => e.type === 'writeLost' && e.node === 'S2')).toBe(true);
  });

  it('with no leader, a write without a target is refused by a live server', () => {
    const { sim, trace } = cluster({ nodes: 3, seed: 2 });
    sim.act({ at: 0, type: 'write', key: 'k', value: 'v' });
    expect(trace.find((e) => e.type === 'clientWrite')).toMatchObject({ accepted: false, leaderHint: null });
  });
});
