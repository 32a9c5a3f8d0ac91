import { describe, expect, it } from 'vitest';
import { appendReply, deliver, elect, leading, makeNode, requestVote, sent, voteReply } from '../../test/support/nodes.ts';
import type { EngineEvent } from './events.ts';
import { roleOf } from './node.ts';
import { step, type RaftNode, type StepOutput } from './index.ts';

// Leadership transfer, Raft thesis §3.10: the leader stops taking client writes, brings the
// target's log up to date, sends it TimeoutNow; the target starts an election at once and wins
// the next term. Without a new leader within an election timeout, the leader gives up.

const transfers = (out: StepOutput) => out.events.filter((e): e is Extract<EngineEvent, { type: 'transfer' }> => e.type === 'transfer');
const steps = (out: StepOutput) => transfers(out).map((e) => e.step);

/** S1 leads term 1 of five servers, with `entries` client entries in its log. */
function leaderWith(entries: number, config = {}): RaftNode {
  const n = makeNode({ term: 0, config });
  elect(n);
  for (let i = 0; i < entries; i++) step(n, { type: 'clientWrite', key: 'x', value: `${i}`, writeId: i + 1 }, 1);
  return n;
}

const write = (n: RaftNode, writeId: number, now = 2) => step(n, { type: 'clientWrite', key: 'y', value: 'v', writeId }, now);

describe('leadership transfer (thesis §3.10)', () => {
  it('a leader handing over refuses client writes, naming the target', () => {
    const n = leaderWith(0);
    step(n, { type: 'transferLeadership', to: 'S3' }, 1);
    const out = write(n, 9);
    expect(out.events).toEqual([expect.objectContaining({ type: 'clientWrite', accepted: false, handingTo: 'S3', leaderHint: 'S1' })]);
    expect(n.log).toHaveLength(0);
    expect(sent(out, 'AppendEntries')).toEqual([]);
  });

  it('brings a target that is behind up to date before sending TimeoutNow', () => {
    const n = leaderWith(3);
    const out = step(n, { type: 'transferLeadership', to: 'S3' }, 5);
    expect(steps(out)).toEqual(['start', 'catchUp']);
    expect(sent(out, 'TimeoutNow')).toEqual([]);
    const catchUp = sent(out, 'AppendEntries');
    expect(catchUp.map((s) => s.to)).toEqual(['S3']);
    expect(catchUp[0]!.rpc.entries).toHaveLength(3);
    // Partly caught up: not yet.
    expect(sent(deliver(n, 'S3', appendReply(1, true, 2, 0, 0, 0), 6), 'TimeoutNow')).toEqual([]);
    // Holding the leader's whole log: now, and once only.
    const ready = deliver(n, 'S3', appendReply(1, true, 3, 0, 0, 2), 7);
    expect(steps(ready)).toEqual(['timeoutNow']);
    expect(sent(ready, 'TimeoutNow')).toEqual([{ to: 'S3', rpc: { type: 'TimeoutNow', term: 1 } }]);
    expect(sent(deliver(n, 'S3', appendReply(1, true, 3, 0, 0, 3), 8), 'TimeoutNow')).toEqual([]);
  });

  it('a replica of another server does not count: only the target being up to date sends TimeoutNow', () => {
    const n = leaderWith(2);
    step(n, { type: 'transferLeadership', to: 'S3' }, 5);
    expect(sent(deliver(n, 'S2', appendReply(1, true, 2, 0, 0, 0), 6), 'TimeoutNow')).toEqual([]);
  });

  it('sends TimeoutNow at once to a target known to hold its whole log', () => {
    const n = leaderWith(1);
    deliver(n, 'S4', appendReply(1, true, 1, 0, 0, 0), 2);
    const out = step(n, { type: 'transferLeadership', to: 'S4' }, 3);
    expect(steps(out)).toEqual(['start', 'timeoutNow']);
    expect(sent(out, 'TimeoutNow').map((s) => s.to)).toEqual(['S4']);
    expect(sent(out, 'AppendEntries')).toEqual([]);
  });

  it('the target starts an election at once on TimeoutNow, skipping PreVote, and wins the next term', () => {
    const t = makeNode({ id: 'S3', term: 1, log: [1], config: { preVote: true } });
    const out = deliver(t, 'S1', { type: 'TimeoutNow', term: 1 }, 10);
    expect(t.currentTerm).toBe(2);
    expect(roleOf(t)).toBe('candidate');
    const asks = sent(out, 'RequestVote');
    expect(asks).toHaveLength(4);
    for (const a of asks) expect(a.rpc).toMatchObject({ term: 2, preVote: false, transfer: true, lastLogIndex: 1 });
    deliver(t, 'S1', voteReply(2, true), 11);
    const won = deliver(t, 'S2', voteReply(2, true), 12);
    expect(roleOf(t)).toBe('leader');
    expect(transfers(won)).toEqual([{ type: 'transfer', node: 'S3', step: 'done', from: 'S1', to: 'S3', term: 2, reason: null }]);
  });

  it('a stale TimeoutNow (an older term) starts nothing', () => {
    const t = makeNode({ id: 'S3', term: 4 });
    const out = deliver(t, 'S1', { type: 'TimeoutNow', term: 3 }, 10);
    expect(t.currentTerm).toBe(4);
    expect(out.sends).toEqual([]);
  });

  it("voters in the old leader's CheckQuorum lease still vote for the transfer's candidate", () => {
    const config = { checkQuorum: true };
    const voter = makeNode({ id: 'S2', term: 1, log: [1], config });
    // S2 just heard from S1, the leader of term 1.
    deliver(
      voter,
      'S1',
      { type: 'AppendEntries', term: 1, leaderId: 'S1', prevLogIndex: 1, prevLogTerm: 1, entries: [], leaderCommit: 1 },
      100,
    );
    const plain = makeNode({ id: 'S4', term: 1, log: [1], config });
    deliver(
      plain,
      'S1',
      { type: 'AppendEntries', term: 1, leaderId: 'S1', prevLogIndex: 1, prevLogTerm: 1, entries: [], leaderCommit: 1 },
      100,
    );
    // An ordinary candidate is refused (the lease), a transfer's is not.
    const refused = deliver(plain, 'S3', requestVote(2, 'S3', 1, 1), 110);
    expect(sent(refused, 'RequestVoteReply')[0]!.rpc).toMatchObject({ voteGranted: false, reason: 'leaderAlive' });
    const granted = deliver(voter, 'S3', requestVote(2, 'S3', 1, 1, false, true), 110);
    expect(sent(granted, 'RequestVoteReply')[0]!.rpc).toMatchObject({ voteGranted: true, term: 2 });
    // The old leader itself, in its own lease, steps down and votes too.
    const old = leaderWith(0, config);
    const oldOut = deliver(old, 'S3', requestVote(2, 'S3', 1, 1, false, true), 50);
    expect(roleOf(old)).toBe('follower');
    expect(sent(oldOut, 'RequestVoteReply')[0]!.rpc).toMatchObject({ voteGranted: true });
  });

  it('gives up after an election timeout without a new leader, and takes writes again', () => {
    const n = leaderWith(0);
    step(n, { type: 'transferLeadership', to: 'S3' }, 100);
    const deadline = 100 + n.config.electionTimeoutMin;
    // Heartbeats go on meanwhile (the other followers must not time out), and the transfer stands.
    const beat = step(n, { type: 'timer' }, deadline - 1);
    expect(sent(beat, 'AppendEntries')).toHaveLength(4);
    expect(leading(n).transfer).not.toBeNull();
    expect(write(n, 1, deadline - 1).events[0]).toMatchObject({ accepted: false });
    const out = step(n, { type: 'timer' }, deadline);
    expect(transfers(out)).toEqual([{ type: 'transfer', node: 'S1', step: 'abandoned', from: 'S1', to: 'S3', term: 1, reason: null }]);
    expect(roleOf(n)).toBe('leader');
    expect(write(n, 2, deadline).events[0]).toMatchObject({ accepted: true });
  });

  it('the timer wakes the leader at the deadline', async () => {
    const { nextDeadline } = await import('./node.ts');
    const n = leaderWith(0, { heartbeatInterval: 140 });
    step(n, { type: 'transferLeadership', to: 'S3' }, 0);
    expect(nextDeadline(n)).toBe(Math.min(140, n.config.electionTimeoutMin));
  });

  it('a leader that steps down forgets its transfer', () => {
    const n = leaderWith(0);
    step(n, { type: 'transferLeadership', to: 'S3' }, 1);
    deliver(n, 'S3', requestVote(2, 'S3', 0, 0, false, true), 2);
    expect(roleOf(n)).toBe('follower');
    elect(n, 3);
    expect(leading(n).transfer).toBeNull();
    expect(write(n, 1, 4).events[0]).toMatchObject({ accepted: true });
  });

  it('refuses a transfer from a non-leader, to itself, to an unknown server, or to the target already chosen', () => {
    const follower = makeNode({ id: 'S2', term: 1 });
    const reasons = (n: RaftNode, to: string) => transfers(step(n, { type: 'transferLeadership', to }, 1)).map((e) => [e.step, e.reason]);
    expect(reasons(follower, 'S3')).toEqual([['refused', 'notLeader']]);
    expect(follower.state.role).toBe('follower');
    const n = leaderWith(0);
    expect(reasons(n, 'S1')).toEqual([['refused', 'self']]);
    expect(reasons(n, 'S9')).toEqual([['refused', 'unknownServer']]);
    expect(leading(n).transfer).toBeNull();
    expect(reasons(n, 'S3')[0]).toEqual(['start', null]);
    expect(reasons(n, 'S3')).toEqual([['refused', 'alreadyHanding']]);
    // Another target replaces the first, as in etcd.
    expect(reasons(n, 'S4')[0]).toEqual(['start', null]);
    expect(leading(n).transfer?.to).toBe('S4');
  });
});
