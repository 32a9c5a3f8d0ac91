import type { StepContext } from './context.ts';
import { isAtLeastAsUpToDate } from './log.ts';
import { isVoter, quorumOf, votersAmong } from './membership.ts';
import { resetElectionTimer, type CandidateState, type PreCandidateState } from './node.ts';
import { becomeLeader, startElection } from './roles.ts';
import type { DenyReason, NodeId, RequestVote, RequestVoteReply } from './types.ts';

/**
 * PreVote and CheckQuorum leases: a server that heard from a live leader within the minimum
 * election timeout refuses to help unseat it (Raft thesis §4.2.3 and §9.6).
 */
export function inLeaderLease(ctx: StepContext): boolean {
  const { node, now } = ctx;
  if (!node.config.preVote && !node.config.checkQuorum) return false;
  if (node.state.role === 'leader') return true;
  if (now < node.voteHoldUntil) return true;
  return node.leaderId !== null && now - node.lastLeaderContact < node.config.electionTimeoutMin;
}

/** Figure 2, RequestVote RPC, receiver implementation. */
export function handleRequestVote(ctx: StepContext, from: NodeId, rpc: RequestVote): void {
  if (rpc.preVote) {
    handlePreVote(ctx, from, rpc);
    return;
  }
  const { node } = ctx;

  // 1. Reply false if term < currentTerm.
  if (rpc.term < node.currentTerm) return replyVote(ctx, from, rpc, false, 'staleTerm');
  // A higher term that step() did not adopt: with CheckQuorum, a server in a live leader's lease
  // neither adopts the term nor votes, so a partitioned server that rejoins cannot depose it.
  if (rpc.term > node.currentTerm) return replyVote(ctx, from, rpc, false, 'leaderAlive');
  // 2. If votedFor is null or candidateId, and the candidate's log is at least as up-to-date
  //    as the receiver's log, grant vote.
  const broken = node.config.broken;
  if (node.votedFor !== null && node.votedFor !== from && !broken.voteTwice) {
    return replyVote(ctx, from, rpc, false, 'alreadyVoted');
  }
  if (!broken.ignoreLogCheck && !isAtLeastAsUpToDate(rpc.lastLogTerm, rpc.lastLogIndex, node.log)) {
    return replyVote(ctx, from, rpc, false, 'logBehind');
  }
  node.votedFor = from;
  // Granting a vote resets the election timer (Figure 2, Followers).
  resetElectionTimer(node, ctx.now);
  return replyVote(ctx, from, rpc, true, null);
}

/**
 * Answer a RequestVote and report the decision. A module-level function, not a closure inside
 * handleRequestVote: this runs for every vote, and a closure per call costs measurably in the
 * Figure 16 experiment's thousands of elections.
 */
function replyVote(ctx: StepContext, from: NodeId, rpc: RequestVote, granted: boolean, reason: DenyReason | null): void {
  const { node } = ctx;
  const votedFor = reason === 'alreadyVoted' ? node.votedFor : null;
  ctx.out.events.push({
    type: 'vote',
    node: node.id,
    candidate: from,
    term: rpc.term,
    granted,
    reason,
    votedFor,
    preVote: false,
  });
  const answer: RequestVoteReply = {
    type: 'RequestVoteReply',
    term: node.currentTerm,
    voteGranted: granted,
    preVote: false,
    reason,
    votedFor,
  };
  ctx.out.sends.push({ to: from, rpc: answer });
}

/** A PreVote changes nothing on the voter: it only answers "would I vote for you?". */
function handlePreVote(ctx: StepContext, from: NodeId, rpc: RequestVote): void {
  const { node } = ctx;
  let reason: DenyReason | null = null;
  if (rpc.term <= node.currentTerm) reason = 'staleTerm';
  else if (inLeaderLease(ctx)) reason = 'leaderAlive';
  else if (!node.config.broken.ignoreLogCheck && !isAtLeastAsUpToDate(rpc.lastLogTerm, rpc.lastLogIndex, node.log)) {
    reason = 'logBehind';
  }
  const granted = reason === null;
  ctx.out.events.push({
    type: 'vote',
    node: node.id,
    candidate: from,
    term: rpc.term,
    granted,
    reason,
    votedFor: null,
    preVote: true,
  });
  // A granted PreVote carries the probed term so the asker can match it to its round;
  // a refusal carries ours so an out-of-date asker learns the real term.
  ctx.out.sends.push({
    to: from,
    rpc: {
      type: 'RequestVoteReply',
      term: granted ? rpc.term : node.currentTerm,
      voteGranted: granted,
      preVote: true,
      reason,
      votedFor: null,
    },
  });
}

/** Figure 2, Candidates: if votes are received from a majority of servers, become leader. */
export function handleRequestVoteReply(ctx: StepContext, from: NodeId, rpc: RequestVoteReply): void {
  const { node } = ctx;
  const { state } = node;
  // Only the voters of the candidate's configuration count (a learner's answer decides nothing).
  if (!isVoter(node.membership, from)) return;
  if (rpc.preVote) {
    if (state.role !== 'preCandidate') return;
    if (rpc.voteGranted) {
      if (rpc.term !== node.currentTerm + 1) return; // an answer to an older round
      tally(ctx, state, from, true, node.currentTerm + 1, true);
      if (votersAmong(node, state.votesGranted) >= quorumOf(node)) startElection(ctx, false);
    } else {
      tally(ctx, state, from, false, node.currentTerm + 1, true);
    }
    return;
  }
  // Answers from an earlier term, or arriving after the election was decided, change nothing.
  if (state.role !== 'candidate' || rpc.term !== node.currentTerm) return;
  tally(ctx, state, from, rpc.voteGranted, node.currentTerm, false);
  if (votersAmong(node, state.votesGranted) >= quorumOf(node)) becomeLeader(ctx);
}

function tally(
  ctx: StepContext,
  votes: PreCandidateState | CandidateState,
  from: NodeId,
  granted: boolean,
  term: number,
  preVote: boolean,
): void {
  const { node } = ctx;
  const list = granted ? votes.votesGranted : votes.votesDenied;
  // Duplicated messages must not count twice.
  if (list.includes(from)) return;
  list.push(from);
  ctx.out.events.push({
    type: 'voteCount',
    node: node.id,
    term,
    granted: votersAmong(node, votes.votesGranted),
    needed: quorumOf(node),
    preVote,
  });
}
