import { describe, expect, it } from 'vitest';
import { appendEntries, deliver, makeNode, sent } from '../../test/support/nodes.ts';
import type { RaftNode } from './index.ts';
import type { AppendEntries } from './types.ts';

// Figure 2, AppendEntries RPC, receiver implementation:
//   1. Reply false if term < currentTerm.
//   2. Reply false if log doesn't contain an entry at prevLogIndex whose term matches prevLogTerm.
//   3. If an existing entry conflicts with a new one (same index, different terms), delete the
//      existing entry and all that follow it.
//   4. Append any new entries not already in the log.
//   5. If leaderCommit > commitIndex, set commitIndex = min(leaderCommit, index of last new entry).

function append(n: RaftNode, rpc: AppendEntries, now = 0) {
  const out = deliver(n, rpc.leaderId, rpc, now);
  const replies = sent(out, 'AppendEntriesReply');
  expect(replies).toHaveLength(1);
  return { reply: replies[0]!.rpc, out };
}

const terms = (n: RaftNode) => n.log.map((e) => e.term);

describe('AppendEntries receiver (Figure 2)', () => {
  it('1. refuses a stale term and keeps its log, term and timer', () => {
    const n = makeNode({ id: 'S2', term: 3, log: [1] });
    const deadline = n.electionDeadline;
    const { reply } = append(n, appendEntries(2, 'S1', 1, 1, [2], 2), 10);
    expect(reply).toMatchObject({ term: 3, success: false });
    expect(terms(n)).toEqual([1]);
    expect(n.commitIndex).toBe(0);
    expect(n.electionDeadline).toBe(deadline);
  });

  it('a valid AppendEntries from the current leader resets the election timer', () => {
    const n = makeNode({ id: 'S2', term: 3 });
    append(n, appendEntries(3, 'S1', 0, 0), 1000);
    expect(n.electionDeadline).toBeGreaterThanOrEqual(1000 + n.config.electionTimeoutMin);
    expect(n.leaderId).toBe('S1');
  });

  it('2. refuses when the log has no entry at prevLogIndex', () => {
    const n = makeNode({ id: 'S2', term: 2, log: [1] });
    const { reply } = append(n, appendEntries(2, 'S1', 3, 2, [2]));
    expect(reply.success).toBe(false);
    expect(terms(n)).toEqual([1]);
  });

  it('2. refuses when the entry at prevLogIndex has another term, and appends nothing', () => {
    const n = makeNode({ id: 'S2', term: 3, log: [1, 2] });
    const { reply } = append(n, appendEntries(3, 'S1', 2, 3, [3]));
    expect(reply.success).toBe(false);
    expect(terms(n)).toEqual([1, 2]);
  });

  it('accepts at prevLogIndex 0 (the empty prefix matches every log)', () => {
    const n = makeNode({ id: 'S2', term: 1 });
    const { reply } = append(n, appendEntries(1, 'S1', 0, 0, [1, 1]));
    expect(reply).toMatchObject({ success: true, matchIndex: 2 });
    expect(terms(n)).toEqual([1, 1]);
  });

  it('3. deletes a conflicting entry and everything after it, then 4. appends the new ones', () => {
    // The follower holds entries of term 2 that a term-2 leader never committed.
    const n = makeNode({ id: 'S2', term: 2, log: [1, 1, 2, 2, 2] });
    const { reply } = append(n, appendEntries(3, 'S1', 2, 1, [3]));
    expect(reply).toMatchObject({ success: true, matchIndex: 3 });
    expect(terms(n)).toEqual([1, 1, 3]);
    expect(n.log[2]!.writeId).toBe(3);
  });

  it('4. entries already present are kept, not rewritten', () => {
    const n = makeNode({ id: 'S2', term: 2, log: [1, 2, 2] });
    const before = n.log.slice();
    const { reply, out } = append(n, appendEntries(2, 'S1', 0, 0, [1, 2]));
    expect(reply).toMatchObject({ success: true, matchIndex: 2 });
    expect(n.log).toEqual(before);
    expect(out.events.some((e) => e.type === 'truncate')).toBe(false);
  });

  it('a delayed, shorter AppendEntries does not truncate entries that match (only conflicts truncate)', () => {
    const n = makeNode({ id: 'S2', term: 2 });
    const long = appendEntries(2, 'S1', 0, 0, [2, 2, 2]);
    const short = appendEntries(2, 'S1', 0, 0, [2]);
    append(n, long);
    const { reply } = append(n, short); // arrives late, after the longer one
    expect(terms(n)).toEqual([2, 2, 2]);
    // Its reply vouches only for what it carried.
    expect(reply).toMatchObject({ success: true, matchIndex: 1 });
  });

  it('a duplicated AppendEntries changes nothing the second time', () => {
    const n = makeNode({ id: 'S2', term: 2, log: [1] });
    const rpc = appendEntries(2, 'S1', 1, 1, [2, 2], 1);
    append(n, rpc);
    const snapshot = { log: n.log.slice(), commit: n.commitIndex, kv: { ...n.kv } };
    const { out } = append(n, rpc);
    expect({ log: n.log, commit: n.commitIndex, kv: n.kv }).toEqual(snapshot);
    expect(out.events.filter((e) => e.type === 'apply' || e.type === 'truncate')).toEqual([]);
  });

  describe('5. commitIndex = min(leaderCommit, index of last new entry)', () => {
    it('follows leaderCommit when the new entries reach it', () => {
      const n = makeNode({ id: 'S2', term: 1 });
      append(n, appendEntries(1, 'S1', 0, 0, [1, 1, 1], 2));
      expect(n.commitIndex).toBe(2);
    });

    it('stops at the last new entry when leaderCommit is beyond it', () => {
      const n = makeNode({ id: 'S2', term: 1 });
      append(n, appendEntries(1, 'S1', 0, 0, [1, 1], 5));
      expect(n.commitIndex).toBe(2);
    });

    it('does not commit stale entries past what the leader vouched for, even if the log is longer', () => {
      // Entries 3..4 of term 1 may be from an old leader and are not known to match this leader.
      const n = makeNode({ id: 'S2', term: 2, log: [1, 1, 1, 1] });
      append(n, appendEntries(2, 'S1', 2, 1, [], 4));
      expect(n.commitIndex).toBe(2);
    });

    it('never moves commitIndex backwards', () => {
      const n = makeNode({ id: 'S2', term: 1 });
      append(n, appendEntries(1, 'S1', 0, 0, [1, 1, 1], 3));
      append(n, appendEntries(1, 'S1', 0, 0, [1], 1));
      expect(n.commitIndex).toBe(3);
    });

    it('a failed consistency check commits nothing', () => {
      const n = makeNode({ id: 'S2', term: 2, log: [1, 1] });
      append(n, appendEntries(2, 'S1', 2, 2, [2], 3));
      expect(n.commitIndex).toBe(0);
    });
  });

  it('applies committed entries to the state machine in log order, each once', () => {
    const n = makeNode({ id: 'S2', term: 1 });
    const rpc: AppendEntries = {
      type: 'AppendEntries',
      term: 1,
      leaderId: 'S1',
      prevLogIndex: 0,
      prevLogTerm: 0,
      leaderCommit: 3,
      entries: [
        { term: 1, key: 'a', value: '1', writeId: 1 },
        { term: 1, key: 'b', value: '2', writeId: 2 },
        { term: 1, key: 'a', value: '3', writeId: 3 },
      ],
    };
    const { out } = append(n, rpc);
    const applied = out.events.flatMap((e) => (e.type === 'apply' ? [e.index] : []));
    expect(applied).toEqual([1, 2, 3]);
    expect(n.lastApplied).toBe(3);
    expect(n.kv).toEqual({ a: '3', b: '2' });
  });

  describe('the conflict hint for fast backtracking (§5.3)', () => {
    it('a too-short log names its length + 1 and no term', () => {
      const n = makeNode({ id: 'S2', term: 3, log: [1, 1] });
      expect(append(n, appendEntries(3, 'S1', 6, 3)).reply).toMatchObject({ success: false, conflictIndex: 3, conflictTerm: 0 });
    });

    it('a mismatch names the conflicting term and the first index holding it', () => {
      const n = makeNode({ id: 'S2', term: 3, log: [1, 2, 2, 2] });
      expect(append(n, appendEntries(3, 'S1', 4, 3)).reply).toMatchObject({ success: false, conflictIndex: 2, conflictTerm: 2 });
    });
  });
});
