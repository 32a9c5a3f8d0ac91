import { describe, expect, it } from 'vitest';
import { deliver, makeNode, requestVote, sent } from '../../test/support/nodes.ts';
import { step, type RaftNode } from './index.ts';
import type { RequestVote } from './types.ts';
import { roleOf } from './node.ts';

// Figure 2, RequestVote RPC, receiver implementation:
//   1. Reply false if term < currentTerm.
//   2. If votedFor is null or candidateId, and the candidate's log is at least as up-to-date
//      as the receiver's log, grant vote. (§5.2, §5.4)
// Each refusal records why, for the app's narration.

function ask(n: RaftNode, rpc: RequestVote, now = 0) {
  const out = deliver(n, rpc.candidateId, rpc, now);
  const replies = sent(out, 'RequestVoteReply');
  expect(replies).toHaveLength(1);
  expect(replies[0]!.to).toBe(rpc.candidateId);
  const vote = out.events.find((e) => e.type === 'vote');
  return { reply: replies[0]!.rpc, vote };
}

describe('RequestVote receiver (Figure 2)', () => {
  it('grants a vote to the first up-to-date candidate of a term and records it', () => {
    const n = makeNode({ id: 'S2', term: 1 });
    const { reply } = ask(n, requestVote(2, 'S1'));
    expect(reply).toMatchObject({ term: 2, voteGranted: true, reason: null });
    expect(n.votedFor).toBe('S1');
  });

  it('refuses a stale term, with reason staleTerm and its own term in the reply', () => {
    const n = makeNode({ id: 'S2', term: 5 });
    const { reply, vote } = ask(n, requestVote(4, 'S1', 10, 4));
    expect(reply).toMatchObject({ term: 5, voteGranted: false, reason: 'staleTerm' });
    expect(vote).toMatchObject({ granted: false, reason: 'staleTerm' });
    expect(n.votedFor).toBeNull();
  });

  it('votes at most once per term: a second candidate is refused with alreadyVoted', () => {
    const n = makeNode({ id: 'S3', term: 1 });
    expect(ask(n, requestVote(2, 'S1')).reply.voteGranted).toBe(true);
    const { reply, vote } = ask(n, requestVote(2, 'S2'));
    expect(reply).toMatchObject({ term: 2, voteGranted: false, reason: 'alreadyVoted', votedFor: 'S1' });
    expect(vote).toMatchObject({ reason: 'alreadyVoted', votedFor: 'S1' });
    expect(n.votedFor).toBe('S1');
  });

  it('a repeated request from the candidate it voted for is granted again (a lost reply is retried)', () => {
    const n = makeNode({ id: 'S3', term: 1 });
    ask(n, requestVote(2, 'S1'));
    expect(ask(n, requestVote(2, 'S1')).reply.voteGranted).toBe(true);
  });

  it('a candidate never votes for another candidate of its own term (it voted for itself)', () => {
    const n = makeNode({ id: 'S2', term: 1 });
    step(n, { type: 'timeoutNow' }, 0); // candidate of term 2, voting for itself
    expect(roleOf(n)).toBe('candidate');
    expect(ask(n, requestVote(2, 'S1')).reply).toMatchObject({ voteGranted: false, reason: 'alreadyVoted' });
  });

  it('a new term allows a new vote', () => {
    const n = makeNode({ id: 'S3', term: 2, votedFor: 'S1' });
    expect(ask(n, requestVote(3, 'S2')).reply.voteGranted).toBe(true);
    expect(n.votedFor).toBe('S2');
  });

  describe('the up-to-date check (§5.4.1): compare last terms, then last indexes', () => {
    // Voter's log: terms [1, 1, 2] (last term 2, last index 3).
    const cases: [string, number, number, boolean][] = [
      ['a higher last term wins even with a shorter log', 1, 3, true],
      ['a lower last term loses even with a longer log', 10, 1, false],
      ['same last term and a longer log wins', 4, 2, true],
      ['same last term and an equal log wins', 3, 2, true],
      ['same last term and a shorter log loses', 2, 2, false],
      ['an empty log loses to a non-empty one', 0, 0, false],
    ];
    for (const [name, lastLogIndex, lastLogTerm, granted] of cases) {
      it(name, () => {
        const n = makeNode({ id: 'S2', term: 2, log: [1, 1, 2] });
        const { reply, vote } = ask(n, requestVote(3, 'S1', lastLogIndex, lastLogTerm));
        expect(reply.voteGranted).toBe(granted);
        if (!granted) {
          expect(reply.reason).toBe('logBehind');
          expect(vote).toMatchObject({ reason: 'logBehind', granted: false });
          // Refusing on the log does not spend the vote.
          expect(n.votedFor).toBeNull();
        } else {
          expect(n.votedFor).toBe('S1');
        }
        // Either way the higher term is adopted.
        expect(n.currentTerm).toBe(3);
      });
    }
  });

  it('a voter refused on the log check can still vote for an up-to-date candidate in that term', () => {
    const n = makeNode({ id: 'S2', term: 2, log: [2] });
    expect(ask(n, requestVote(3, 'S1', 0, 0)).reply.voteGranted).toBe(false);
    expect(ask(n, requestVote(3, 'S3', 1, 2)).reply.voteGranted).toBe(true);
  });

  it('a stale RequestVote never changes the vote or the term', () => {
    const n = makeNode({ id: 'S2', term: 4, votedFor: 'S3' });
    ask(n, requestVote(3, 'S1', 50, 3));
    expect(n.currentTerm).toBe(4);
    expect(n.votedFor).toBe('S3');
  });
});
