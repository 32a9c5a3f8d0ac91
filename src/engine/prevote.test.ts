import { describe, expect, it } from 'vitest';
import { appendEntries, appendReply, deliver, elect, makeNode, requestVote, sent, voteReply } from '../../test/support/nodes.ts';
import { step } from './index.ts';
import { roleOf } from './node.ts';

// PreVote (Raft thesis §9.6): before raising its term, a server asks whether it could win.
// A server cut off alone therefore never raises its term, and cannot depose a working leader
// when it comes back. Off by default. CheckQuorum (§6.2): a leader that has not heard from a
// majority within an election timeout steps down.

const preVote = { config: { preVote: true } };

describe('PreVote', () => {
  it('is off by default: a timeout raises the term at once', () => {
    const n = makeNode({ term: 2 });
    expect(n.config.preVote).toBe(false);
    step(n, { type: 'timer' }, n.electionDeadline);
    expect(n.currentTerm).toBe(3);
  });

  it('on timeout, asks for pre-votes for term + 1 without changing its term, vote or role', () => {
    const n = makeNode({ term: 2, votedFor: 'S4', log: [1, 2], ...preVote });
    const out = step(n, { type: 'timer' }, n.electionDeadline);
    expect(n.currentTerm).toBe(2);
    expect(n.votedFor).toBe('S4');
    expect(roleOf(n)).toBe('follower');
    const asks = sent(out, 'RequestVote');
    expect(asks).toHaveLength(4);
    for (const a of asks) expect(a.rpc).toMatchObject({ term: 3, preVote: true, lastLogIndex: 2, lastLogTerm: 2 });
  });

  it('a server alone never raises its term, however many timeouts pass', () => {
    const n = makeNode({ term: 5, ...preVote });
    for (let i = 0; i < 50; i++) step(n, { type: 'timer' }, n.electionDeadline);
    expect(n.currentTerm).toBe(5);
    expect(roleOf(n)).toBe('follower');
  });

  it('with pre-votes from a majority, it starts the real election in term + 1', () => {
    const n = makeNode({ term: 2, ...preVote });
    step(n, { type: 'timer' }, n.electionDeadline);
    deliver(n, 'S2', voteReply(3, true, true));
    expect(n.currentTerm).toBe(2);
    const out = deliver(n, 'S3', voteReply(3, true, true));
    expect(n.currentTerm).toBe(3);
    expect(roleOf(n)).toBe('candidate');
    for (const a of sent(out, 'RequestVote')) expect(a.rpc).toMatchObject({ term: 3, preVote: false });
  });

  it('a candidate whose election timed out (a split vote) runs a pre-vote round and can still win', () => {
    // A forced timeout skips PreVote; the next, ordinary timeout of the candidate probes first.
    const n = makeNode({ term: 2, ...preVote });
    step(n, { type: 'timeoutNow' }, 0);
    expect(n).toMatchObject({ state: { role: 'candidate' }, currentTerm: 3 });
    step(n, { type: 'timer' }, n.electionDeadline);
    expect(n.currentTerm).toBe(3);
    deliver(n, 'S2', voteReply(4, true, true), n.electionResetAt + 1);
    deliver(n, 'S3', voteReply(4, true, true), n.electionResetAt + 1);
    expect(n).toMatchObject({ state: { role: 'candidate' }, currentTerm: 4 });
    deliver(n, 'S2', voteReply(4, true), n.electionResetAt + 2);
    deliver(n, 'S3', voteReply(4, true), n.electionResetAt + 2);
    expect(roleOf(n)).toBe('leader');
  });

  it('late pre-vote grants from an earlier round do not count in a later one', () => {
    const n = makeNode({ term: 2, ...preVote });
    step(n, { type: 'timer' }, n.electionDeadline); // round for term 3
    deliver(n, 'S4', appendEntries(3, 'S4', 0, 0), n.electionResetAt + 1); // a leader of term 3 appears
    step(n, { type: 'timer' }, n.electionDeadline); // it goes quiet: round for term 4
    expect(n).toMatchObject({ currentTerm: 3, state: { role: 'preCandidate' } });
    deliver(n, 'S2', voteReply(3, true, true), n.electionResetAt + 1);
    deliver(n, 'S3', voteReply(3, true, true), n.electionResetAt + 1);
    // Still collecting its term-4 round: a follower to the paper, a pre-candidate to the engine.
    expect(n).toMatchObject({ currentTerm: 3, state: { role: 'preCandidate' } });
  });

  it('a voter answers a pre-vote without changing its term or its vote', () => {
    const v = makeNode({ id: 'S2', term: 2, votedFor: 'S5', ...preVote });
    const out = deliver(v, 'S1', requestVote(3, 'S1', 0, 0, true));
    expect(sent(out, 'RequestVoteReply')[0]!.rpc).toMatchObject({ voteGranted: true, preVote: true });
    expect(v.currentTerm).toBe(2);
    expect(v.votedFor).toBe('S5');
  });

  it('a voter that heard from a live leader within the minimum election timeout refuses (leaderAlive)', () => {
    const v = makeNode({ id: 'S2', term: 2, ...preVote });
    deliver(v, 'S3', appendEntries(2, 'S3', 0, 0), 1000);
    const soon = deliver(v, 'S1', requestVote(3, 'S1', 0, 0, true), 1000 + v.config.electionTimeoutMin - 1);
    expect(sent(soon, 'RequestVoteReply')[0]!.rpc).toMatchObject({ voteGranted: false, reason: 'leaderAlive' });
    const later = deliver(v, 'S1', requestVote(3, 'S1', 0, 0, true), 1000 + v.config.electionTimeoutMin + 1);
    expect(sent(later, 'RequestVoteReply')[0]!.rpc.voteGranted).toBe(true);
  });

  it('a voter refuses a pre-vote from a candidate whose log is behind (logBehind)', () => {
    const v = makeNode({ id: 'S2', term: 2, log: [2], ...preVote });
    const out = deliver(v, 'S1', requestVote(3, 'S1', 0, 0, true));
    expect(sent(out, 'RequestVoteReply')[0]!.rpc).toMatchObject({ voteGranted: false, reason: 'logBehind' });
  });

  it('a voter refuses a pre-vote for a term it has reached and voted in already (it could not grant the real vote)', () => {
    const v = makeNode({ id: 'S2', term: 3, votedFor: 'S5', ...preVote });
    const out = deliver(v, 'S1', requestVote(3, 'S1', 0, 0, true));
    expect(sent(out, 'RequestVoteReply')[0]!.rpc).toMatchObject({ voteGranted: false, term: 3 });
  });

  it('a leader refuses a pre-vote', () => {
    const l = makeNode({ id: 'S2', ...preVote });
    elect(l);
    const out = deliver(l, 'S1', requestVote(l.currentTerm + 1, 'S1', 0, 0, true));
    expect(sent(out, 'RequestVoteReply')[0]!.rpc.voteGranted).toBe(false);
    expect(roleOf(l)).toBe('leader');
  });
});

describe('CheckQuorum', () => {
  const cq = { size: 5, config: { checkQuorum: true } };

  it('a leader that hears from no majority within an election timeout steps down', () => {
    const l = makeNode(cq);
    elect(l, 0);
    let t = 0;
    // Only S2 answers: 2 of 5 is not a quorum.
    while (roleOf(l) === 'leader' && t < 2000) {
      t += l.config.heartbeatInterval;
      step(l, { type: 'timer' }, t);
      deliver(l, 'S2', appendReply(l.currentTerm, true, 0), t);
    }
    expect(roleOf(l)).toBe('follower');
    expect(t).toBeLessThanOrEqual(2 * l.config.electionTimeoutMin);
  });

  it('a leader that hears from a majority stays leader', () => {
    const l = makeNode(cq);
    elect(l, 0);
    for (let t = 50; t <= 3000; t += 50) {
      step(l, { type: 'timer' }, t);
      deliver(l, 'S2', appendReply(l.currentTerm, true, 0), t);
      deliver(l, 'S3', appendReply(l.currentTerm, true, 0), t);
    }
    expect(roleOf(l)).toBe('leader');
  });

  it('without CheckQuorum, a leader cut off from everyone stays leader', () => {
    const l = makeNode({ size: 5 });
    elect(l, 0);
    for (let t = 50; t <= 3000; t += 50) step(l, { type: 'timer' }, t);
    expect(roleOf(l)).toBe('leader');
  });

  it('a leader that stepped down for lack of a quorum no longer names itself as leader to clients', () => {
    const l = makeNode(cq);
    elect(l, 0);
    for (let t = 50; roleOf(l) === 'leader' && t < 2000; t += 50) step(l, { type: 'timer' }, t);
    expect(roleOf(l)).toBe('follower');
    const out = step(l, { type: 'clientWrite', key: 'k', value: 'v', writeId: 1 }, 2000);
    const refusal = out.events.find((e) => e.type === 'clientWrite');
    expect(refusal).toMatchObject({ accepted: false });
    expect(refusal && refusal.type === 'clientWrite' ? refusal.leaderHint : 'none').not.toBe(l.id);
  });

  it('a follower within a live leader lease ignores a disruptive higher-term RequestVote', () => {
    const v = makeNode({ id: 'S2', term: 2, ...cq });
    deliver(v, 'S3', appendEntries(2, 'S3', 0, 0), 1000);
    const out = deliver(v, 'S1', requestVote(9, 'S1'), 1050);
    expect(sent(out, 'RequestVoteReply')[0]!.rpc).toMatchObject({ voteGranted: false, reason: 'leaderAlive' });
    expect(v.currentTerm).toBe(2);
  });
});
