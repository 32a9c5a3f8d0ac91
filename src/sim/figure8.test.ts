import { describe, expect, it } from 'vitest';
import { cluster, committed, expectCommittedPrefixesAgree, node } from '../../test/support/sim.ts';
import type { BrokenRuleName } from './settings.ts';
import type { Simulation } from './simulation.ts';
import { roleOf } from '../engine/node.ts';

// The Raft paper's Figure 8, scripted with crashes and forced timeouts on five servers:
//  (a) S1 leads and stores an entry at index 2 on itself and S2 only;
//  (b) S1 crashes; S5 is elected by S3, S4, S5 and stores a different entry at index 2 on itself;
//  (c) S5 crashes; S1 returns, is elected in a later term and copies its index-2 entry to a
//      majority (S1, S2, S3) -- an entry of an older term;
//  (d) S1 crashes; S5 returns and can be elected (its last term is higher) and overwrite index 2.
// So a leader must not commit an old-term entry by counting replicas; it is committed only once
// an entry of the leader's own term is (e).

const act = (sim: Simulation, a: Parameters<Simulation['act']>[0]) => sim.act(a);

function figure8(broken: readonly BrokenRuleName[] = []) {
  const run = cluster({ nodes: 5, seed: 1, latency: [10, 10], electionTimeout: [400, 800], broken, noopEntry: false });
  const { sim } = run;
  const at = (dt: number) => sim.runUntil(sim.now + dt);
  const timeout = (id: string) => act(sim, { at: sim.now, type: 'timeoutNow', node: id });
  const crash = (...ids: string[]) => ids.forEach((id) => act(sim, { at: sim.now, type: 'crash', node: id }));
  const restart = (...ids: string[]) => ids.forEach((id) => act(sim, { at: sim.now, type: 'restart', node: id }));

  // Index 1, committed everywhere.
  timeout('S1');
  at(50);
  expect(sim.leader()).toBe('S1');
  act(sim, { at: sim.now, type: 'write', key: 'x', value: 'one' });
  at(200); // the commit reaches followers with the next heartbeat
  expect(sim.nodeStates.every((n) => n.commitIndex === 1)).toBe(true);

  // (a) S1 stores index 2 on S1 and S2 only.
  crash('S3', 'S4', 'S5');
  act(sim, { at: sim.now, type: 'write', key: 'x', value: 'a' });
  at(50);
  expect(node(sim, 'S2').log.map((e) => e.value)).toEqual(['one', 'a']);
  expect(node(sim, 'S1').commitIndex).toBe(1);

  // (b) S1 and S2 crash; S5 is elected by S3 and S4 and stores 'b' at index 2 on itself only.
  crash('S1', 'S2');
  restart('S3', 'S4', 'S5');
  at(10);
  timeout('S5');
  at(50);
  expect(sim.leader()).toBe('S5');
  act(sim, { at: sim.now, type: 'partition', groups: [['S5'], ['S1', 'S2', 'S3', 'S4']] });
  act(sim, { at: sim.now, type: 'write', key: 'x', value: 'b' });
  at(10);
  crash('S5');
  act(sim, { at: sim.now, type: 'heal' });
  const termB = node(sim, 'S5').currentTerm;
  expect(node(sim, 'S5').log.map((e) => `${e.value}@${e.term}`)).toEqual(['one@1', `b@${termB}`]);

  // (c) S1 and S2 return; S1 is elected in a later term and copies 'a' (an old-term entry) to S3.
  restart('S1', 'S2');
  at(10);
  timeout('S1'); // term 2: S3 and S4 voted for S5 in term 2 already
  at(40);
  timeout('S1'); // term 3: wins with S2, S3, S4
  at(80);
  expect(sim.leader()).toBe('S1');
  const termC = node(sim, 'S1').currentTerm;
  expect(termC).toBeGreaterThan(termB);
  const holders = sim.nodeStates.filter((n) => n.log[1]?.value === 'a').map((n) => n.id);
  expect(holders.length).toBeGreaterThanOrEqual(3); // a majority stores the old-term entry
  return { ...run, termB, termC };
}

describe('Figure 8 in the simulator', () => {
  it('(c) the leader does not commit the old-term entry a majority stores; (d) another leader may overwrite it safely', () => {
    const { sim, termC } = figure8();
    // Restarted, S1 forgot its commit index; as leader it may not count its way past index 1.
    expect(node(sim, 'S1').commitIndex).toBeLessThan(2);
    expect(sim.nodeStates.every((n) => n.commitIndex <= 1)).toBe(true);

    // (d) S1 crashes before any entry of its own term; S5 returns and wins: its last term is higher.
    crashAndElectS5(sim);
    expect(node(sim, 'S5').currentTerm).toBeGreaterThan(termC);
    sim.runUntil(sim.now + 500);
    act(sim, { at: sim.now, type: 'write', key: 'x', value: 'd' });
    sim.runUntil(sim.now + 500);
    for (const id of ['S2', 'S3', 'S4', 'S5']) expect(node(sim, id).log.map((e) => e.value)).toEqual(['one', 'b', 'd']);
    expectCommittedPrefixesAgree(sim);
    expect(sim.violations).toEqual([]);
  });

  it('(e) once an entry of the current term is stored on a majority, both it and the old entry are committed, and S5 can never win', () => {
    const { sim } = figure8();
    act(sim, { at: sim.now, type: 'write', key: 'x', value: 'e' });
    sim.runUntil(sim.now + 100);
    expect(node(sim, 'S1').commitIndex).toBe(3);
    expect(committed(node(sim, 'S1')).map((e) => e.value)).toEqual(['one', 'a', 'e']);

    act(sim, { at: sim.now, type: 'crash', node: 'S1' });
    act(sim, { at: sim.now, type: 'restart', node: 'S5' });
    for (let i = 0; i < 5; i++) {
      act(sim, { at: sim.now, type: 'timeoutNow', node: 'S5' });
      sim.runUntil(sim.now + 40);
      expect(roleOf(node(sim, 'S5'))).not.toBe('leader');
    }
    sim.runUntil(sim.now + 5000);
    const leader = sim.leader()!;
    expect(leader).not.toBe('S5');
    expect(
      committed(node(sim, leader))
        .map((e) => e.value)
        .slice(0, 3),
    ).toEqual(['one', 'a', 'e']);
    expect(
      node(sim, 'S5')
        .log.map((e) => e.value)
        .slice(0, 3),
    ).toEqual(['one', 'a', 'e']);
    expect(sim.violations).toEqual([]);
  });

  it('with commitOldTermByCount broken, the same script loses a committed entry and the checker says so', () => {
    const { sim } = figure8(['commitOldTermByCount']);
    expect(node(sim, 'S1').commitIndex).toBe(2); // wrongly committed by counting
    crashAndElectS5(sim);
    sim.runUntil(sim.now + 1000);
    const properties = new Set(sim.violations.map((v) => v.property));
    expect(properties.has('LeaderCompleteness')).toBe(true);
    expect(properties.has('StateMachineSafety')).toBe(true);
  });
});

describe('Figure 8 with the no-op entry (paper §8; on by default, as in real servers)', () => {
  it('(c) re-elected with the old entry on a majority, S1 commits it at once through its own no-op, without any client write; S5 can never win', () => {
    const { sim } = cluster({ nodes: 5, seed: 1, latency: [10, 10], electionTimeout: [400, 800] });
    const timeout = (id: string) => act(sim, { at: sim.now, type: 'timeoutNow', node: id });
    const each = (type: 'crash' | 'restart', ...ids: string[]) => ids.forEach((id) => act(sim, { at: sim.now, type, node: id }));
    const values = (id: string) => node(sim, id).log.map((e) => (e.noop ? `noop@${e.term}` : `${e.value}@${e.term}`));

    timeout('S1');
    sim.runUntil(50);
    act(sim, { at: sim.now, type: 'write', key: 'x', value: 'one' });
    sim.runUntil(250);
    // (a) S1 stores 'a' on itself and S2 only.
    each('crash', 'S3', 'S4', 'S5');
    act(sim, { at: sim.now, type: 'write', key: 'x', value: 'a' });
    sim.runUntil(sim.now + 50);
    expect(values('S2')).toEqual(['noop@1', 'one@1', 'a@1']);
    // (b) S5 wins term 2 with S3's and S4's votes and is cut off the moment it wins, so its
    // no-op stays on S5 alone, like the paper's entry at index 3 of (b).
    each('crash', 'S1', 'S2');
    each('restart', 'S3', 'S4', 'S5');
    sim.runUntil(sim.now + 10);
    timeout('S5');
    while (sim.leader() !== 'S5') sim.stepMoment();
    act(sim, { at: sim.now, type: 'partition', groups: [['S5'], ['S1', 'S2', 'S3', 'S4']] });
    sim.runUntil(sim.now + 50);
    each('crash', 'S5');
    act(sim, { at: sim.now, type: 'heal' });
    expect(values('S5')).toEqual(['noop@1', 'one@1', 'noop@2']);
    expect(values('S3')).toEqual(['noop@1', 'one@1']);

    // (c) S1 returns and wins a later term. Without the no-op it would now hold 'a' on a majority
    // uncommitted (the test above); with it, its term's no-op goes out at once and commits 'a' with it.
    each('restart', 'S1', 'S2');
    sim.runUntil(sim.now + 10);
    timeout('S1');
    sim.runUntil(sim.now + 40);
    if (sim.leader() !== 'S1') timeout('S1');
    sim.runUntil(sim.now + 80);
    expect(sim.leader()).toBe('S1');
    const term = node(sim, 'S1').currentTerm;
    expect(values('S1')).toEqual(['noop@1', 'one@1', 'a@1', `noop@${term}`]);
    expect(node(sim, 'S1').commitIndex).toBe(4);
    expect(committed(node(sim, 'S1')).map((e) => e.value)).toEqual(['one', 'a']);

    // (d) cannot happen: S5's last term (2) is older than the committed no-op's, so it never wins.
    each('crash', 'S1');
    each('restart', 'S5');
    for (let i = 0; i < 5; i++) {
      timeout('S5');
      sim.runUntil(sim.now + 40);
      expect(roleOf(node(sim, 'S5'))).not.toBe('leader');
    }
    sim.runUntil(sim.now + 5000);
    expect(
      committed(node(sim, sim.leader()!))
        .slice(0, 2)
        .map((e) => e.value),
    ).toEqual(['one', 'a']);
    expect(sim.violations).toEqual([]);
  });
});

function crashAndElectS5(sim: Simulation): void {
  act(sim, { at: sim.now, type: 'crash', node: 'S1' });
  act(sim, { at: sim.now, type: 'restart', node: 'S5' });
  // S5's term is behind the others': its first attempts only teach it the current term.
  for (let i = 0; i < 4 && sim.leader() !== 'S5'; i++) {
    act(sim, { at: sim.now, type: 'timeoutNow', node: 'S5' });
    sim.runUntil(sim.now + 40);
  }
  expect(sim.leader()).toBe('S5');
}
