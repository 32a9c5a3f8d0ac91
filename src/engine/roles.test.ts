import { describe, expect, it } from 'vitest';
import { restartNode, step } from './index.ts';
import { appendEntries, deliver, elect, entries, makeNode, requestVote, sent } from '../../test/support/nodes.ts';
import { roleOf } from './node.ts';

// Figure 2, "Rules for Servers" and "State": the three roles, what survives a crash, and the
// randomized election timer (§5.2).

describe('roles (Figure 2, Rules for Servers)', () => {
  it('a server starts as a follower in term 0 with an empty log', () => {
    const n = makeNode();
    expect(roleOf(n)).toBe('follower');
    expect(n.currentTerm).toBe(0);
    expect(n.votedFor).toBeNull();
    expect(n.log).toEqual([]);
  });

  it('a follower does nothing before its election timeout, then becomes a candidate', () => {
    const n = makeNode({ term: 3 });
    const early = step(n, { type: 'timer' }, n.electionDeadline - 1);
    expect(early.sends).toEqual([]);
    expect(roleOf(n)).toBe('follower');
    const out = step(n, { type: 'timer' }, n.electionDeadline);
    // Candidates: increment currentTerm, vote for self, reset the timer, send RequestVote to all others.
    expect(roleOf(n)).toBe('candidate');
    expect(n.currentTerm).toBe(4);
    expect(n.votedFor).toBe('S1');
    const votes = sent(out, 'RequestVote');
    expect(votes.map((s) => s.to).sort()).toEqual(['S2', 'S3', 'S4', 'S5']);
    for (const v of votes) expect(v.rpc).toMatchObject({ term: 4, candidateId: 'S1', preVote: false });
  });

  it('RequestVote carries the last log index and term for the up-to-date check', () => {
    const n = makeNode({ term: 3, log: [1, 1, 3] });
    const out = step(n, { type: 'timeoutNow' }, 0);
    for (const v of sent(out, 'RequestVote')) expect(v.rpc).toMatchObject({ lastLogIndex: 3, lastLogTerm: 3 });
  });

  it('a candidate with votes from a majority (itself included) becomes leader and heartbeats at once', () => {
    const n = makeNode({ size: 5 });
    step(n, { type: 'timeoutNow' }, 0);
    deliver(n, 'S2', { type: 'RequestVoteReply', term: 1, voteGranted: true, preVote: false, reason: null, votedFor: null });
    expect(roleOf(n)).toBe('candidate'); // 2 of 5 is not a majority
    const out = deliver(n, 'S3', { type: 'RequestVoteReply', term: 1, voteGranted: true, preVote: false, reason: null, votedFor: null });
    expect(roleOf(n)).toBe('leader');
    const beats = sent(out, 'AppendEntries');
    expect(beats.map((s) => s.to).sort()).toEqual(['S2', 'S3', 'S4', 'S5']);
    for (const b of beats) expect(b.rpc.entries).toEqual([]);
  });

  it('a duplicated vote from the same server is counted once', () => {
    const n = makeNode({ size: 5 });
    step(n, { type: 'timeoutNow' }, 0);
    for (let i = 0; i < 3; i++) {
      deliver(n, 'S2', { type: 'RequestVoteReply', term: 1, voteGranted: true, preVote: false, reason: null, votedFor: null });
    }
    expect(roleOf(n)).toBe('candidate');
  });

  it('a candidate that hears AppendEntries from a leader of its own term becomes a follower', () => {
    const n = makeNode({ size: 3 });
    step(n, { type: 'timeoutNow' }, 0);
    deliver(n, 'S2', appendEntries(1, 'S2', 0, 0));
    expect(roleOf(n)).toBe('follower');
    expect(n.currentTerm).toBe(1);
    expect(n.leaderId).toBe('S2');
  });

  it('a candidate whose election times out starts a new election in the next term', () => {
    const n = makeNode({ size: 5 });
    step(n, { type: 'timeoutNow' }, 0);
    const out = step(n, { type: 'timer' }, n.electionDeadline);
    expect(roleOf(n)).toBe('candidate');
    expect(n.currentTerm).toBe(2);
    expect(sent(out, 'RequestVote')).toHaveLength(4);
  });

  it('a leader sends heartbeats every heartbeat interval, not only on elections', () => {
    const n = makeNode({ size: 3 });
    elect(n, 0);
    const out = step(n, { type: 'timer' }, 50);
    expect(sent(out, 'AppendEntries')).toHaveLength(2);
    expect(roleOf(n)).toBe('leader');
  });
});

describe('persistent and volatile state across a crash (Figure 2, State)', () => {
  it('currentTerm, votedFor and log survive restartNode; commitIndex, lastApplied, nextIndex, matchIndex and role do not', () => {
    const n = makeNode({ size: 3 });
    elect(n, 0);
    step(n, { type: 'clientWrite', key: 'k', value: 'v', writeId: 1 }, 1);
    deliver(
      n,
      'S2',
      { type: 'AppendEntriesReply', term: 1, success: true, prevLogIndex: 0, matchIndex: 1, conflictIndex: 0, conflictTerm: 0 },
      2,
    );
    expect(n.commitIndex).toBe(1);
    expect(n.lastApplied).toBe(1);
    expect(n.kv).toEqual({ k: 'v' });
    const log = n.log.slice();

    const out = restartNode(n, 100);
    expect(n.currentTerm).toBe(1);
    expect(n.votedFor).toBe('S1');
    expect(n.log).toEqual(log);
    expect(roleOf(n)).toBe('follower');
    expect(n.commitIndex).toBe(0);
    expect(n.lastApplied).toBe(0);
    expect(n.kv).toEqual({});
    expect(n.state).toEqual({ role: 'follower' }); // no nextIndex, no matchIndex, no votes
    expect(out.events).toContainEqual(expect.objectContaining({ type: 'role', role: 'follower', cause: 'start' }));
  });

  it('a restarted server keeps its vote: it still refuses a second candidate in that term', () => {
    const n = makeNode({ term: 4 });
    deliver(n, 'S2', requestVote(5, 'S2'));
    expect(n.votedFor).toBe('S2');
    restartNode(n, 10);
    const out = deliver(n, 'S3', requestVote(5, 'S3'), 11);
    expect(sent(out, 'RequestVoteReply')[0]?.rpc).toMatchObject({ voteGranted: false, reason: 'alreadyVoted' });
  });

  it('a restarted candidate comes back as a follower', () => {
    const n = makeNode();
    step(n, { type: 'timeoutNow' }, 0);
    restartNode(n, 10);
    expect(roleOf(n)).toBe('follower');
    expect(n.state).toEqual({ role: 'follower' });
  });

  it('a restarted server rebuilds its state machine by re-applying once it relearns the commit index', () => {
    const n = makeNode({ id: 'S2', term: 2, log: [1, 2] });
    restartNode(n, 0);
    const out = deliver(n, 'S1', appendEntries(2, 'S1', 2, 2, [], 2), 1);
    expect(out.events.filter((e) => e.type === 'apply').map((e) => (e.type === 'apply' ? e.index : 0))).toEqual([1, 2]);
    expect(n.kv).toEqual({ x: 'v2' });
  });
});

describe('randomized election timeout (§5.2)', () => {
  it('draws a fresh timeout from [min, max] at every reset, and the draws differ', () => {
    const n = makeNode({ size: 3, config: { electionTimeoutMin: 150, electionTimeoutMax: 300 } });
    const draws: number[] = [];
    let now = 0;
    for (let i = 0; i < 60; i++) {
      // Hearing the current leader resets the timer (Figure 2, Followers).
      now += 10;
      deliver(n, 'S2', appendEntries(1, 'S2', 0, 0), now);
      draws.push(n.electionDeadline - now);
    }
    for (const d of draws) {
      expect(d).toBeGreaterThanOrEqual(150);
      expect(d).toBeLessThanOrEqual(300);
    }
    expect(new Set(draws).size).toBeGreaterThan(20);
    // Spread over the range, not clustered at one end.
    expect(Math.min(...draws)).toBeLessThan(190);
    expect(Math.max(...draws)).toBeGreaterThan(260);
  });

  it('a server that starts an election and one that grants a vote both redraw their timer', () => {
    const c = makeNode({ size: 3 });
    const before = c.electionDeadline;
    step(c, { type: 'timeoutNow' }, 1000);
    expect(c.electionDeadline).toBeGreaterThanOrEqual(1000 + 150);
    expect(c.electionDeadline).not.toBe(before);

    const v = makeNode({ id: 'S2', size: 3 });
    deliver(v, 'S1', requestVote(1, 'S1'), 2000);
    expect(v.electionDeadline).toBeGreaterThanOrEqual(2000 + 150);
    expect(v.electionDeadline).toBeLessThanOrEqual(2000 + 300);
  });

  it('different servers draw different timeouts, so they rarely time out together', () => {
    const deadlines = [1, 2, 3, 4, 5].map((seed) => makeNode({ seed }).electionDeadline);
    expect(new Set(deadlines).size).toBeGreaterThan(1);
  });

  it('a follower that denies a vote does not reset its timer (only granting does)', () => {
    const n = makeNode({ id: 'S2', term: 1, log: [1, 1] });
    const deadline = n.electionDeadline;
    deliver(n, 'S3', requestVote(1, 'S3', 0, 0), 5);
    expect(n.electionDeadline).toBe(deadline);
  });
});

// Keep the builder honest: entries carry the terms they are asked for.
it('test builder: entries() numbers writes by index', () => {
  expect(entries([1, 2], 3)).toEqual([
    { term: 1, key: 'x', value: 'v3', writeId: 3 },
    { term: 2, key: 'x', value: 'v4', writeId: 4 },
  ]);
});
