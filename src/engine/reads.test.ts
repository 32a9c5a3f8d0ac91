import { describe, expect, it } from 'vitest';
import { appendEntries, appendReply, deliver, elect, leading, makeNode, requestVote, sent } from '../../test/support/nodes.ts';
import type { EngineEvent } from './events.ts';
import { restartNode, step, type NodeConfig, type RaftNode, type StepOutput } from './index.ts';
import type { AppendEntriesReply } from './types.ts';

// Client reads, Raft thesis §6.4: a leader answers a read only once it has committed an entry of
// its own term, confirmed with a heartbeat round that a majority still follows it, and applied up
// to the commit index it recorded. With a lease (§6.4.1) it skips the round while a majority
// answered one sent less than the minimum election timeout ago. anyServer skips everything.

type Answer = Extract<EngineEvent, { type: 'readAnswer' }>;
const answers = (out: StepOutput): Answer[] => out.events.filter((e): e is Answer => e.type === 'readAnswer');
const read = (n: RaftNode, readId: number, now: number, key = 'x'): StepOutput => step(n, { type: 'clientRead', key, readId }, now);
/** A follower's answer to an AppendEntries of round `round`, holding the leader's log up to `match`. */
const roundReply = (term: number, match: number, round: number): AppendEntriesReply => ({ ...appendReply(term, true, match), round });

/**
 * S1 leads term 2 of `size` servers; its log holds x=v1 from term 1, then its no-op, both
 * committed by S2's reply (so its commit index is known good) unless `commit` is false.
 */
function leader(size: number, config: Partial<NodeConfig> = {}, commit = true): RaftNode {
  const n = makeNode({ size, term: 1, log: [1], config: { noopOnElection: true, ...config } });
  elect(n, 0);
  if (commit) {
    for (const peer of n.peers.slice(0, Math.floor(size / 2))) deliver(n, peer, appendReply(2, true, 2), 1);
    expect(n.commitIndex).toBe(2);
  }
  return n;
}

describe('ReadIndex reads (thesis §6.4)', () => {
  it('are answered only after a majority answers a heartbeat round sent after the read came', () => {
    const n = leader(5);
    const out = read(n, 7, 10);
    expect(out.events).toEqual([expect.objectContaining({ type: 'clientRead', accepted: true, via: 'readIndex' })]);
    const round = sent(out, 'AppendEntries');
    expect(round).toHaveLength(4);
    const r = round[0]!.rpc.round!;
    expect(r).toBeGreaterThan(0);
    expect(answers(out)).toEqual([]);
    // One follower is not a majority of five (with the leader, two).
    expect(answers(deliver(n, 'S2', roundReply(2, 2, r), 12))).toEqual([]);
    // An answer to an earlier round vouches for nothing that happened after the read came.
    expect(answers(deliver(n, 'S3', roundReply(2, 2, r - 1), 13))).toEqual([]);
    const done = deliver(n, 'S3', roundReply(2, 2, r), 14);
    expect(answers(done)).toEqual([expect.objectContaining({ node: 'S1', readId: 7, key: 'x', value: 'v1', index: 2, via: 'readIndex' })]);
    expect(leading(n).pendingReads).toEqual([]);
  });

  it('a refusal in the leader term still confirms it: the follower still follows it', () => {
    const n = leader(3);
    const r = sent(read(n, 7, 10), 'AppendEntries')[0]!.rpc.round!;
    const refusal: AppendEntriesReply = { ...appendReply(2, false, 0, 1, 0, 2), round: r };
    expect(answers(deliver(n, 'S2', refusal, 12))).toHaveLength(1);
  });

  it('a deposed leader in a minority never answers: its round gets no majority, and stepping down drops the read', () => {
    const n = leader(5);
    const r = sent(read(n, 7, 10), 'AppendEntries')[0]!.rpc.round!;
    // Only S2 is on its side of the split; the heartbeats go on without a majority.
    expect(answers(deliver(n, 'S2', roundReply(2, 2, r), 12))).toEqual([]);
    for (let t = 60; t <= 1000; t += 50) {
      const beat = step(n, { type: 'timer' }, t);
      expect(answers(beat)).toEqual([]);
      for (const s of sent(beat, 'AppendEntries').filter((m) => m.to === 'S2')) {
        expect(answers(deliver(n, 'S2', roundReply(2, 2, s.rpc.round ?? 0), t + 1))).toEqual([]);
      }
    }
    // The new leader of the majority reaches it at last: it steps down, and the client hears nothing.
    const out = deliver(n, 'S3', appendEntries(3, 'S3', 2, 2, [], 3), 1100);
    expect(answers(out)).toEqual([]);
    expect(out.events).toContainEqual(expect.objectContaining({ type: 'readUnanswered', node: 'S1', readId: 7 }));
  });

  it('a new leader waits for its no-op to commit before answering, even with its round confirmed', () => {
    const n = leader(3, {}, false);
    expect(n.commitIndex).toBe(0);
    const r = sent(read(n, 7, 10), 'AppendEntries')[0]!.rpc.round!;
    // The round is confirmed, but x=v1 of term 1 is not known committed: the commit index of an
    // older term's entries is not the leader's to trust (Figure 8), so it waits.
    expect(answers(deliver(n, 'S2', roundReply(2, 1, r), 12))).toEqual([]);
    expect(n.commitIndex).toBe(0);
    // S3 holds the no-op: it commits, and with it x=v1; the read index is 2.
    const out = deliver(n, 'S3', appendReply(2, true, 2), 20);
    expect(n.commitIndex).toBe(2);
    expect(answers(out)).toEqual([expect.objectContaining({ readId: 7, value: 'v1', index: 2 })]);
  });

  it('a follower refuses, naming the leader it knows; a key never written reads as null', () => {
    const f = makeNode({ id: 'S2', size: 3, term: 2 });
    deliver(f, 'S1', appendEntries(2, 'S1', 0, 0, [], 0), 5);
    const out = read(f, 3, 6);
    expect(out.events).toEqual([expect.objectContaining({ type: 'clientRead', accepted: false, via: null, leaderHint: 'S1' })]);
    const n = leader(1);
    expect(answers(read(n, 4, 2, 'nothing'))).toEqual([expect.objectContaining({ value: null })]);
  });
});

describe('lease reads (thesis §6.4.1)', () => {
  const lease = { readMode: 'lease', checkQuorum: true } as const;

  /** A leader whose heartbeat round at `at` a majority answered at once. */
  function withLease(at: number, config: Partial<NodeConfig> = lease): RaftNode {
    const n = leader(3, config);
    const beat = step(n, { type: 'timer' }, at);
    const r = sent(beat, 'AppendEntries')[0]!.rpc.round!;
    expect(r).toBeGreaterThan(0);
    deliver(n, 'S2', roundReply(2, 2, r), at + 5);
    return n;
  }

  it('answers at once, without a round, while the lease from a confirmed heartbeat holds', () => {
    const n = withLease(50);
    // The lease runs from the round's sending: 50 + 150 ms.
    const out = read(n, 9, 190);
    expect(out.events.map((e) => e.type)).toEqual(['clientRead', 'readAnswer']);
    expect(answers(out)).toEqual([expect.objectContaining({ value: 'v1', via: 'lease' })]);
    expect(sent(out, 'AppendEntries')).toEqual([]);
  });

  it('once the lease has lapsed, falls back to a ReadIndex round', () => {
    const n = withLease(50);
    const out = read(n, 9, 200);
    expect(out.events).toEqual([expect.objectContaining({ type: 'clientRead', via: 'readIndex' })]);
    const r = sent(out, 'AppendEntries')[0]!.rpc.round!;
    expect(answers(deliver(n, 'S3', roundReply(2, 2, r), 210))).toEqual([expect.objectContaining({ readId: 9, via: 'readIndex' })]);
  });

  it('without CheckQuorum there is no lease: followers would vote for a rival at once', () => {
    const n = withLease(50, { readMode: 'lease', checkQuorum: false });
    expect(read(n, 9, 60).events).toEqual([expect.objectContaining({ type: 'clientRead', via: 'readIndex' })]);
  });

  it('a leader that sent TimeoutNow trusts its lease no more: its target may win inside it', () => {
    const n = withLease(50);
    step(n, { type: 'transferLeadership', to: 'S2' }, 60);
    expect(leading(n).leaseVoid).toBe(true);
    expect(read(n, 9, 70).events).toEqual([expect.objectContaining({ type: 'clientRead', via: 'readIndex' })]);
  });
});

describe('a restarted server under a lease', () => {
  it('holds its vote for a minimum election timeout: it may have answered the heartbeat a lease counts on', () => {
    for (const [config, heldAt150] of [
      [{ readMode: 'lease', checkQuorum: true }, true],
      [{ readMode: 'readIndex', checkQuorum: true }, false],
    ] as const) {
      const f = makeNode({ id: 'S2', size: 3, term: 2, config });
      deliver(f, 'S1', appendEntries(2, 'S1', 0, 0, [], 0), 5);
      restartNode(f, 100);
      const early = deliver(f, 'S3', requestVote(3, 'S3'), 249);
      const vote = early.events.find((e) => e.type === 'vote');
      expect(vote, JSON.stringify(config)).toMatchObject({ granted: !heldAt150 });
      if (heldAt150) {
        expect(vote).toMatchObject({ reason: 'leaderAlive' });
        // Once the hold is over it votes as usual.
        expect(deliver(f, 'S3', requestVote(3, 'S3'), 250).events.find((e) => e.type === 'vote')).toMatchObject({ granted: true });
      }
    }
  });
});

describe('reads from any server (deliberately unsafe)', () => {
  it('a follower or a deposed leader answers from its own state at once, however stale', () => {
    const n = leader(5, { readMode: 'anyServer' });
    // Cut off in a minority, S1 still believes it leads and answers what it applied.
    const out = read(n, 5, 500);
    expect(sent(out, 'AppendEntries')).toEqual([]);
    expect(answers(out)).toEqual([expect.objectContaining({ node: 'S1', value: 'v1', via: 'anyServer' })]);
    const f = makeNode({ id: 'S4', size: 5, term: 3, config: { readMode: 'anyServer' } });
    expect(answers(read(f, 6, 1))).toEqual([expect.objectContaining({ node: 'S4', value: null, index: 0 })]);
  });
});
