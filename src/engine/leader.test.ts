import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { appendEntries, appendReply, deliver, elect, makeNode, sent } from '../../test/support/nodes.ts';
import { NO_BROKEN_RULES, step, type RaftNode, type StepOutput } from './index.ts';
import { leading } from '../../test/support/nodes.ts';

// Figure 2, Rules for Servers, Leaders: replicate with nextIndex/matchIndex, back off on
// rejection, and commit an entry of the current term once a majority stores it (§5.3, §5.4.2).

const terms = (n: RaftNode) => n.log.map((e) => e.term);

/** Shuttle AppendEntries and replies between a leader and one follower until nothing is left. */
function shuttle(leader: RaftNode, follower: RaftNode, first: StepOutput[]): { rejections: number } {
  let pending = first
    .flatMap((o) => sent(o, 'AppendEntries'))
    .filter((s) => s.to === follower.id)
    .slice(-1);
  let rejections = 0;
  for (let round = 0; pending.length > 0; round++) {
    if (round > 100) throw new Error('replication did not converge');
    const next: typeof pending = [];
    for (const { rpc } of pending) {
      const out = deliver(follower, leader.id, rpc);
      for (const r of sent(out, 'AppendEntriesReply')) {
        if (!r.rpc.success) rejections++;
        next.push(...sent(deliver(leader, follower.id, r.rpc), 'AppendEntries').filter((s) => s.to === follower.id));
      }
    }
    pending = next;
  }
  return { rejections };
}

describe('nextIndex and matchIndex (Figure 2, Leaders; Figure 7)', () => {
  it('on election, nextIndex is the leader last index + 1 and matchIndex is 0', () => {
    const n = makeNode({ term: 2, log: [1, 2, 2] });
    elect(n);
    for (const p of n.peers) {
      expect(leading(n).nextIndex[p]).toBe(4);
      expect(leading(n).matchIndex[p]).toBe(0);
    }
  });

  // Figure 7: the leader of term 8 and follower (f), which holds uncommitted entries of terms 2 and 3.
  const leaderLog = [1, 1, 1, 4, 4, 5, 5, 6, 6, 6];
  const followerF = [1, 1, 1, 2, 2, 2, 3, 3, 3, 3, 3];
  const followerE = [1, 1, 1, 4, 4, 4, 4];

  for (const fastBacktrack of [false, true]) {
    describe(`fastBacktrack ${fastBacktrack}`, () => {
      it('brings Figure 7 follower (f) to the leader log, deleting its conflicting entries', () => {
        const leader = makeNode({ id: 'S1', term: 7, log: leaderLog, config: { fastBacktrack } });
        const follower = makeNode({ id: 'S2', term: 7, log: followerF, config: { fastBacktrack } });
        const { rejections } = shuttle(leader, follower, elect(leader));
        expect(terms(follower)).toEqual(leaderLog);
        expect(leading(leader).matchIndex['S2']).toBe(10);
        expect(leading(leader).nextIndex['S2']).toBe(11);
        // Without the hint, Figure 2 steps back one entry per rejection: indexes 10 down to 4.
        if (!fastBacktrack) expect(rejections).toBe(7);
        else expect(rejections).toBeLessThan(7);
      });

      it('brings Figure 7 follower (e), which is short and has extra term-4 entries, to the leader log', () => {
        const leader = makeNode({ id: 'S1', term: 7, log: leaderLog, config: { fastBacktrack } });
        const follower = makeNode({ id: 'S2', term: 7, log: followerE, config: { fastBacktrack } });
        shuttle(leader, follower, elect(leader));
        expect(terms(follower)).toEqual(leaderLog);
        expect(leading(leader).matchIndex['S2']).toBe(10);
      });

      it('an empty follower is brought up from index 1', () => {
        const leader = makeNode({ id: 'S1', term: 7, log: leaderLog, config: { fastBacktrack } });
        const follower = makeNode({ id: 'S2', term: 0, config: { fastBacktrack } });
        shuttle(leader, follower, elect(leader));
        expect(terms(follower)).toEqual(leaderLog);
      });
    });
  }

  it('after a rejection the leader retries at once with an earlier prevLogIndex', () => {
    const leader = makeNode({ term: 1, log: [1, 1, 1], config: { fastBacktrack: false } });
    elect(leader);
    const out = deliver(leader, 'S2', appendReply(leader.currentTerm, false, 0, 4, 0, 3));
    const retry = sent(out, 'AppendEntries');
    expect(retry).toHaveLength(1);
    expect(retry[0]).toMatchObject({ to: 'S2', rpc: { prevLogIndex: 2, prevLogTerm: 1 } });
    expect(retry[0]!.rpc.entries.map((e) => e.writeId)).toEqual([3]);
  });

  // The audit's case: replies did not say which request they answered, so a duplicated or delayed
  // old rejection still moved nextIndex back and caused a needless resend.
  for (const fastBacktrack of [false, true]) {
    it(`a duplicated rejection is stale once acted on: no second step back, no resend (fastBacktrack ${fastBacktrack})`, () => {
      const leader = makeNode({ term: 1, log: [1, 1, 1, 1, 1], config: { fastBacktrack } });
      elect(leader);
      // S2 holds only 3 entries: it rejects the heartbeat sent from nextIndex 6 (prevLogIndex 5).
      const rejection = appendReply(leader.currentTerm, false, 0, 4, 0, 5);
      const first = sent(deliver(leader, 'S2', rejection), 'AppendEntries');
      expect(first).toHaveLength(1);
      const next = leading(leader).nextIndex['S2'];
      expect(next).toBeLessThan(6);
      // The network delivers the same rejection again.
      expect(sent(deliver(leader, 'S2', rejection), 'AppendEntries')).toEqual([]);
      expect(leading(leader).nextIndex['S2']).toBe(next);
    });
  }

  it('a delayed rejection of an old request changes nothing after the follower caught up', () => {
    const leader = makeNode({ term: 1, log: [1, 1, 1], config: { fastBacktrack: false } });
    const follower = makeNode({ id: 'S2', term: 1 });
    const outs = elect(leader);
    // The first heartbeat (prevLogIndex 3) is rejected by the empty follower; keep that rejection.
    const heartbeat = sent(outs.at(-1)!, 'AppendEntries').find((s) => s.to === 'S2')!.rpc;
    const oldRejection = sent(deliver(follower, 'S1', heartbeat), 'AppendEntriesReply')[0]!.rpc;
    expect(oldRejection).toMatchObject({ success: false, prevLogIndex: 3 });
    shuttle(leader, follower, [deliver(leader, 'S2', oldRejection)]);
    expect(leading(leader).matchIndex['S2']).toBe(3);
    // Now a copy of that first rejection arrives late.
    const out = deliver(leader, 'S2', oldRejection);
    expect(out.sends).toEqual([]);
    expect([leading(leader).nextIndex['S2'], leading(leader).matchIndex['S2']]).toEqual([4, 3]);
  });

  it('a reordered, older success reply does not move matchIndex backwards', () => {
    const leader = makeNode({ term: 1, log: [1, 1, 1] });
    elect(leader);
    deliver(leader, 'S2', appendReply(leader.currentTerm, true, 3));
    deliver(leader, 'S2', appendReply(leader.currentTerm, true, 1));
    expect(leading(leader).matchIndex['S2']).toBe(3);
    expect(leading(leader).nextIndex['S2']).toBe(4);
  });

  it('a follower far behind is sent at most maxEntriesPerMessage entries at a time', () => {
    const leader = makeNode({ term: 1, log: Array.from({ length: 10 }, () => 1), config: { maxEntriesPerMessage: 4 } });
    const follower = makeNode({ id: 'S2', term: 1 });
    const outs = elect(leader);
    let sizes: number[] = [];
    let pending = outs
      .flatMap((o) => sent(o, 'AppendEntries'))
      .filter((s) => s.to === 'S2')
      .slice(-1);
    while (pending.length) {
      const { rpc } = pending[0]!;
      sizes.push(rpc.entries.length);
      const reply = sent(deliver(follower, 'S1', rpc), 'AppendEntriesReply')[0]!.rpc;
      pending = sent(deliver(leader, 'S2', reply), 'AppendEntries');
    }
    sizes = sizes.filter((s) => s > 0);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(4);
    expect(follower.log).toHaveLength(10);
  });
});

describe('commit rule (Figure 2, Leaders; §5.4.2, Figure 8)', () => {
  it('commits an entry of its term once a majority (leader included) stores it, not before', () => {
    const leader = makeNode({ size: 5 });
    elect(leader);
    step(leader, { type: 'clientWrite', key: 'k', value: 'v', writeId: 1 }, 1);
    deliver(leader, 'S2', appendReply(1, true, 1));
    expect(leader.commitIndex).toBe(0); // 2 of 5
    deliver(leader, 'S2', appendReply(1, true, 1)); // a duplicate is still one replica
    expect(leader.commitIndex).toBe(0);
    deliver(leader, 'S3', appendReply(1, true, 1));
    expect(leader.commitIndex).toBe(1); // 3 of 5
  });

  function figure8Leader(broken = NO_BROKEN_RULES) {
    // S1 was leader of term 2 and stored index 2 (term 2) on few servers; now it leads term 4.
    const leader = makeNode({ term: 3, log: [1, 2], config: { broken } });
    elect(leader);
    expect(leader.currentTerm).toBe(4);
    deliver(leader, 'S2', appendReply(4, true, 2));
    deliver(leader, 'S3', appendReply(4, true, 2));
    return leader;
  }

  it('Figure 8: an old-term entry stored on a majority is NOT committed by counting replicas', () => {
    const leader = figure8Leader();
    expect(leader.commitIndex).toBe(0);
    expect(leader.lastApplied).toBe(0);
  });

  it('Figure 8 control: with the rule broken, the same replies do commit it (the setup reaches a majority)', () => {
    const leader = figure8Leader({ ...NO_BROKEN_RULES, commitOldTermByCount: true });
    expect(leader.commitIndex).toBe(2);
  });

  it('Figure 8: the old-term entry is committed indirectly once an entry of the current term is', () => {
    const leader = figure8Leader();
    step(leader, { type: 'clientWrite', key: 'y', value: '4', writeId: 9 }, 1);
    deliver(leader, 'S2', appendReply(4, true, 3));
    expect(leader.commitIndex).toBe(0);
    const out = deliver(leader, 'S3', appendReply(4, true, 3));
    expect(leader.commitIndex).toBe(3);
    expect(out.events.flatMap((e) => (e.type === 'apply' ? [e.index] : []))).toEqual([1, 2, 3]);
  });

  it('commits exactly the highest index of its term that a majority holds, whatever order replies come in', () => {
    // The paper's rule, index by index, as the oracle: the engine finds the same N directly.
    const oracle = (log: readonly number[], term: number, match: readonly number[], size: number, commit: number): number => {
      let best = commit;
      for (let n = commit + 1; n <= log.length; n++) {
        const count = 1 + match.filter((m) => m >= n).length;
        if (count > size / 2 && log[n - 1] === term) best = n;
      }
      return best;
    };
    fc.assert(
      fc.property(
        fc.integer({ min: 3, max: 9 }),
        fc.array(fc.integer({ min: 1, max: 3 }), { maxLength: 6 }),
        fc.integer({ min: 1, max: 8 }),
        fc.array(fc.tuple(fc.nat(8), fc.nat(20)), { maxLength: 40 }),
        (size, oldTerms, writes, replies) => {
          const leader = makeNode({ size, term: 3, log: [...oldTerms].sort((a, b) => a - b) });
          elect(leader);
          for (let w = 0; w < writes; w++) step(leader, { type: 'clientWrite', key: 'k', value: String(w), writeId: 100 + w }, 1);
          const terms = leader.log.map((e) => e.term);
          const match = leader.peers.map(() => 0);
          for (const [who, upTo] of replies) {
            const p = who % leader.peers.length;
            const m = upTo % (terms.length + 1);
            const before = leader.commitIndex;
            deliver(leader, leader.peers[p]!, appendReply(leader.currentTerm, true, m));
            match[p] = Math.max(match[p]!, m);
            expect(leader.commitIndex).toBe(oracle(terms, leader.currentTerm, match, size, before));
          }
        },
      ),
    );
  });

  it('followers learn the commit index from leaderCommit in the next AppendEntries', () => {
    const leader = makeNode({ size: 3 });
    elect(leader);
    const w = step(leader, { type: 'clientWrite', key: 'k', value: 'v', writeId: 1 }, 1);
    expect(sent(w, 'AppendEntries')[0]!.rpc.leaderCommit).toBe(0);
    deliver(leader, 'S2', appendReply(1, true, 1));
    const beat = step(leader, { type: 'timer' }, leading(leader).heartbeatDue);
    for (const s of sent(beat, 'AppendEntries')) expect(s.rpc.leaderCommit).toBe(1);
  });
});

describe('clients (§8)', () => {
  it('a follower refuses a write and names the leader it heard from', () => {
    const n = makeNode({ id: 'S2', term: 1 });
    deliver(n, 'S3', appendEntries(1, 'S3', 0, 0));
    const out = step(n, { type: 'clientWrite', key: 'k', value: 'v', writeId: 1 }, 1);
    expect(out.events).toContainEqual(expect.objectContaining({ type: 'clientWrite', accepted: false, leaderHint: 'S3' }));
    expect(n.log).toEqual([]);
    expect(out.sends).toEqual([]);
  });

  it('a candidate refuses a write and knows of no leader', () => {
    const n = makeNode({ id: 'S2', term: 1 });
    deliver(n, 'S3', appendEntries(1, 'S3', 0, 0));
    step(n, { type: 'timeoutNow' }, 1);
    const out = step(n, { type: 'clientWrite', key: 'k', value: 'v', writeId: 1 }, 2);
    expect(out.events).toContainEqual(expect.objectContaining({ type: 'clientWrite', accepted: false, leaderHint: null }));
    expect(n.log).toEqual([]);
  });

  it('the leader appends the write, replicates it, and acknowledges it only after applying it', () => {
    const leader = makeNode({ size: 3 });
    elect(leader);
    const w = step(leader, { type: 'clientWrite', key: 'k', value: 'v', writeId: 42 }, 1);
    expect(w.events).toContainEqual(expect.objectContaining({ type: 'clientWrite', accepted: true, index: 1, term: 1 }));
    expect(w.events.some((e) => e.type === 'clientAck')).toBe(false);
    expect(sent(w, 'AppendEntries').map((s) => s.rpc.entries.length)).toEqual([1, 1]);
    const out = deliver(leader, 'S2', appendReply(1, true, 1));
    const types = out.events.map((e) => e.type);
    expect(types.indexOf('apply')).toBeGreaterThanOrEqual(0);
    expect(types.indexOf('clientAck')).toBeGreaterThan(types.indexOf('apply'));
    expect(out.events).toContainEqual(expect.objectContaining({ type: 'clientAck', writeId: 42, index: 1 }));
    expect(leader.kv).toEqual({ k: 'v' });
  });

  it('a leader that loses leadership before committing never acknowledges the write', () => {
    const leader = makeNode({ size: 3 });
    elect(leader);
    step(leader, { type: 'clientWrite', key: 'k', value: 'v', writeId: 1 }, 1);
    deliver(leader, 'S2', appendEntries(2, 'S2', 0, 0, [2], 1)); // a new leader overwrote index 1
    const acks = deliver(leader, 'S2', appendEntries(2, 'S2', 1, 2, [], 1)).events.filter((e) => e.type === 'clientAck');
    expect(acks).toEqual([]);
  });
});
