import type { StepContext } from './context.ts';
import type { TransferRefusal, TransferStep } from './events.ts';
import { isMember, isVoter } from './membership.ts';
import type { LeaderState } from './node.ts';
import { sendAppendEntries } from './replication.ts';
import { onElectionTimeout } from './roles.ts';
import { later } from './time.ts';
import type { NodeId, TimeoutNow } from './types.ts';

// Leadership transfer, Raft thesis §3.10 (etcd: MsgTransferLeader, MsgTimeoutNow):
// 1. the leader stops accepting client writes, so the target's log can catch up with its own;
// 2. it brings the target's log up to date with ordinary AppendEntries;
// 3. it sends the target TimeoutNow, and the target starts an election at once: holding the
//    leader's whole log and a higher term, it gets the votes and wins the next term;
// 4. if no new leader shows up within an election timeout, the leader gives up and takes
//    writes again.

function report(ctx: StepContext, step: TransferStep, to: NodeId, reason: TransferRefusal | null = null): void {
  const { node } = ctx;
  ctx.out.events.push({ type: 'transfer', node: node.id, step, from: node.id, to, term: node.currentTerm, reason });
}

/** A person (or script) asks this server to hand its leadership to `to`. */
export function startTransfer(ctx: StepContext, to: NodeId): void {
  const { node, now } = ctx;
  const leader = node.state;
  if (leader.role !== 'leader') return report(ctx, 'refused', to, 'notLeader');
  if (to === node.id) return report(ctx, 'refused', to, 'self');
  if (!isVoter(node.membership, to)) return report(ctx, 'refused', to, isMember(node.membership, to) ? 'notVoter' : 'unknownServer');
  if (leader.transfer?.to === to) return report(ctx, 'refused', to, 'alreadyHanding');
  // A transfer to another target is replaced by this one, as in etcd. The clock starts again:
  // the transfer must finish within one (minimum) election timeout from now.
  leader.transfer = { to, deadline: later(now, node.config.electionTimeoutMin), timeoutNowSent: false };
  report(ctx, 'start', to);
  if ((leader.matchIndex[to] ?? 0) >= node.log.length) {
    sendTimeoutNow(ctx, leader);
    return;
  }
  report(ctx, 'catchUp', to);
  sendAppendEntries(ctx, leader, to);
}

/**
 * After an AppendEntries reply: if the target now holds the leader's whole log, tell it to start
 * its election. Once only: later heartbeat replies must not send it again.
 */
export function afterTargetProgress(ctx: StepContext, leader: LeaderState, from: NodeId): void {
  const transfer = leader.transfer;
  if (transfer === null || transfer.to !== from || transfer.timeoutNowSent) return;
  if ((leader.matchIndex[from] ?? 0) >= ctx.node.log.length) sendTimeoutNow(ctx, leader);
}

function sendTimeoutNow(ctx: StepContext, leader: LeaderState): void {
  const transfer = leader.transfer!;
  leader.transfer = { ...transfer, timeoutNowSent: true };
  // The target's election may now win votes from servers inside this leader's lease.
  leader.leaseVoid = true;
  report(ctx, 'timeoutNow', transfer.to);
  const rpc: TimeoutNow = { type: 'TimeoutNow', term: ctx.node.currentTerm };
  ctx.out.sends.push({ to: transfer.to, rpc });
}

/** The leader's timer: a transfer that did not finish within an election timeout is given up. */
export function abandonTransferIfDue(ctx: StepContext, leader: LeaderState): void {
  const transfer = leader.transfer;
  if (transfer === null || ctx.now < transfer.deadline) return;
  leader.transfer = null;
  report(ctx, 'abandoned', transfer.to);
}

/**
 * The target: its leader says start an election now. It skips PreVote, and its RequestVotes are
 * marked as a transfer's, so voters still in that leader's lease vote all the same (thesis
 * §3.10 and §4.2.3: the leader itself asked for this election). A stale TimeoutNow (an older
 * term's) is ignored, as is one reaching a candidate, which is already campaigning.
 */
export function handleTimeoutNow(ctx: StepContext, from: NodeId, rpc: TimeoutNow): void {
  const { node } = ctx;
  if (rpc.term < node.currentTerm || node.state.role === 'leader' || node.state.role === 'candidate') return;
  onElectionTimeout(ctx, true, from);
}
