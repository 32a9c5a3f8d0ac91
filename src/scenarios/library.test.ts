import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { RaftNode } from '../engine/node.ts';
import type { LogEntry } from '../engine/types.ts';
import { isMessageAction, type Scenario } from '../sim/scenario.ts';
import { narrate } from '../narration/narrate.ts';
import { Simulation } from '../sim/simulation.ts';
import type { TraceEvent, TraceEventType } from '../sim/trace.ts';
import { parseScenario } from '../sim/validate.ts';
import { findScenario, SCENARIOS, type LibraryScenario } from './index.ts';
import { clientHistoryOf } from '../sim/clientHistory.ts';
import { roleOf } from '../engine/node.ts';

// Each library scenario claims, in its description, that something happens. These tests hold it
// to that claim, with its own seed: if an engine change moves the moment, the test says which.

type Ev<T extends TraceEventType> = Extract<TraceEvent, { type: T }>;

class Run {
  readonly events: TraceEvent[] = [];
  readonly sim: Simulation;
  constructor(scenario: Scenario) {
    this.sim = Simulation.fromScenario(scenario, { onEvent: (e) => this.events.push(e) });
  }
  to(t: number): this {
    this.sim.runUntil(t);
    return this;
  }
  of<T extends TraceEventType>(type: T, from = 0, to = Infinity): Ev<T>[] {
    return this.events.filter((e): e is Ev<T> => e.type === type && e.t >= from && e.t < to);
  }
  leadersElected(from = 0, to = Infinity): Ev<'role'>[] {
    return this.of('role', from, to).filter((e) => e.role === 'leader');
  }
  node(id: string): RaftNode {
    const n = this.sim.nodeStates.find((x) => x.id === id);
    if (!n) throw new Error(`no node ${id}`);
    return n;
  }
}

function scenario(name: string): LibraryScenario {
  const s = findScenario(name);
  if (!s) throw new Error(`no scenario ${name}`);
  return s;
}

function play(name: string): Run {
  const s = scenario(name);
  return new Run(s).to(s.until);
}

const terms = (log: readonly { term: number }[]) => log.map((e) => e.term);
/** The client writes in a log, leaving out the leaders' no-op entries. */
const values = (log: readonly LogEntry[]) => log.filter((e) => !e.noop).map((e) => e.value);
/** The client writes a server knows are committed. */
const committedWrites = (n: RaftNode) => values(n.log.slice(0, n.commitIndex));
/** Everything in the log is committed. */
const allCommitted = (n: RaftNode) => n.commitIndex === n.log.length;

describe('the scenario library', () => {
  it('holds every JSON file of src/scenarios, each named after its file', () => {
    const files = readdirSync('src/scenarios')
      .filter((f) => f.endsWith('.json'))
      .map((f) => f.replace(/\.json$/, ''));
    expect(SCENARIOS.map((s) => s.name).sort()).toEqual(files.sort());
  });

  for (const s of SCENARIOS) {
    it(`${s.name}: a valid version 1 document with a one-line description, and no Figure 3 violation`, () => {
      const raw: unknown = JSON.parse(readFileSync(`src/scenarios/${s.name}.json`, 'utf8'));
      expect(raw).toMatchObject({ version: 1 });
      expect(parseScenario(raw)).toEqual(s);
      expect(s.description).not.toMatch(/\n/);
      expect(s.actions.every((a) => a.at < s.until)).toBe(true);
      expect(play(s.name).sim.violations).toEqual([]);
    });
  }
});

describe('first-election', () => {
  it('elects exactly one leader in term 1, whose heartbeats stop any other election', () => {
    const run = play('first-election');
    const [won, ...others] = run.leadersElected();
    expect(won).toMatchObject({ term: 1 });
    expect(others).toEqual([]);
    expect(
      run
        .of('role')
        .filter((e) => e.role === 'candidate')
        .map((e) => e.node),
    ).toEqual([won!.node]);
    expect(run.of('electionTimeout', won!.t)).toEqual([]);
    for (const n of run.sim.nodeStates) {
      expect(n.currentTerm).toBe(1);
      expect(n.leaderId).toBe(won!.node);
    }
  });
});

describe('leadership-transfer', () => {
  it('S1 stops taking writes, brings S3 (two writes behind) up to date, sends TimeoutNow, and S3 wins term 2 before any timer runs out', () => {
    const s = scenario('leadership-transfer');
    const run = new Run(s).to(800);
    // S3 restarts two writes behind the leader.
    expect(values(run.node('S1').log)).toEqual(['1', '2', '3']);
    expect(values(run.node('S3').log)).toEqual(['1']);
    run.to(s.until);
    const steps = run.of('transfer');
    expect(steps.map((e) => [e.step, e.from, e.to])).toEqual([
      ['start', 'S1', 'S3'],
      ['catchUp', 'S1', 'S3'],
      ['timeoutNow', 'S1', 'S3'],
      ['done', 'S1', 'S3'],
    ]);
    // The write sent meanwhile is refused, naming the handover.
    expect(run.of('clientWrite', 800, 1000)).toEqual([
      expect.objectContaining({ node: 'S1', value: '4', accepted: false, handingTo: 'S3' }),
    ]);
    // TimeoutNow goes out only once S3 holds S1's whole log.
    const timeoutNow = run.of('send').find((e) => e.rpc.type === 'TimeoutNow')!;
    const caughtUp = run.of('send', 800).find((e) => e.from === 'S3' && e.rpc.type === 'AppendEntriesReply' && e.rpc.matchIndex === 4);
    expect(caughtUp).toBeDefined();
    expect(caughtUp!.t).toBeLessThanOrEqual(timeoutNow.t);
    // S3 wins term 2 at once: no timer ran out after the first election.
    expect(run.leadersElected().map((e) => [e.node, e.term])).toEqual([
      ['S1', 1],
      ['S3', 2],
    ]);
    expect(run.of('electionTimeout').filter((e) => e.by.kind === 'timer')).toEqual([]);
    expect(steps.at(-1)!.t).toBeLessThan(800 + s.settings.electionTimeout[0]);
    // The last write goes to S3, the new leader, and commits everywhere.
    expect(run.of('clientWrite', 1000)).toEqual([expect.objectContaining({ node: 'S3', value: '5', accepted: true })]);
    for (const n of run.sim.nodeStates) expect(committedWrites(n)).toEqual(['1', '2', '3', '5']);
  });
});

describe('leader-crash', () => {
  it('a follower wins a higher term with every committed write, and the old leader rejoins as follower', () => {
    const run = new Run(scenario('leader-crash')).to(1499);
    expect(run.sim.leader()).toBe('S1');
    for (const n of run.sim.nodeStates) expect(committedWrites(n)).toEqual(['1', '2', '3']);
    run.to(5000);
    const [next, ...more] = run.leadersElected(1500);
    expect(more).toEqual([]);
    expect(next!.term).toBeGreaterThan(1);
    expect(next!.t).toBeLessThan(1500 + 600);
    const leader = run.node(next!.node);
    expect(values(leader.log)).toEqual(['1', '2', '3', '4']);
    const s1 = run.node('S1');
    expect(roleOf(s1)).toBe('follower');
    expect(s1.currentTerm).toBe(next!.term);
    expect(s1.log).toEqual(leader.log);
    expect(committedWrites(s1)).toEqual(['1', '2', '3', '4']);
    expect(allCommitted(s1)).toBe(true);
  });
});

describe('split-vote', () => {
  it('two candidates split term 2 with nobody elected, and a later term has exactly one leader', () => {
    const run = play('split-vote');
    const candidates2 = run
      .of('role')
      .filter((e) => e.role === 'candidate' && e.term === 2)
      .map((e) => e.node);
    expect(candidates2).toEqual(['S2', 'S3']);
    expect(run.leadersElected().filter((e) => e.term === 2)).toEqual([]);
    // Each got its own vote and one more: two of the three needed.
    for (const c of ['S2', 'S3']) {
      const best = Math.max(
        ...run
          .of('voteCount')
          .filter((e) => e.node === c && e.term === 2)
          .map((e) => e.granted),
      );
      expect(best).toBe(2);
    }
    const later = run.leadersElected(1000);
    expect(later).toHaveLength(1);
    expect(later[0]!.term).toBeGreaterThan(2);
    expect(run.sim.nodeStates.filter((n) => roleOf(n) === 'leader' && run.sim.isAlive(n.id))).toHaveLength(1);
  });
});

/** The scenario without its message actions: what would have happened had nobody touched a message. */
const untouched = (name: string): Run => {
  const s = scenario(name);
  return new Run({ ...s, actions: s.actions.filter((a) => !isMessageAction(a)) }).to(s.until);
};

describe('lost-vote-split', () => {
  it("S3's vote for S1 is dropped: nobody gets a majority in term 1, and a later term elects one leader", () => {
    const run = play('lost-vote-split');
    const [drop] = run.of('messageAction');
    expect(drop).toMatchObject({ done: true, from: 'S3', to: 'S1', rpc: { type: 'RequestVoteReply', voteGranted: true, term: 1 } });
    expect(narrate(drop!).text).toBe("You dropped S3's vote for S1: it never arrives");
    const candidates1 = run
      .of('role')
      .filter((e) => e.role === 'candidate' && e.term === 1)
      .map((e) => e.node);
    expect(candidates1).toEqual(['S1', 'S2']);
    // Neither candidate gathers the two votes of three it needs in term 1: a split vote.
    expect(run.leadersElected().filter((e) => e.term === 1)).toEqual([]);
    for (const c of ['S1', 'S2']) {
      expect(
        Math.max(
          ...run
            .of('voteCount')
            .filter((e) => e.node === c && e.term === 1)
            .map((e) => e.granted),
          1,
        ),
      ).toBe(1);
    }
    const later = run.leadersElected();
    expect(later).toHaveLength(1);
    expect(later[0]!.term).toBeGreaterThan(1);
    // The vote was the difference: untouched, S1 wins term 1 with it.
    expect(
      untouched('lost-vote-split')
        .leadersElected()
        .map((e) => [e.node, e.term]),
    ).toEqual([['S1', 1]]);
  });
});

describe('add-server-during-split', () => {
  it("S6 joins during the split as a learner, is promoted, and S1's side commits with 4 of 6; S4 and S5 learn the configuration after the heal", () => {
    const run = play('add-server-during-split');
    const split = run.of('partition')[0]!.t;
    const heal = run.of('heal')[0]!.t;
    const changes = run.of('membership').map((e) => [e.step, e.change, e.server, e.t > split && e.t < heal]);
    expect(changes).toEqual([
      ['proposed', 'addLearner', 'S6', true],
      ['committed', 'addLearner', 'S6', true],
      ['proposed', 'promote', 'S6', true],
      ['committed', 'promote', 'S6', true],
    ]);
    // The write made during the split commits under the new configuration: 6 voters, 4 needed.
    const write = run.of('clientWrite').find((e) => e.key === 'y')!;
    const ack = run.of('clientAck').find((e) => e.writeId === write.writeId)!;
    expect(ack.t).toBeLessThan(heal);
    expect(run.of('membership').at(-1)!.t).toBeLessThan(write.t);
    expect(run.node('S1').membership.voters).toHaveLength(6);
    // Only S1's three and S6 could hold it then: the four a leader of six needs.
    expect(run.leadersElected()).toEqual([expect.objectContaining({ node: 'S1', term: 1 })]);
    for (const id of ['S4', 'S5']) expect(run.node(id).membership.voters).toEqual(['S1', 'S2', 'S3', 'S4', 'S5', 'S6']);
    expect(run.sim.violations).toEqual([]);
  });
});

describe('remove-the-leader', () => {
  it('S1 leads until its removal commits without counting itself, steps down, never campaigns, and the other four elect a leader', () => {
    const run = play('remove-the-leader');
    const [proposed, committed] = run.of('membership');
    expect(proposed).toMatchObject({ step: 'proposed', change: 'remove', server: 'S1', node: 'S1' });
    expect(committed).toMatchObject({ step: 'committed', change: 'remove', server: 'S1', node: 'S1' });
    expect(narrate(committed!).text).toBe(
      'S1 removed itself and stepped down: its removal committed at index 3 (4 servers: a leader needs 3)',
    );
    // Leading meanwhile: still the leader right up to the commit, then a follower for good.
    const stepDown = run.of('role').find((e) => e.node === 'S1' && e.cause === 'removed')!;
    expect(stepDown.t).toBe(committed!.t);
    expect(run.of('electionTimeout', stepDown.t).filter((e) => e.node === 'S1')).toEqual([]);
    const next = run.leadersElected(stepDown.t);
    expect(next).toHaveLength(1);
    expect(next[0]!.node).not.toBe('S1');
    expect(next[0]!.term).toBe(2);
    const leader = run.node(next[0]!.node);
    expect(leader.membership.voters).toEqual(['S2', 'S3', 'S4', 'S5']);
    expect(leader.log.at(leader.commitIndex - 1)).toMatchObject({ key: 'y', value: '2' });
    expect(run.sim.violations).toEqual([]);
  });
});

describe('held-heartbeat-election', () => {
  it('a follower whose heartbeat is held times out and starts an election although the leader is alive', () => {
    const run = play('held-heartbeat-election');
    const [hold, release] = run.of('messageAction');
    expect(hold).toMatchObject({ done: true, from: 'S1', to: 'S3', rpc: { type: 'AppendEntries', entries: [] } });
    expect(narrate(hold!).text).toBe("You held S1's heartbeat to S3: it waits where it is until released");
    const timeouts = run.of('electionTimeout', 1).filter((e) => !e.forced);
    expect(timeouts.map((e) => [e.node, e.term])).toEqual([['S3', 2]]);
    const standsAt = timeouts[0]!.t;
    expect(standsAt).toBeGreaterThan(hold!.t);
    expect(standsAt).toBeLessThan(release!.t);
    // The leader was alive and leading all along until S3's higher term reached it.
    const s1 = run.of('role').filter((e) => e.node === 'S1');
    expect(s1.find((e) => e.role === 'leader')!.term).toBe(1);
    expect(s1.some((e) => e.role === 'follower' && e.cause === 'higherTerm' && e.t > standsAt)).toBe(true);
    expect(run.of('crash')).toEqual([]);
    expect(run.leadersElected(standsAt).map((e) => [e.node, e.term])).toEqual([['S3', 2]]);
    // Let go, the old heartbeat arrives stale and is refused.
    const late = run.of('deliver').find((e) => e.id === hold!.action.message)!;
    expect(late.t).toBeGreaterThan(release!.t);
    const answer = run.events.find((e) => e.type === 'send' && e.by.kind === 'message' && e.by.id === late.id);
    expect(answer).toMatchObject({ from: 'S3', to: 'S1', rpc: { type: 'AppendEntriesReply', success: false, term: 2 } });
    // Needless: untouched, nobody stands again after term 1.
    expect(untouched('held-heartbeat-election').of('electionTimeout', 1)).toEqual([]);
  });
});

describe('split-3-2-leader-majority', () => {
  it('the majority keeps committing, the minority elects nobody, and all catch up after the heal', () => {
    const run = new Run(scenario('split-3-2-leader-majority')).to(3999);
    expect(run.leadersElected(1000)).toEqual([]);
    expect(run.of('role', 1000).filter((e) => e.role === 'candidate' && ['S4', 'S5'].includes(e.node)).length).toBeGreaterThan(2);
    expect(roleOf(run.node('S1'))).toBe('leader');
    expect(committedWrites(run.node('S1'))).toEqual(['1', '2', '3', '4']);
    expect(committedWrites(run.node('S4'))).toEqual(['1']);
    expect(committedWrites(run.node('S5'))).toEqual(['1']);
    const minorityTerm = Math.max(run.node('S4').currentTerm, run.node('S5').currentTerm);
    expect(minorityTerm).toBeGreaterThan(run.node('S1').currentTerm);

    run.to(6000);
    const afterHeal = run.leadersElected(4000);
    expect(afterHeal).toHaveLength(1);
    expect(['S1', 'S2', 'S3']).toContain(afterHeal[0]!.node);
    expect(afterHeal[0]!.term).toBeGreaterThan(minorityTerm);
    for (const n of run.sim.nodeStates) {
      expect(values(n.log)).toEqual(['1', '2', '3', '4', '5']);
      expect(allCommitted(n)).toBe(true);
    }
  });
});

describe('split-3-2-leader-minority', () => {
  it('the old leader cannot commit, steps down on the heal, and its uncommitted entries are overwritten', () => {
    const run = new Run(scenario('split-3-2-leader-minority')).to(3999);
    const minority = ['S1', 'S2'];
    expect(run.leadersElected(1000).filter((e) => minority.includes(e.node))).toEqual([]);
    expect(run.of('commit', 1000).filter((e) => minority.includes(e.node))).toEqual([]);
    expect(
      run
        .of('clientWrite', 1000)
        .filter((e) => e.node === 'S1' && e.accepted)
        .map((e) => e.value),
    ).toEqual(['lost-a', 'lost-b']);
    expect(values(run.node('S1').log)).toEqual(['1', 'lost-a', 'lost-b']);
    expect(committedWrites(run.node('S1'))).toEqual(['1']);
    const [majorityLeader, ...more] = run.leadersElected(1000);
    expect(more).toEqual([]);
    expect(['S3', 'S4', 'S5']).toContain(majorityLeader!.node);
    expect(committedWrites(run.node(majorityLeader!.node))).toEqual(['1', '2', '3']);
    expect(roleOf(run.node('S1'))).toBe('leader'); // still believes it leads, cut off

    run.to(6000);
    const stepDown = run.of('role', 4000).find((e) => e.node === 'S1');
    expect(stepDown).toMatchObject({ role: 'follower', cause: 'higherTerm', term: majorityLeader!.term });
    // S1's log was [no-op 1, 1, lost-a, lost-b]: everything after its committed '1' goes.
    expect(run.of('truncate', 4000).find((e) => e.node === 'S1')).toMatchObject({ fromIndex: 3, removed: 2 });
    for (const n of run.sim.nodeStates) {
      expect(values(n.log)).toEqual(['1', '2', '3', '4']);
      expect(allCommitted(n)).toBe(true);
    }
  });
});

describe('follower-catch-up', () => {
  it('the restarted follower receives the missing entries in batches until it matches the leader', () => {
    const run = new Run(scenario('follower-catch-up')).to(5999);
    expect(committedWrites(run.node('S1'))).toHaveLength(201);
    expect(values(run.node('S5').log)).toHaveLength(1);
    run.to(7000);
    const batches = run.of('send', 6000).filter((e) => e.to === 'S5' && e.rpc.type === 'AppendEntries' && e.rpc.entries.length === 64);
    expect(batches.length).toBeGreaterThanOrEqual(3);
    const end = run.node('S1').log.length;
    const caughtUp = run.of('commit', 6000).find((e) => e.node === 'S5' && e.to === end);
    expect(caughtUp!.t).toBeLessThan(6300);
    expect(run.node('S5').log).toEqual(run.node('S1').log);
    expect(allCommitted(run.node('S5'))).toBe(true);
  });
});

describe('lossy-network', () => {
  it('loses messages, yet commits nearly every write and every server applies the same entries', () => {
    const run = play('lossy-network');
    expect(run.of('drop').filter((e) => e.reason === 'loss').length).toBeGreaterThan(100);
    expect(run.leadersElected().length).toBeGreaterThan(1);
    const commit = Math.min(...run.sim.nodeStates.map((n) => n.commitIndex));
    expect(commit).toBeGreaterThanOrEqual(18);
    const appliedAt = new Map<number, number>();
    for (const e of run.of('apply')) {
      expect(appliedAt.get(e.index) ?? e.writeId).toBe(e.writeId);
      appliedAt.set(e.index, e.writeId);
    }
    const prefix = (n: RaftNode) => n.log.slice(0, commit);
    for (const n of run.sim.nodeStates) expect(prefix(n)).toEqual(prefix(run.node('S1')));
  });
});

describe('seven-nodes-lose-three-then-four', () => {
  it('re-elects and commits with three of seven down, and neither elects nor commits with four down', () => {
    const run = new Run(scenario('seven-nodes-lose-three-then-four')).to(3999);
    const [next, ...more] = run.leadersElected(1000);
    expect(more).toEqual([]);
    expect(next!.term).toBeGreaterThan(1);
    expect(committedWrites(run.node(next!.node))).toEqual(['1', '2', '3', '4']);

    run.to(8000);
    expect(run.sim.isAlive(next!.node)).toBe(false);
    expect(run.leadersElected(4000)).toEqual([]);
    expect(run.of('commit', 4000)).toEqual([]);
    expect(run.of('role', 4000).filter((e) => e.role === 'candidate').length).toBeGreaterThan(5);
    expect(run.of('clientWrite', 4000).map((e) => e.accepted)).toEqual([false, false]);
    expect(run.sim.leader()).toBeNull();
  });
});

describe('figure-8', () => {
  it('S1 gets its term-2 entry onto a majority in term 4 without committing it, and S5 overwrites it in term 5', () => {
    const run = new Run(scenario('figure-8')).to(1449);
    // Figure 8 (c): S1 leads term 4; index 2 (term 2) is on S1, S2, S3; S1's term-4 entry only on S1.
    // commitIndex is volatile: S1 restarted knowing 0 and may raise it only by a term-4 entry.
    expect(run.node('S1')).toMatchObject({ state: { role: 'leader' }, currentTerm: 4, commitIndex: 0 });
    expect(terms(run.node('S1').log)).toEqual([1, 2, 4]);
    expect(terms(run.node('S2').log)).toEqual([1, 2]);
    expect(terms(run.node('S3').log)).toEqual([1, 2]);
    expect(terms(run.node('S4').log)).toEqual([1]);
    expect(terms(run.node('S5').log)).toEqual([1, 3]);
    expect(run.of('commit').filter((e) => e.to >= 2)).toEqual([]);

    run.to(3000);
    // Figure 8 (d): S5 wins term 5 with S2, S3 and S4 and replaces index 2 everywhere.
    const elected = run.leadersElected(1450);
    expect(elected).toMatchObject([{ node: 'S5', term: 5 }]);
    const voters = run
      .of('vote', 1450)
      .filter((e) => e.candidate === 'S5' && e.term === 5 && e.granted)
      .map((e) => e.node);
    expect(voters.sort()).toEqual(['S2', 'S3', 'S4']);
    expect(run.of('truncate').map((e) => [e.node, e.fromIndex])).toEqual([
      ['S2', 2],
      ['S3', 2],
      ['S1', 2],
    ]);
    for (const n of run.sim.nodeStates) expect(terms(n.log)).toEqual([1, 3, 5]);
  });

  it('with the commitOldTermByCount rule broken, the same script loses a committed entry', () => {
    const s = scenario('figure-8');
    const run = new Run({ ...s, settings: { ...s.settings, broken: ['commitOldTermByCount'] } }).to(s.until);
    expect(run.of('commit').find((e) => e.node === 'S1' && e.to === 2)).toMatchObject({ term: 4 });
    expect(run.sim.violations.map((v) => v.property)).toContain('StateMachineSafety');
  });
});

describe('stale-read', () => {
  it('S1, cut off in a minority, answers x=1 after S3 acknowledged x=2: a stale read the checker flags; with ReadIndex S1 cannot answer', () => {
    const s = scenario('stale-read');
    const run = play('stale-read');
    expect(run.leadersElected().map((e) => [e.node, e.term])).toEqual([
      ['S1', 1],
      ['S3', 2],
    ]);
    const acks = run.of('clientAck');
    expect(acks.map((e) => e.node)).toEqual(['S1', 'S3']);
    const [toOld, toNew] = run.of('readAnswer');
    // S1 still thinks it leads term 1 when it answers.
    expect(run.node('S1').state.role).toBe('leader');
    expect(toOld).toMatchObject({ node: 'S1', key: 'x', value: '1', term: 1 });
    expect(toOld!.t).toBeGreaterThan(acks[1]!.t);
    expect(toNew).toMatchObject({ node: 'S3', value: '2' });
    const [stale] = run.of('staleRead');
    expect(stale).toMatchObject({ readId: toOld!.readId, node: 'S1', value: '1', newerValue: '2' });
    expect(narrate(stale!).text).toBe('S1 answered x=1, but x=2 had already been acknowledged: a stale read');
    const { check } = clientHistoryOf(run.events);
    expect(check.kind).toBe('notLinearizable');
    expect(check.culprits).toEqual([toOld!.readId]);
    // The same run with ReadIndex: S1's round never gets a majority, so it gives no answer at all.
    const safe = new Run({ ...s, settings: { ...s.settings, readMode: 'readIndex' } }).to(s.until);
    expect(safe.of('readAnswer').map((e) => [e.node, e.value])).toEqual([['S3', '2']]);
    expect(clientHistoryOf(safe.events).check.kind).toBe('linearizable');
  });
});
