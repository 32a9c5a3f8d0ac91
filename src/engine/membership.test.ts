import { describe, expect, it } from 'vitest';
import { appendEntries, appendReply, CONFIG, deliver, elect, makeNode, requestVote, sent, voteReply } from '../../test/support/nodes.ts';
import type { EngineEvent } from './events.ts';
import type { StepOutput } from './context.ts';
import { createNode, nextDeadline, roleOf, type RaftNode } from './node.ts';
import { CATCH_UP_LAG } from './reconfigure.ts';
import { step } from './step.ts';
import type { AppendEntries, LogEntry, Membership } from './types.ts';

// Membership change one server at a time (Raft thesis §4.1-§4.2, as etcd does it): the
// configuration is a log entry, each server uses the latest one in its log, quorums count the
// voters of that configuration, a new server joins as a learner and is promoted once caught up,
// and a leader that removes itself leads until that commits, then steps down.

type Change = Extract<EngineEvent, { type: 'membership' }>;
const changes = (out: StepOutput): Change[] => out.events.filter((e): e is Change => e.type === 'membership');

const add = (n: RaftNode, server: string, now = 5) => step(n, { type: 'changeMembership', change: 'add', server }, now);
const remove = (n: RaftNode, server: string, now = 5) => step(n, { type: 'changeMembership', change: 'remove', server }, now);
const write = (n: RaftNode, writeId: number, now = 3) => step(n, { type: 'clientWrite', key: 'x', value: `${writeId}`, writeId }, now);

/** S1 leads term 1 of five voters and has committed one entry of its term (so it may change the configuration). */
function leader(): RaftNode {
  const n = makeNode();
  elect(n);
  write(n, 1);
  deliver(n, 'S2', appendReply(1, true, 1), 4);
  deliver(n, 'S3', appendReply(1, true, 1), 4);
  expect(n.commitIndex).toBe(1);
  return n;
}

/** Acknowledge everything in the leader's log from each of `from`. */
function ack(n: RaftNode, from: readonly string[], now = 6): StepOutput[] {
  const upTo = n.log.length;
  return from.map((peer) => deliver(n, peer, appendReply(n.currentTerm, true, upTo), now));
}

const configEntry = (term: number, config: Membership): LogEntry => ({ term, key: '', value: '', writeId: 0, config });
const five = ['S1', 'S2', 'S3', 'S4', 'S5'];

describe('membership change (thesis §4.1)', () => {
  it('a new server joins as a learner: it gets the log, but its acknowledgement counts toward no majority', () => {
    const n = leader();
    const out = add(n, 'S6');
    expect(changes(out)).toEqual([expect.objectContaining({ step: 'proposed', change: 'addLearner', server: 'S6', index: 2 })]);
    expect(n.log[1]!.config).toEqual({ voters: five, learners: ['S6'] });
    // The leader uses the new configuration at once, before it commits.
    expect(n.membership).toEqual({ voters: five, learners: ['S6'] });
    expect(sent(out, 'AppendEntries').map((s) => s.to)).toEqual(['S2', 'S3', 'S4', 'S5', 'S6']);
    // S6 and S2 hold the entry: two of six, but S6 does not vote: one of the five voters besides the leader.
    ack(n, ['S6', 'S2']);
    expect(n.commitIndex).toBe(1);
    ack(n, ['S3']);
    expect(n.commitIndex).toBe(2);
  });

  it('promotes the learner once its log has caught up, not before', () => {
    const n = leader();
    for (let i = 2; i <= 6; i++) write(n, i);
    ack(n, ['S2', 'S3']);
    add(n, 'S6');
    ack(n, ['S2', 'S3']); // the learner's entry commits; S6 has nothing yet
    expect(n.commitIndex).toBe(n.log.length);
    expect(n.membership.learners).toEqual(['S6']);
    for (let i = 7; i <= 9; i++) write(n, i); // the leader goes on taking writes meanwhile
    // Halfway there: still a learner.
    const half = deliver(n, 'S6', appendReply(1, true, 3), 7);
    expect(changes(half)).toEqual([]);
    // Within CATCH_UP_LAG of the leader's last index: promoted, by a second configuration entry.
    const caughtUp = deliver(n, 'S6', appendReply(1, true, n.log.length - CATCH_UP_LAG), 8);
    expect(changes(caughtUp)).toEqual([expect.objectContaining({ step: 'proposed', change: 'promote', server: 'S6' })]);
    expect(n.membership).toEqual({ voters: [...five, 'S6'], learners: [] });
  });

  it('6 servers: a leader needs 4', () => {
    const n = leader();
    add(n, 'S6');
    ack(n, ['S2', 'S3', 'S6']); // commits the learner, and S6 is caught up: promoted
    expect(n.membership.voters).toHaveLength(6);
    ack(n, ['S2', 'S3', 'S6']); // the promotion commits with 4 of 6
    write(n, 7);
    ack(n, ['S2', 'S3']); // three of six hold it: no majority
    expect(n.commitIndex).toBe(n.log.length - 1);
    ack(n, ['S6']); // four of six
    expect(n.commitIndex).toBe(n.log.length);
  });

  it('accepts one change at a time: a new one is refused while a configuration entry is uncommitted', () => {
    const n = leader();
    add(n, 'S6');
    const length = n.log.length;
    const out = remove(n, 'S2');
    expect(changes(out)).toEqual([expect.objectContaining({ step: 'refused', change: 'remove', server: 'S2', reason: 'changePending' })]);
    expect(n.log).toHaveLength(length);
    ack(n, ['S2', 'S3']);
    expect(changes(remove(n, 'S2'))).toEqual([expect.objectContaining({ step: 'proposed', change: 'remove', server: 'S2' })]);
  });

  it('refuses a change before the leader has committed an entry of its term, and the removal of the last voter', () => {
    const n = makeNode();
    elect(n);
    expect(changes(add(n, 'S6'))).toEqual([expect.objectContaining({ step: 'refused', reason: 'termNotStarted' })]);
    const alone = makeNode({ size: 1 });
    elect(alone);
    write(alone, 1);
    expect(changes(remove(alone, 'S1'))).toEqual([expect.objectContaining({ step: 'refused', reason: 'lastVoter' })]);
    expect(changes(remove(leader(), 'S9'))).toEqual([expect.objectContaining({ step: 'refused', reason: 'notMember' })]);
    const follower = makeNode({ id: 'S2' });
    expect(changes(add(follower, 'S6'))).toEqual([expect.objectContaining({ step: 'refused', reason: 'notLeader' })]);
  });

  it('a leader that removes itself leads on without counting itself, and steps down once that commits', () => {
    const n = leader();
    remove(n, 'S1');
    expect(roleOf(n)).toBe('leader');
    expect(n.membership.voters).toEqual(['S2', 'S3', 'S4', 'S5']);
    // Two of the four voters besides itself: it does not count itself, so no majority (3 of 4).
    ack(n, ['S2', 'S3']);
    expect(n.commitIndex).toBe(1);
    expect(roleOf(n)).toBe('leader');
    const [out] = ack(n, ['S4']);
    expect(n.commitIndex).toBe(2);
    expect(changes(out!)).toEqual([expect.objectContaining({ step: 'committed', change: 'remove', server: 'S1' })]);
    expect(out!.events).toContainEqual(expect.objectContaining({ type: 'role', role: 'follower', cause: 'removed' }));
    expect(roleOf(n)).toBe('follower');
    // It told the others the commit before stepping down, and it never campaigns again.
    expect(sent(out!, 'AppendEntries').every((s) => s.rpc.leaderCommit === 2)).toBe(true);
    expect(nextDeadline(n)).toBe(Infinity);
    expect(sent(step(n, { type: 'timeoutNow' }, 9), 'RequestVote')).toEqual([]);
  });

  it('a learner never campaigns, and runs an election timer once promoted', () => {
    // S6 boots after the others: it is not in the initial configuration S1..S5.
    const s6 = createNode('S6', [], CONFIG, 7, 0, { voters: five, learners: [] });
    expect(nextDeadline(s6)).toBe(Infinity);
    const learner: AppendEntries = {
      ...appendEntries(1, 'S1', 0, 0),
      entries: [configEntry(1, { voters: five, learners: ['S6'] })],
    };
    deliver(s6, 'S1', learner, 10);
    expect(s6.membership.learners).toEqual(['S6']);
    expect(nextDeadline(s6)).toBe(Infinity);
    expect(sent(step(s6, { type: 'timeoutNow' }, 11), 'RequestVote')).toEqual([]);
    const promoted: AppendEntries = {
      ...appendEntries(1, 'S1', 1, 1),
      entries: [configEntry(1, { voters: [...five, 'S6'], learners: [] })],
    };
    deliver(s6, 'S1', promoted, 12);
    expect(nextDeadline(s6)).toBeLessThan(Infinity);
    // As a voter it asks the voters of its own configuration, S6 among them.
    expect(sent(step(s6, { type: 'timeoutNow' }, 13), 'RequestVote').map((s) => s.to)).toEqual(five);
  });

  it("a candidate counts only its configuration's voters: a learner's vote decides nothing", () => {
    const n = makeNode({ size: 3 });
    n.log = [configEntry(0, { voters: ['S1', 'S2', 'S3'], learners: ['S4'] })];
    n.membershipIndex = 0; // refreshed by the next log change; set as the log says:
    n.membership = n.log[0]!.config!;
    step(n, { type: 'timeoutNow' }, 0);
    deliver(n, 'S4', voteReply(1, true), 1);
    expect(roleOf(n)).toBe('candidate');
    deliver(n, 'S2', voteReply(1, true), 2);
    expect(roleOf(n)).toBe('leader');
  });

  it('uses the latest configuration in its log, committed or not, and goes back to the previous one when that entry is truncated', () => {
    const f = makeNode({ id: 'S2' });
    const four = { voters: ['S1', 'S2', 'S3', 'S4'], learners: [] };
    deliver(
      f,
      'S1',
      { ...appendEntries(1, 'S1', 0, 0, [1]), entries: [...appendEntries(1, 'S1', 0, 0, [1]).entries, configEntry(1, four)] },
      1,
    );
    expect(f.commitIndex).toBe(0);
    expect(f.membership).toEqual(four);
    // A leader of term 2 that never had that entry overwrites it: the configuration goes with it.
    deliver(f, 'S3', appendEntries(2, 'S3', 1, 1, [2]), 2);
    expect(f.log.map((e) => e.term)).toEqual([1, 2]);
    expect(f.membership.voters).toEqual(five);
    expect(f.membershipIndex).toBe(0);
    // The same with an older configuration left in the log: it falls back to that one.
    const g = makeNode({ id: 'S2' });
    const six = { voters: [...five, 'S6'], learners: [] };
    deliver(g, 'S1', { ...appendEntries(1, 'S1', 0, 0), entries: [configEntry(1, six), configEntry(1, four)] }, 1);
    expect(g.membership).toEqual(four);
    deliver(g, 'S3', appendEntries(2, 'S3', 1, 1, [2]), 2);
    expect(g.membership).toEqual(six);
    expect(g.membershipIndex).toBe(1);
  });

  it('a server removed by an uncommitted entry still campaigns, without counting itself (thesis §4.2.2), and stops once it knows the removal committed', () => {
    const four = { voters: ['S1', 'S2', 'S3', 'S4'], learners: [] };
    const f = makeNode({ id: 'S5' });
    deliver(f, 'S1', { ...appendEntries(1, 'S1', 0, 0), entries: [configEntry(1, four)] }, 1);
    // The removal may yet be lost (truncated): S5 may still be needed to elect a leader.
    expect(nextDeadline(f)).toBeLessThan(Infinity);
    const out = step(f, { type: 'timeoutNow' }, 2);
    expect(sent(out, 'RequestVote').map((s) => s.to)).toEqual(four.voters);
    // Two votes of the four it asked are not a majority of four: its own does not count.
    deliver(f, 'S1', voteReply(2, true), 3);
    deliver(f, 'S2', voteReply(2, true), 3);
    expect(roleOf(f)).toBe('candidate');
    deliver(f, 'S3', voteReply(2, true), 3);
    expect(roleOf(f)).toBe('leader');

    const g = makeNode({ id: 'S5' });
    deliver(g, 'S1', { ...appendEntries(1, 'S1', 0, 0), entries: [configEntry(1, four)], leaderCommit: 1 }, 1);
    expect(nextDeadline(g)).toBe(Infinity);
    expect(sent(step(g, { type: 'timeoutNow' }, 2), 'RequestVote')).toEqual([]);
    // A removed server still answers: it may vote (the candidate decides whether that counts).
    expect(sent(deliver(g, 'S2', requestVote(2, 'S2', 1, 1), 3), 'RequestVoteReply')).toHaveLength(1);
  });
});
