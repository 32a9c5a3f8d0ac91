import { describe, expect, it } from 'vitest';
import { cluster, leadersByTerm, node, runUntilLeader } from '../../test/support/sim.ts';
import { majority } from '../engine/quorum.ts';
import type { Action, Scenario } from './scenario.ts';
import type { ClusterSettings } from './settings.ts';
import { Simulation } from './simulation.ts';
import { Timeline } from './timeline.ts';
import { traceLine, type TraceEvent } from './trace.ts';

// Membership change in a running cluster, through the addServer and removeServer actions (Raft
// thesis §4.1-§4.2): the new server boots empty, joins as a learner, catches up and is promoted;
// a removed leader steps down once its removal commits and the rest elect a new one; a removed
// server disrupts no one; and the Figure 3 properties hold throughout.

type Change = Extract<TraceEvent, { type: 'membership' }>;
const changeLines = (trace: readonly TraceEvent[]) =>
  trace.filter((e): e is Change => e.type === 'membership').map((e) => `${e.step} ${e.change} ${e.server}`);

/** A settled cluster with a leader and a few committed writes. */
function settled(settings: Partial<ClusterSettings> = {}) {
  const run = cluster({ nodes: 5, seed: 3, ...settings });
  runUntilLeader(run.sim, 5000);
  const { sim } = run;
  for (let i = 0; i < 3; i++) sim.act({ at: sim.now, type: 'write', key: 'x', value: `${i}` });
  sim.runUntil(sim.now + 400);
  return { ...run, leader: sim.leader()! };
}

describe('addServer', () => {
  it("during a split plugs the new server in on the leader's side: cut from the other side, each way, linked to the leader's", () => {
    const { sim, leader } = settled();
    const mine = [leader, ...sim.ids.filter((id) => id !== leader).slice(0, 2)];
    const theirs = sim.ids.filter((id) => !mine.includes(id));
    sim.act({ at: sim.now, type: 'partition', groups: [mine, theirs] });
    sim.act({ at: sim.now, type: 'addServer' });
    const cut = new Set(sim.cutLinks().map(([a, b]) => `${a}>${b}`));
    for (const x of theirs) expect([cut.has(`S6>${x}`), cut.has(`${x}>S6`)]).toEqual([true, true]);
    for (const x of mine) expect([cut.has(`S6>${x}`), cut.has(`${x}>S6`)]).toEqual([false, false]);
    // On that side it catches up and is promoted: the leader's side then holds 4 of 6.
    sim.runUntil(sim.now + 3000);
    expect(node(sim, leader).membership.voters).toContain('S6');
    expect(node(sim, 'S6').log.length).toBe(node(sim, leader).log.length);
  });

  for (const settings of [
    {},
    { preVote: true, checkQuorum: true },
    { diskWrite: 4 },
    { loss: 0.1, seed: 8 },
  ] as Partial<ClusterSettings>[]) {
    it(`boots S6, which joins as a learner, catches up and is promoted: every server then counts 6 voters (${JSON.stringify(settings)})`, () => {
      const { sim, trace, leader } = settled(settings);
      sim.act({ at: sim.now, type: 'addServer' });
      expect(sim.ids).toEqual(['S1', 'S2', 'S3', 'S4', 'S5', 'S6']);
      expect(node(sim, leader).membership.learners).toEqual(['S6']);
      sim.runUntil(sim.now + 1000);
      expect(changeLines(trace)).toEqual([
        'proposed addLearner S6',
        'committed addLearner S6',
        'proposed promote S6',
        'committed promote S6',
      ]);
      for (const n of sim.nodeStates) expect(n.membership, n.id).toEqual({ voters: ['S1', 'S2', 'S3', 'S4', 'S5', 'S6'], learners: [] });
      // S6 holds the leader's log, committed entries included.
      expect(node(sim, 'S6').log).toEqual(node(sim, sim.leader()!).log);
      expect(node(sim, 'S6').commitIndex).toBeGreaterThan(3);
      expect(sim.violations).toEqual([]);
    });
  }

  it('6 servers: a leader needs 4, so three of them can no longer elect one', () => {
    const { sim, trace } = settled();
    sim.act({ at: sim.now, type: 'addServer' });
    sim.runUntil(sim.now + 1000);
    expect(majority(node(sim, 'S1').membership.voters.length)).toBe(4);
    // Three servers on each side: neither can elect (of five, three would have).
    sim.act({
      at: sim.now,
      type: 'partition',
      groups: [
        ['S1', 'S2', 'S3'],
        ['S4', 'S5', 'S6'],
      ],
    });
    const split = trace.length;
    sim.runUntil(sim.now + 3000);
    expect(trace.slice(split).filter((e) => e.type === 'role' && e.role === 'leader')).toEqual([]);
    expect(trace.slice(split).some((e) => e.type === 'electionTimeout')).toBe(true);
    // A leader from before the split hangs on (no CheckQuorum here) but commits nothing new.
    for (const l of sim.nodeStates.filter((n) => n.state.role === 'leader')) {
      const before = l.commitIndex;
      sim.act({ at: sim.now, type: 'write', key: 'y', value: 'split', node: l.id });
      sim.runUntil(sim.now + 500);
      expect(l.commitIndex).toBe(before);
    }
    // Four together can.
    sim.act({
      at: sim.now,
      type: 'partition',
      groups: [
        ['S1', 'S2', 'S3', 'S4'],
        ['S5', 'S6'],
      ],
    });
    const joined = trace.length;
    sim.runUntil(sim.now + 3000);
    expect(trace.slice(joined).some((e) => e.type === 'role' && e.role === 'leader' && ['S1', 'S2', 'S3', 'S4'].includes(e.node))).toBe(
      true,
    );
    expect(sim.violations).toEqual([]);
  });

  it('is refused with no leader, while a change is pending, and past nine servers', () => {
    const run = cluster({ nodes: 3, seed: 3 });
    run.sim.act({ at: 0, type: 'addServer' });
    expect(run.trace).toContainEqual(expect.objectContaining({ type: 'membershipRefused', change: 'add', reason: 'noLeader' }));
    expect(run.sim.ids).toHaveLength(3);
    runUntilLeader(run.sim, 5000);
    run.sim.runUntil(run.sim.now + 100); // the no-op of the leader's term commits
    run.sim.act({ at: run.sim.now, type: 'addServer' });
    run.sim.act({ at: run.sim.now, type: 'addServer' });
    expect(run.trace).toContainEqual(expect.objectContaining({ type: 'membership', step: 'refused', reason: 'changePending' }));
    // The refused one booted nothing: the name S5 is still free.
    expect(run.sim.ids).toEqual(['S1', 'S2', 'S3', 'S4']);
    const { sim, trace } = cluster({ nodes: 8, seed: 3 });
    runUntilLeader(sim, 5000);
    sim.runUntil(sim.now + 100);
    sim.act({ at: sim.now, type: 'addServer' });
    sim.runUntil(sim.now + 1000);
    sim.act({ at: sim.now, type: 'addServer' });
    expect(sim.ids).toHaveLength(9);
    expect(trace.at(-1)).toMatchObject({ type: 'membershipRefused', reason: 'full' });
  });
});

describe('removeServer', () => {
  it('removes the leader: it leads until the removal commits, steps down, and a new leader is elected from the rest', () => {
    const { sim, trace, leader } = settled();
    const term = node(sim, leader).currentTerm;
    sim.act({ at: sim.now, type: 'removeServer', node: leader });
    expect(sim.leader()).toBe(leader); // still leading, not counting itself
    sim.runUntil(sim.now + 2000);
    expect(changeLines(trace)).toEqual([`proposed remove ${leader}`, `committed remove ${leader}`]);
    expect(trace).toContainEqual(expect.objectContaining({ type: 'role', node: leader, role: 'follower', cause: 'removed' }));
    const next = sim.leader();
    expect(next).not.toBeNull();
    expect(next).not.toBe(leader);
    expect(node(sim, next!).currentTerm).toBeGreaterThan(term);
    expect(node(sim, next!).membership.voters).not.toContain(leader);
    // The removed leader never ran for leader again, and the new leader commits with the four.
    const stepDown = trace.findIndex((e) => e.type === 'role' && e.node === leader && e.cause === 'removed');
    expect(trace.slice(stepDown).some((e) => e.type === 'electionTimeout' && e.node === leader)).toBe(false);
    sim.act({ at: sim.now, type: 'write', key: 'z', value: 'after' });
    sim.runUntil(sim.now + 300);
    expect(node(sim, next!).log.at(node(sim, next!).commitIndex - 1)).toMatchObject({ key: 'z', value: 'after' });
    expect(sim.violations).toEqual([]);
    expect([...leadersByTerm(trace).values()].every((s) => s.size === 1)).toBe(true);
  });

  it('removes a follower, which learns that its removal committed and goes quiet: no more campaigns', () => {
    const { sim, trace, leader } = settled();
    const gone = sim.ids.find((id) => id !== leader)!;
    sim.act({ at: sim.now, type: 'removeServer', node: gone });
    sim.runUntil(sim.now + 300);
    expect(changeLines(trace)).toEqual([`proposed remove ${gone}`, `committed remove ${gone}`]);
    expect(node(sim, gone).commitIndex).toBeGreaterThanOrEqual(node(sim, gone).membershipIndex);
    const from = trace.length;
    sim.runUntil(sim.now + 3000);
    expect(trace.slice(from).filter((e) => e.type === 'electionTimeout' && e.node === gone)).toEqual([]);
    expect(sim.leader()).toBe(leader);
    expect(sim.violations).toEqual([]);
  });

  it('a removed server that never learned of its removal does not disrupt the cluster: its vote requests are refused', () => {
    const { sim, trace, leader } = settled();
    const gone = sim.ids.find((id) => id !== leader)!;
    const rest = sim.ids.filter((id) => id !== gone);
    sim.act({ at: sim.now, type: 'partition', groups: [rest, [gone]] });
    sim.act({ at: sim.now, type: 'removeServer', node: gone });
    sim.runUntil(sim.now + 500);
    expect(node(sim, leader).commitIndex).toBe(node(sim, leader).membershipIndex);
    // It still believes it is a voter, and campaigns with ever higher terms once it can reach the others.
    expect(node(sim, gone).membership.voters).toContain(gone);
    sim.act({ at: sim.now, type: 'heal' });
    const term = node(sim, leader).currentTerm;
    const from = trace.length;
    sim.runUntil(sim.now + 3000);
    const after = trace.slice(from);
    expect(after.some((e) => e.type === 'electionTimeout' && e.node === gone)).toBe(true);
    expect(after.some((e) => e.type === 'drop' && e.from === gone && e.reason === 'removed')).toBe(true);
    // The leader was never unseated: same leader, same term.
    expect(sim.leader()).toBe(leader);
    expect(node(sim, leader).currentTerm).toBe(term);
    expect(sim.violations).toEqual([]);
  });

  it('is refused with no leader, for a server never present, and for the last voter', () => {
    const run = cluster({ nodes: 1, seed: 3 });
    run.sim.act({ at: 0, type: 'removeServer', node: 'S1' });
    expect(run.trace.at(-1)).toMatchObject({ type: 'membershipRefused', reason: 'noLeader' });
    runUntilLeader(run.sim, 5000);
    run.sim.act({ at: run.sim.now, type: 'removeServer', node: 'S1' });
    expect(run.trace.at(-1)).toMatchObject({ type: 'membership', step: 'refused', reason: 'lastVoter' });
    run.sim.act({ at: run.sim.now, type: 'removeServer', node: 'S7' });
    expect(run.trace.at(-1)).toMatchObject({ type: 'membershipRefused', reason: 'unknownServer' });
  });
});

describe('membership changes replay exactly', () => {
  const settings: ClusterSettings = { ...cluster().sim.settings, nodes: 5, seed: 41, loss: 0.05, duplicate: 0.05, reorder: true };
  const actions: Action[] = [
    { at: 600, type: 'addServer' },
    { at: 700, type: 'crash', node: 'S6' }, // named before it existed in the document: allowed once added
    { at: 900, type: 'restart', node: 'S6' },
    { at: 1500, type: 'removeServer', node: 'S2' },
    { at: 2200, type: 'crashLeader' },
    { at: 2600, type: 'addServer' },
    { at: 3400, type: 'removeServer', node: 'S1' },
  ];
  const scenario: Scenario = { version: 1, settings, actions };

  function run(until = 5000): string[] {
    const lines: string[] = [];
    const sim = Simulation.fromScenario(scenario, { onEvent: (e) => lines.push(traceLine(e)) });
    sim.runUntil(until);
    sim.finish();
    expect(sim.violations).toEqual([]);
    return lines;
  }

  it('the same seed and actions give the same trace, byte for byte', () => {
    const a = run();
    expect(a.join('\n')).toBe(run().join('\n'));
    expect(a.some((l) => l.includes('"type":"serverAdded"'))).toBe(true);
  });

  for (const at of [500, 800, 1700, 3000]) {
    it(`a snapshot at ${at} ms, restored, runs on exactly as the whole run did`, () => {
      const whole = run();
      const lines: string[] = [];
      const sim = Simulation.fromScenario(scenario, { onEvent: (e) => lines.push(traceLine(e)) });
      sim.runUntil(at);
      const before = lines.length;
      const snap = sim.snapshot();
      sim.runUntil(4000);
      const again: string[] = [];
      const restored = Simulation.restore(snap, { onEvent: (e) => again.push(traceLine(e)) });
      restored.runUntil(5000);
      restored.finish();
      expect(again).toEqual(whole.slice(before));
    });
  }

  it('time travel goes back before a server was added and forward again', () => {
    const timeline = new Timeline({ version: 1, settings, actions: [] }, { snapshotEvery: 250 });
    timeline.advance(600);
    timeline.act({ type: 'addServer' });
    timeline.advance(2500);
    const later = timeline.sim.nodeStates.map((n) => ({ id: n.id, log: n.log.slice(), membership: n.membership }));
    expect(later.map((n) => n.id)).toContain('S6');
    timeline.seek(400);
    expect(timeline.sim.ids).toHaveLength(5);
    timeline.seek(2500);
    expect(timeline.sim.nodeStates.map((n) => ({ id: n.id, log: n.log.slice(), membership: n.membership }))).toEqual(later);
  });
});
