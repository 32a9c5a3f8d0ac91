import type { StepContext } from './context.ts';
import type { RoleCause } from './events.ts';
import { mayCampaign, quorumOf, replicaTargets, votersAmong } from './membership.ts';
import { FOLLOWER, resetElectionTimer, roleOf, type LeaderState } from './node.ts';
import { dropPendingReads } from './reads.ts';
import { advanceLeaderCommit, broadcastAppendEntries } from './replication.ts';
import { later } from './time.ts';
import type { NodeId } from './types.ts';

// Role transitions, in one place, as etcd's becomeFollower/becomeCandidate/becomeLeader.

/** Figure 2, all servers: a higher term means we are out of date; adopt it and forget our vote. */
export function adoptTerm(ctx: StepContext, term: number, cause: 'election' | 'message'): void {
  const { node } = ctx;
  if (term <= node.currentTerm) return;
  ctx.out.events.push({ type: 'term', node: node.id, from: node.currentTerm, to: term, cause });
  node.currentTerm = term;
  node.votedFor = null;
  node.leaderId = null;
}

export function becomeFollower(ctx: StepContext, term: number, cause: RoleCause, leader: NodeId | null): void {
  const { node, now } = ctx;
  adoptTerm(ctx, term, 'message');
  const wasLeader = node.state.role === 'leader';
  // Reads it had not answered are dropped: it can no longer vouch for any value.
  if (node.state.role === 'leader') dropPendingReads(ctx, node.state);
  // A pre-candidate was a follower all along (it raised no term): no role change to report.
  const changed = roleOf(node) !== 'follower';
  node.state = FOLLOWER;
  if (leader !== null) node.leaderId = leader;
  // A leader that steps down in its own term (CheckQuorum) must not go on naming itself as the
  // leader: clients it refuses would be sent straight back to it.
  else if (node.leaderId === node.id) node.leaderId = null;
  // A leader runs no election timer; give it one now. Other roles keep theirs running, because
  // Figure 2 resets the timer only on hearing the current leader or on granting a vote.
  if (wasLeader) resetElectionTimer(node, now);
  if (changed) ctx.out.events.push({ type: 'role', node: node.id, role: 'follower', term: node.currentTerm, cause });
}

/**
 * The election timer ran out (or the user forced it, or a leader handing over sent TimeoutNow:
 * `transferFrom`): start a PreVote round or an election. A forced election skips PreVote, as
 * the thesis (§3.10, §9.6) and etcd do: the point is to start now.
 */
export function onElectionTimeout(ctx: StepContext, forced: boolean, transferFrom: NodeId | null = null): void {
  const { node, now } = ctx;
  if (node.state.role === 'leader') return;
  // A learner, or a server that knows its removal committed, never campaigns (thesis §4.1-§4.2).
  if (!mayCampaign(node)) return;
  resetElectionTimer(node, now);
  if (node.config.preVote && !forced) startPreVote(ctx);
  else startElection(ctx, forced, transferFrom);
}

function startPreVote(ctx: StepContext): void {
  const { node } = ctx;
  // A candidate whose election timed out (a split vote) probes again before raising its term,
  // as etcd's becomePreCandidate does. It must stop being a candidate: PreVote answers count
  // only for a pre-candidate follower, so a candidate left in that role would ignore them all
  // and never win again (found by the property test: no leader 5 s after the faults stopped).
  if (node.state.role === 'candidate') {
    ctx.out.events.push({ type: 'role', node: node.id, role: 'follower', term: node.currentTerm, cause: 'electionTimeout' });
  }
  const state = { role: 'preCandidate' as const, votesGranted: [node.id], votesDenied: [] };
  node.state = state;
  const term = node.currentTerm + 1;
  ctx.out.events.push({ type: 'electionTimeout', node: node.id, term, preVote: true, forced: false });
  if (votersAmong(node, state.votesGranted) >= quorumOf(node)) {
    startElection(ctx, false);
    return;
  }
  requestVotes(ctx, term, true);
}

export function startElection(ctx: StepContext, forced: boolean, transferFrom: NodeId | null = null): void {
  const { node, now } = ctx;
  adoptTerm(ctx, node.currentTerm + 1, 'election');
  const state = { role: 'candidate' as const, votesGranted: [node.id], votesDenied: [], transferFrom };
  node.state = state;
  node.votedFor = node.id;
  resetElectionTimer(node, now);
  ctx.out.events.push({ type: 'electionTimeout', node: node.id, term: node.currentTerm, preVote: false, forced });
  ctx.out.events.push({ type: 'role', node: node.id, role: 'candidate', term: node.currentTerm, cause: 'electionTimeout' });
  // Its own vote counts only if it is a voter of its latest configuration (thesis §4.2.2).
  if (votersAmong(node, state.votesGranted) >= quorumOf(node) || node.config.broken.winWithoutMajority) {
    becomeLeader(ctx);
    return;
  }
  requestVotes(ctx, node.currentTerm, false, transferFrom !== null);
}

function requestVotes(ctx: StepContext, term: number, preVote: boolean, transfer = false): void {
  const { node } = ctx;
  const lastLogIndex = node.log.length;
  const lastLogTerm = lastLogIndex > 0 ? (node.log[lastLogIndex - 1]?.term ?? 0) : 0;
  // Votes are asked of the voters of the candidate's own latest configuration (thesis §4.1).
  for (const peer of node.membership.voters) {
    if (peer === node.id) continue;
    ctx.out.sends.push({
      to: peer,
      rpc: { type: 'RequestVote', term, candidateId: node.id, lastLogIndex, lastLogTerm, preVote, transfer },
    });
  }
}

export function becomeLeader(ctx: StepContext): void {
  const { node, now } = ctx;
  const transferFrom = node.state.role === 'candidate' ? node.state.transferFrom : null;
  node.leaderId = node.id;
  node.lastLeaderContact = now;
  // Figure 2: nextIndex starts just past the leader's last entry, matchIndex at 0.
  const state: LeaderState = {
    role: 'leader',
    nextIndex: {},
    matchIndex: {},
    pendingWrites: [],
    recentlyActive: [],
    heartbeatDue: Infinity, // set by the first broadcast below
    quorumCheckDue: node.config.checkQuorum ? later(now, node.config.electionTimeoutMin) : Infinity,
    transfer: null,
    round: 0,
    roundAcked: {},
    confirmedRound: 0,
    roundsSent: [],
    leaseUntil: 0,
    leaseVoid: false,
    pendingReads: [],
  };
  for (const peer of replicaTargets(node)) {
    state.nextIndex[peer] = node.log.length + 1;
    state.matchIndex[peer] = 0;
  }
  node.state = state;
  ctx.out.events.push({ type: 'role', node: node.id, role: 'leader', term: node.currentTerm, cause: 'wonElection' });
  if (transferFrom !== null) {
    // The election a TimeoutNow started is won: the handover of thesis §3.10 is complete.
    ctx.out.events.push({
      type: 'transfer',
      node: node.id,
      step: 'done',
      from: transferFrom,
      to: node.id,
      term: node.currentTerm,
      reason: null,
    });
  }
  if (node.config.noopOnElection) {
    // §8: a leader must commit an entry of its own term to learn which entries are committed
    // (Figure 8 forbids counting replicas of older ones), so it starts its term with a no-op.
    node.log.push({ term: node.currentTerm, key: '', value: '', writeId: 0, noop: true });
    ctx.out.logChangedFrom = Math.min(ctx.out.logChangedFrom, node.log.length);
    advanceLeaderCommit(ctx, state); // a one-server cluster commits it at once
  }
  // Upon election: send initial AppendEntries to each server (empty heartbeats, or the no-op).
  broadcastAppendEntries(ctx, state);
}
