import { describe, expect, it } from 'vitest';
import { cluster, node, runUntilLeader } from '../../test/support/sim.ts';
import type { NodeId } from '../engine/types.ts';
import { roleOf } from '../engine/node.ts';

// What a server cut off alone does to the cluster when it comes back (Raft thesis §9.6), and what
// a leader cut off from the majority does (§6.2, CheckQuorum).

function isolateFollowerAndRejoin(preVote: boolean) {
  const run = cluster({ nodes: 5, seed: 4, preVote });
  const { sim } = run;
  runUntilLeader(sim, 5000);
  sim.runUntil(1000);
  const leader = sim.leader()!;
  const term = node(sim, leader).currentTerm;
  const lonely = sim.ids.find((id) => id !== leader)!;
  const rest = sim.ids.filter((id) => id !== lonely);
  sim.act({ at: sim.now, type: 'partition', groups: [rest, [lonely]] });
  sim.runUntil(sim.now + 5000); // many election timeouts alone
  const lonelyTerm = node(sim, lonely).currentTerm;
  sim.act({ at: sim.now, type: 'heal' });
  const healedAt = sim.now;
  sim.runUntil(sim.now + 3000);
  return { ...run, leader, term, lonely, lonelyTerm, healedAt };
}

describe('a server cut off alone, then rejoining', () => {
  it('without PreVote, it raises its term while alone and forces the leader to step down on return', () => {
    const { sim, trace, leader, term, lonelyTerm, healedAt } = isolateFollowerAndRejoin(false);
    expect(lonelyTerm).toBeGreaterThan(term + 3);
    const stepDown = trace.find((e) => e.t >= healedAt && e.type === 'role' && e.node === leader && e.role === 'follower');
    expect(stepDown).toBeDefined();
    expect(sim.leader()).not.toBeNull();
    expect(node(sim, sim.leader()!).currentTerm).toBeGreaterThan(term);
    expect(sim.violations).toEqual([]);
  });

  it('with PreVote, its term does not move while alone and the leader keeps its term on return', () => {
    const { sim, trace, leader, term, lonely, lonelyTerm, healedAt } = isolateFollowerAndRejoin(true);
    expect(lonelyTerm).toBe(term);
    expect(trace.some((e) => e.t >= healedAt && e.type === 'role' && e.node === leader && e.role !== 'leader')).toBe(false);
    expect(sim.leader()).toBe(leader);
    for (const n of sim.nodeStates) expect(n.currentTerm).toBe(term);
    expect(node(sim, lonely).leaderId).toBe(leader);
  });
});

describe('a leader cut off from the majority', () => {
  function isolateLeader(checkQuorum: boolean) {
    const run = cluster({ nodes: 5, seed: 8, checkQuorum });
    const { sim } = run;
    runUntilLeader(sim, 5000);
    sim.runUntil(1000);
    const leader = sim.leader()!;
    const others = sim.ids.filter((id) => id !== leader);
    const friend = others[0]!;
    // The old leader keeps one follower: 2 of 5 is still a minority.
    sim.act({ at: sim.now, type: 'partition', groups: [[leader, friend], others.slice(1)] });
    const cutAt = sim.now;
    sim.runUntil(sim.now + 3000);
    return { ...run, leader, cutAt, majority: others.slice(1) as NodeId[] };
  }

  it('with CheckQuorum, steps down within about an election timeout', () => {
    const { sim, trace, leader, cutAt } = isolateLeader(true);
    const stepDown = trace.find((e) => e.t >= cutAt && e.type === 'role' && e.node === leader && e.role === 'follower');
    expect(stepDown).toMatchObject({ cause: 'lostQuorum' });
    // The check runs every minimum election timeout; the first check may still count replies
    // from before the cut, so the bound is two of them.
    expect(stepDown!.t - cutAt).toBeLessThanOrEqual(2 * sim.settings.electionTimeout[0]);
    expect(roleOf(node(sim, leader))).toBe('follower');
  });

  it('without CheckQuorum, stays leader of its old term though it commits nothing', () => {
    const { sim, leader, majority } = isolateLeader(false);
    expect(roleOf(node(sim, leader))).toBe('leader');
    const others = majority.map((id) => node(sim, id));
    expect(others.some((n) => roleOf(n) === 'leader')).toBe(true);
  });
});
