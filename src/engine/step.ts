import { newOutput, type StepContext, type StepOutput } from './context.ts';
import { handleRequestVote, handleRequestVoteReply } from './election.ts';
import { FOLLOWER, resetElectionTimer, type RaftNode } from './node.ts';
import { advanceLeaderCommit, broadcastAppendEntries, handleAppendEntries, handleAppendEntriesReply } from './replication.ts';
import { inLeaderLease } from './election.ts';
import { isVoter, quorumOf, votersAmong } from './membership.ts';
import { onClientRead } from './reads.ts';
import { becomeFollower, onElectionTimeout } from './roles.ts';
import { changeMembership, type MembershipRequest } from './reconfigure.ts';
import { abandonTransferIfDue, handleTimeoutNow, startTransfer } from './transfer.ts';
import { later } from './time.ts';
import type { NodeId, Rpc } from './types.ts';

/** Everything that can happen to a node. */
export type NodeInput =
  /** Simulated time reached the node's next deadline (election timeout, heartbeat, quorum check). */
  | { readonly type: 'timer' }
  | { readonly type: 'message'; readonly from: NodeId; readonly rpc: Rpc }
  | { readonly type: 'clientWrite'; readonly key: string; readonly value: string; readonly writeId: number }
  /** A client reads `key` (thesis §6.4; how it is answered depends on the read mode). */
  | { readonly type: 'clientRead'; readonly key: string; readonly readId: number }
  /** The user asks this node to time out now, as if its timer had run out. */
  | { readonly type: 'timeoutNow' }
  /** The user asks this node, the leader, to hand its leadership to `to` (thesis §3.10). */
  | { readonly type: 'transferLeadership'; readonly to: NodeId }
  /** The user asks this node, the leader, to add or remove one server (thesis §4.1). */
  | ({ readonly type: 'changeMembership' } & MembershipRequest);

/**
 * Step one node with one input at simulated time `now`. Like etcd's Step, it updates the node in
 * place and returns what it wants sent and what happened; it never sends, sleeps or reads a clock.
 */
export function step(node: RaftNode, input: NodeInput, now: number): StepOutput {
  const ctx: StepContext = { node, now, out: newOutput() };
  switch (input.type) {
    case 'timer':
      onTimer(ctx);
      break;
    case 'message':
      onMessage(ctx, input.from, input.rpc);
      break;
    case 'clientWrite':
      onClientWrite(ctx, input.key, input.value, input.writeId);
      break;
    case 'clientRead':
      onClientRead(ctx, input.key, input.readId);
      break;
    case 'timeoutNow':
      onElectionTimeout(ctx, true);
      break;
    case 'transferLeadership':
      startTransfer(ctx, input.to);
      break;
    case 'changeMembership':
      changeMembership(ctx, input);
      break;
  }
  return ctx.out;
}

function onTimer(ctx: StepContext): void {
  const { node, now } = ctx;
  const leader = node.state;
  if (leader.role !== 'leader') {
    if (now >= node.electionDeadline) onElectionTimeout(ctx, false);
    return;
  }
  abandonTransferIfDue(ctx, leader);
  if (now >= leader.quorumCheckDue) {
    // CheckQuorum: a leader that heard from no majority in a whole election timeout steps down,
    // so clients stop talking to a leader cut off from the cluster.
    // Only voters count, the leader among them unless it is being removed (thesis §4.2.2).
    const heard = votersAmong(node, leader.recentlyActive) + (isVoter(node.membership, node.id) ? 1 : 0);
    leader.recentlyActive = [];
    if (heard < quorumOf(node)) {
      becomeFollower(ctx, node.currentTerm, 'lostQuorum', null);
      return;
    }
    leader.quorumCheckDue = later(now, node.config.electionTimeoutMin);
  }
  if (now >= leader.heartbeatDue) broadcastAppendEntries(ctx, leader);
}

function onMessage(ctx: StepContext, from: NodeId, rpc: Rpc): void {
  if (rpc.term > ctx.node.currentTerm) adoptHigherTerm(ctx, from, rpc);
  switch (rpc.type) {
    case 'RequestVote':
      handleRequestVote(ctx, from, rpc);
      break;
    case 'RequestVoteReply':
      handleRequestVoteReply(ctx, from, rpc);
      break;
    case 'AppendEntries':
      handleAppendEntries(ctx, from, rpc);
      break;
    case 'AppendEntriesReply':
      handleAppendEntriesReply(ctx, from, rpc);
      break;
    case 'TimeoutNow':
      handleTimeoutNow(ctx, from, rpc);
      break;
  }
}

/**
 * Figure 2, all servers: "if RPC request or response contains term T > currentTerm: set
 * currentTerm = T, convert to follower". Handled once, before dispatch, as etcd's Step does, so
 * the handlers below only ever see messages of their own term or older. Three messages carry a
 * higher term without meaning it, and keep ours (Raft thesis §9.6 and §4.2.3):
 * - a PreVote request asks about a term its sender has not started;
 * - a granted PreVote answer carries the term we probed with;
 * - with CheckQuorum, a vote request that would unseat a leader we heard from within the
 *   minimum election timeout (its handler refuses it, saying so).
 */
function adoptHigherTerm(ctx: StepContext, from: NodeId, rpc: Rpc): void {
  // A transfer's vote request is the leader's own wish: no lease stands in its way (thesis §3.10).
  if (rpc.type === 'RequestVote' && (rpc.preVote || (ctx.node.config.checkQuorum && !rpc.transfer && inLeaderLease(ctx)))) return;
  if (rpc.type === 'RequestVoteReply' && rpc.preVote && rpc.voteGranted) return;
  // An AppendEntries of a higher term comes from that term's leader: follow it at once.
  becomeFollower(ctx, rpc.term, 'higherTerm', rpc.type === 'AppendEntries' ? from : null);
}

/** A refused client write, naming the leader to ask instead (and, while handing over, whom to). */
function refuseWrite(
  ctx: StepContext,
  key: string,
  value: string,
  writeId: number,
  leaderHint: NodeId | null,
  handingTo: NodeId | null,
): void {
  ctx.out.events.push({
    type: 'clientWrite',
    node: ctx.node.id,
    writeId,
    key,
    value,
    accepted: false,
    index: 0,
    term: ctx.node.currentTerm,
    leaderHint,
    handingTo,
  });
}

/** Clients talk to the leader; anyone else refuses and names the leader it knows of. */
function onClientWrite(ctx: StepContext, key: string, value: string, writeId: number): void {
  const { node } = ctx;
  const leader = node.state;
  if (leader.role !== 'leader') return refuseWrite(ctx, key, value, writeId, node.leaderId, null);
  // Thesis §3.10: no new entries while handing over, or the target might never catch up.
  if (leader.transfer !== null) return refuseWrite(ctx, key, value, writeId, node.id, leader.transfer.to);
  // Figure 2, Leaders: append the entry to the local log, then replicate it.
  node.log.push({ term: node.currentTerm, key, value, writeId });
  const index = node.log.length;
  ctx.out.logChangedFrom = Math.min(ctx.out.logChangedFrom, index);
  leader.pendingWrites.push(writeId);
  ctx.out.events.push({
    type: 'clientWrite',
    node: node.id,
    writeId,
    key,
    value,
    accepted: true,
    index,
    term: node.currentTerm,
    leaderHint: node.id,
    handingTo: null,
  });
  advanceLeaderCommit(ctx, leader); // a one-node cluster is its own majority
  if (node.state === leader) broadcastAppendEntries(ctx, leader);
}

/**
 * A crashed server comes back with only its persistent state (currentTerm, votedFor, log):
 * it is a follower again, knows nothing of commits, and rebuilds its state machine as it
 * relearns the commit index.
 */
export function restartNode(node: RaftNode, now: number): StepOutput {
  const out = newOutput();
  node.state = FOLLOWER; // every role's own state goes with it
  node.commitIndex = 0;
  node.lastApplied = 0;
  node.kv = {};
  node.leaderId = null;
  node.lastLeaderContact = -Infinity;
  // A leader lease (thesis §6.4.1) counts on every server that answered its heartbeat refusing
  // votes for a minimum election timeout. This server may have answered one just before it
  // crashed and remembers nothing of it, so it holds its vote for that long from now: else a
  // quick restart could elect a rival while the old leader still answers reads from its lease.
  node.voteHoldUntil = node.config.readMode === 'lease' && node.config.checkQuorum ? later(now, node.config.electionTimeoutMin) : 0;
  // What applying told it is volatile too: it learns it again as it applies its log once more.
  node.appliedMembership = node.initialMembership;
  node.removed = [];
  if (node.config.broken.forgetVoteOnRestart) node.votedFor = null;
  resetElectionTimer(node, now);
  out.events.push({ type: 'role', node: node.id, role: 'follower', term: node.currentTerm, cause: 'start' });
  return out;
}
