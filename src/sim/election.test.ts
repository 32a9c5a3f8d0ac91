import { describe, expect, it } from 'vitest';
import { cluster, leaderAmong, leadersByTerm, node, runUntilLeader } from '../../test/support/sim.ts';
import type { NodeId } from '../engine/types.ts';
import { roleOf } from '../engine/node.ts';

// Leader election in a cluster, in the spirit of the MIT 6.824 Raft lab tests (2A): a leader
// within 5 seconds whenever a majority is up and connected, no needless elections, re-election
// after failures, and at most 10 heartbeats a second.

describe('leader election (6.824 2A)', () => {
  it('initial election: one leader, everyone agrees on its term, and the term stays put without failures', () => {
    const { sim, trace } = cluster({ nodes: 3, seed: 11 });
    expect(runUntilLeader(sim, 5000)).not.toBeNull();
    sim.runUntil(2000);
    const leader = sim.leader()!;
    const term = node(sim, leader).currentTerm;
    for (const n of sim.nodeStates) expect(n.currentTerm).toBe(term);
    sim.runUntil(10_000);
    expect(sim.leader()).toBe(leader);
    for (const n of sim.nodeStates) expect(n.currentTerm).toBe(term);
    for (const [, who] of leadersByTerm(trace)) expect(who.size).toBe(1);
    expect(sim.violations).toEqual([]);
  });

  it('elects a leader within 5 s for many seeds and cluster sizes', () => {
    for (const nodes of [1, 3, 5, 7]) {
      for (let seed = 1; seed <= 20; seed++) {
        const { sim } = cluster({ nodes, seed });
        expect(runUntilLeader(sim, 5000), `nodes ${nodes} seed ${seed}`).not.toBeNull();
      }
    }
  });

  it('a leader sends at most 10 AppendEntries a second to each follower when idle', () => {
    const { sim, trace } = cluster({ nodes: 5, seed: 3 });
    sim.runUntil(10_000);
    const leader = sim.leader()!;
    const perSecond = new Map<string, number>();
    for (const e of trace) {
      if (e.type !== 'send' || e.rpc.type !== 'AppendEntries' || e.from !== leader || e.t < 2000) continue;
      const k = `${e.to}@${Math.floor(e.t / 1000)}`;
      perSecond.set(k, (perSecond.get(k) ?? 0) + 1);
    }
    // 4 followers, 8 whole seconds (2..9).
    expect(perSecond.size).toBe(32);
    for (const [k, count] of perSecond) {
      expect(count, k).toBeLessThanOrEqual(10);
      expect(count, k).toBeGreaterThanOrEqual(9); // and it does keep heartbeating
    }
  });

  it('re-election: a new leader after the leader dies; the old one rejoins as follower; no leader without a majority', () => {
    const { sim, trace } = cluster({ nodes: 3, seed: 5 });
    runUntilLeader(sim, 5000);
    sim.runUntil(1500);
    const l1 = sim.leader()!;
    sim.act({ at: sim.now, type: 'crash', node: l1 });
    const others = sim.ids.filter((id) => id !== l1);
    expect(runUntilLeader(sim, sim.now + 5000, others)).not.toBeNull();
    const l2 = leaderAmong(sim, others)!;
    const t2 = node(sim, l2).currentTerm;

    // The old leader comes back: it must not disturb the new leader (it hears a higher term).
    sim.act({ at: sim.now, type: 'restart', node: l1 });
    sim.runUntil(sim.now + 2000);
    expect(sim.leader()).toBe(l2);
    expect(roleOf(node(sim, l1))).toBe('follower');
    expect(node(sim, l1).currentTerm).toBe(t2);

    // Two of three down: no leader may emerge.
    const [a, b] = sim.ids.filter((id) => id !== l1) as [NodeId, NodeId];
    sim.act({ at: sim.now, type: 'crash', node: a });
    sim.act({ at: sim.now, type: 'crash', node: b });
    sim.runUntil(sim.now + 5000);
    expect(sim.leader()).toBeNull();

    // A majority again: a leader within 5 s.
    sim.act({ at: sim.now, type: 'restart', node: a });
    expect(runUntilLeader(sim, sim.now + 5000)).not.toBeNull();
    for (const [, who] of leadersByTerm(trace)) expect(who.size).toBe(1);
    expect(sim.violations).toEqual([]);
  });

  it('many elections: 7 servers, 3 crash at a time, a leader among the rest within 5 s each round', () => {
    const { sim, trace } = cluster({ nodes: 7, seed: 9 });
    const rounds: NodeId[][] = [
      ['S1', 'S2', 'S3'],
      ['S4', 'S5', 'S6'],
      ['S7', 'S1', 'S4'],
      ['S2', 'S5', 'S7'],
      ['S3', 'S6', 'S1'],
      ['S2', 'S4', 'S6'],
      ['S1', 'S3', 'S5'],
      ['S5', 'S6', 'S7'],
      ['S1', 'S2', 'S7'],
      ['S3', 'S4', 'S5'],
    ];
    for (const down of rounds) {
      for (const id of down) sim.act({ at: sim.now, type: 'crash', node: id });
      const up = sim.ids.filter((id) => !down.includes(id));
      expect(runUntilLeader(sim, sim.now + 5000, up), `with ${down.join(',')} down`).not.toBeNull();
      for (const id of down) sim.act({ at: sim.now, type: 'restart', node: id });
      sim.runUntil(sim.now + 500);
    }
    expect(runUntilLeader(sim, sim.now + 5000)).not.toBeNull();
    for (const [, who] of leadersByTerm(trace)) expect(who.size).toBe(1);
    expect(sim.violations).toEqual([]);
  });

  it('a partitioned majority elects within 5 s while the minority elects nobody', () => {
    const { sim } = cluster({ nodes: 5, seed: 21 });
    sim.act({
      at: 0,
      type: 'partition',
      groups: [
        ['S1', 'S2', 'S3'],
        ['S4', 'S5'],
      ],
    });
    expect(runUntilLeader(sim, 5000, ['S1', 'S2', 'S3'])).not.toBeNull();
    for (let t = sim.now; t < 10_000; t += 50) {
      sim.runUntil(t);
      expect(leaderAmong(sim, ['S4', 'S5'])).toBeNull();
    }
  });
});
