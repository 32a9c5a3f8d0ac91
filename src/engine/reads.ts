import type { StepContext } from './context.ts';
import { termAt } from './log.ts';
import { quorumOf } from './membership.ts';
import type { LeaderState, PendingRead } from './node.ts';
import { broadcastAppendEntries } from './replication.ts';
import type { NodeId, ReadMode } from './types.ts';

// Client reads, Raft thesis §6.4. A read must not return a value older than one some client was
// already told about, so a leader may only answer from its state machine once it knows it is still
// the leader and has applied everything committed when the read came:
// 1. it must have committed an entry of its own term (its no-op, §8), or its commit index may lag;
// 2. it records its commit index as the read index;
// 3. it sends a round of heartbeats; once a majority answers, no other leader had been elected
//    when they answered (they would have refused with a higher term);
// 4. it answers once it has applied up to the read index.
// With a lease (§6.4.1) step 3 is skipped while a majority answered a round sent less than the
// minimum election timeout ago: CheckQuorum's followers refuse any vote for that long after
// hearing from their leader, so no new leader can exist yet. `anyServer` skips all of it.

/** Start a heartbeat round: the next broadcast carries its number, and followers echo it back. */
export function openRound(ctx: StepContext, leader: LeaderState): number {
  const { now } = ctx;
  const round = ++leader.round;
  // Rounds too old to date a lease any more are forgotten: the list stays a few long.
  const lease = ctx.node.config.electionTimeoutMin;
  leader.roundsSent = leader.roundsSent.filter((r) => r.sentAt + lease > now);
  leader.roundsSent.push({ round, sentAt: now });
  return round;
}

/** The round a heartbeat broadcast carries: in lease mode every one renews the lease; else none. */
export function heartbeatRound(ctx: StepContext, leader: LeaderState): number {
  return ctx.node.config.readMode === 'lease' ? openRound(ctx, leader) : 0;
}

/** After a broadcast with `round`: a leader alone is its own majority. */
export function afterBroadcast(ctx: StepContext, leader: LeaderState, round: number): void {
  if (round > 0 && quorumOf(ctx.node) === 1) confirmRounds(ctx, leader);
}

/** A peer answered an AppendEntries of `round`: it still followed this leader then. */
export function noteRoundAnswer(ctx: StepContext, leader: LeaderState, from: NodeId, round: number): void {
  if (round <= (leader.roundAcked[from] ?? 0)) return;
  leader.roundAcked[from] = round;
  confirmRounds(ctx, leader);
}

/**
 * The highest round a majority of the voters answered (the leader answers its own at once, if it
 * is a voter: not while it removes itself), and what it confirms. Learners do not count.
 */
function confirmRounds(ctx: StepContext, leader: LeaderState): void {
  const { node } = ctx;
  const answered: number[] = [];
  for (const voter of node.membership.voters) answered.push(voter === node.id ? leader.round : (leader.roundAcked[voter] ?? 0));
  answered.sort((a, b) => b - a);
  const confirmed = answered[quorumOf(node) - 1] ?? 0;
  if (confirmed <= leader.confirmedRound) return;
  leader.confirmedRound = confirmed;
  const sent = leader.roundsSent.find((r) => r.round === confirmed);
  // §6.4.1: no other leader can be elected before the round's sending + the minimum election timeout.
  if (sent !== undefined) leader.leaseUntil = Math.max(leader.leaseUntil, sent.sentAt + node.config.electionTimeoutMin);
  leader.roundsSent = leader.roundsSent.filter((r) => r.round > confirmed);
  serveReads(ctx, leader);
}

/** Whether the leader may answer without a round now (lease mode only). */
function leaseHolds(ctx: StepContext, leader: LeaderState): boolean {
  const { node, now } = ctx;
  // The lease rests on CheckQuorum's followers refusing votes while they hear from their leader,
  // and on no TimeoutNow of this leader's (its target's votes ignore that rule).
  return (
    node.config.readMode === 'lease' && node.config.checkQuorum && !leader.leaseVoid && leader.transfer === null && now < leader.leaseUntil
  );
}

/** Whether the leader has committed an entry of its own term: only then is its commit index known good. */
function committedOwnTerm(ctx: StepContext): boolean {
  const { node } = ctx;
  return termAt(node.log, node.commitIndex) === node.currentTerm;
}

/** A client's read of `key` reaches this node. */
export function onClientRead(ctx: StepContext, key: string, readId: number): void {
  const { node } = ctx;
  const mode = node.config.readMode;
  if (mode === 'anyServer') {
    // Unsafe on purpose: whatever this server has applied, whatever its role.
    report(ctx, readId, key, true, mode);
    answer(ctx, readId, key, node.lastApplied, mode);
    return;
  }
  const leader = node.state;
  if (leader.role !== 'leader') return report(ctx, readId, key, false, null);
  const index = committedOwnTerm(ctx) ? node.commitIndex : null;
  if (leaseHolds(ctx, leader)) {
    report(ctx, readId, key, true, 'lease');
    leader.pendingReads.push({ readId, key, round: 0, index, via: 'lease' });
  } else {
    report(ctx, readId, key, true, 'readIndex');
    const round = openRound(ctx, leader);
    leader.pendingReads.push({ readId, key, round, index, via: 'readIndex' });
    broadcastAppendEntries(ctx, leader, round);
  }
  serveReads(ctx, leader);
}

/** Answer every pending read that is ready (see PendingRead); called whenever that may have changed. */
export function serveReads(ctx: StepContext, leader: LeaderState): void {
  if (leader.pendingReads.length === 0) return;
  const { node } = ctx;
  const own = committedOwnTerm(ctx);
  const waiting: PendingRead[] = [];
  for (const read of leader.pendingReads) {
    if (read.index === null && own) read.index = node.commitIndex;
    if (read.index !== null && read.round <= leader.confirmedRound && node.lastApplied >= read.index) {
      answer(ctx, read.readId, read.key, read.index, read.via);
    } else waiting.push(read);
  }
  leader.pendingReads = waiting;
}

/** A leader stepping down: its unanswered reads get no answer. */
export function dropPendingReads(ctx: StepContext, leader: LeaderState): void {
  const { node } = ctx;
  for (const read of leader.pendingReads) {
    ctx.out.events.push({ type: 'readUnanswered', node: node.id, readId: read.readId, key: read.key, term: node.currentTerm });
  }
  leader.pendingReads = [];
}

function report(ctx: StepContext, readId: number, key: string, accepted: boolean, via: ReadMode | null): void {
  const { node } = ctx;
  ctx.out.events.push({
    type: 'clientRead',
    node: node.id,
    readId,
    key,
    accepted,
    via,
    term: node.currentTerm,
    leaderHint: accepted ? node.id : node.leaderId,
  });
}

function answer(ctx: StepContext, readId: number, key: string, index: number, via: ReadMode): void {
  const { node } = ctx;
  const value = Object.hasOwn(node.kv, key) ? node.kv[key]! : null;
  ctx.out.events.push({ type: 'readAnswer', node: node.id, readId, key, value, index, term: node.currentTerm, via });
}
