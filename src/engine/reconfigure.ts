import type { StepContext } from './context.ts';
import type { MembershipChange, MembershipRefusal } from './events.ts';
import { termAt } from './log.ts';
import { changePending, isLearner, isMember, isVoter, latestConfig, refreshMembership } from './membership.ts';
import type { LeaderState, RaftNode } from './node.ts';
import { advanceLeaderCommit, broadcastAppendEntries, sendAppendEntries } from './replication.ts';
import { becomeFollower } from './roles.ts';
import type { Membership, NodeId } from './types.ts';

// The leader's side of a membership change, one server at a time (Raft thesis §4.1-§4.2, as
// etcd does it with learners):
// - adding: the new server joins as a learner (it receives AppendEntries but does not vote or
//   count); once its log has caught up, the leader appends a second entry that makes it a voter;
// - removing: the leader appends a configuration without the server. A leader removing itself
//   keeps leading, without counting itself, until that entry commits, then steps down (§4.2.2);
// - one change at a time: no new change while an earlier configuration entry is uncommitted,
//   nor before the leader has committed an entry of its own term (the fix of §4.1's bug).

/**
 * A learner counts as caught up when its log is at most this many entries behind the leader's
 * last index at the time of the check: a busy leader's log keeps growing while a reply travels.
 */
export const CATCH_UP_LAG = 2;

/** What a change is: a request to add or remove a server. */
export type MembershipRequest = { readonly change: 'add' | 'remove'; readonly server: NodeId };

/**
 * Why this node cannot start the change now, or null if it can. Pure, so the simulator can ask
 * before it boots a server to add.
 */
export function membershipRefusal(node: RaftNode, request: MembershipRequest): MembershipRefusal | null {
  const leader = node.state;
  if (leader.role !== 'leader') return 'notLeader';
  if (changePending(node)) return 'changePending';
  if (termAt(node.log, node.commitIndex) !== node.currentTerm) return 'termNotStarted';
  if (leader.transfer !== null) return 'transferring';
  const m = node.membership;
  if (request.change === 'add') return isMember(m, request.server) ? 'alreadyMember' : null;
  if (!isMember(m, request.server)) return 'notMember';
  if (isVoter(m, request.server) && m.voters.length === 1) return 'lastVoter';
  return null;
}

/** A person (or script) asks this server, the leader, to add or remove a server. */
export function changeMembership(ctx: StepContext, request: MembershipRequest): void {
  const { node } = ctx;
  const reason = membershipRefusal(node, request);
  const change: MembershipChange = request.change === 'add' ? 'addLearner' : 'remove';
  if (reason !== null) return report(ctx, 'refused', change, request.server, 0, node.membership, reason);
  const m = node.membership;
  const next: Membership =
    request.change === 'add'
      ? { voters: m.voters, learners: [...m.learners, request.server] }
      : { voters: m.voters.filter((id) => id !== request.server), learners: m.learners.filter((id) => id !== request.server) };
  appendConfig(ctx, node.state as LeaderState, change, request.server, next);
}

/** Append a configuration entry, take it at once (§4.1: no waiting for commit), and replicate it. */
function appendConfig(ctx: StepContext, leader: LeaderState, change: MembershipChange, server: NodeId, next: Membership): void {
  const { node } = ctx;
  node.log.push({ term: node.currentTerm, key: '', value: '', writeId: 0, config: next });
  const index = node.log.length;
  ctx.out.logChangedFrom = Math.min(ctx.out.logChangedFrom, index);
  refreshMembership(node);
  if (change === 'addLearner') {
    // A new server's log is empty, as far as the leader knows: it backtracks from here.
    leader.nextIndex[server] = index;
    leader.matchIndex[server] = 0;
  }
  report(ctx, 'proposed', change, server, index, next, null);
  advanceLeaderCommit(ctx, leader); // a one-voter cluster commits it at once
  if (node.state === leader) broadcastAppendEntries(ctx, leader);
}

function report(
  ctx: StepContext,
  step: 'proposed' | 'committed' | 'refused',
  change: MembershipChange,
  server: NodeId,
  index: number,
  m: Membership,
  reason: MembershipRefusal | null,
): void {
  const { node } = ctx;
  ctx.out.events.push({
    type: 'membership',
    node: node.id,
    step,
    change,
    server,
    index,
    term: node.currentTerm,
    voters: m.voters,
    learners: m.learners,
    reason,
  });
}

/**
 * The leader's commit index moved from `from`: if the latest configuration entry is now
 * committed, say so; a leader it removed steps down (§4.2.2), after telling the others of the
 * commit; otherwise a learner that has caught up may now be promoted.
 */
export function afterLeaderCommit(ctx: StepContext, leader: LeaderState, from: number): void {
  const { node } = ctx;
  const index = node.membershipIndex;
  if (index > from && index <= node.commitIndex) {
    const before = latestConfig(node.log, index - 1, node.initialMembership).membership;
    const { change, server } = describeChange(before, node.membership);
    report(ctx, 'committed', change, server, index, node.membership, null);
    // The servers it removed get one last AppendEntries carrying the commit: knowing their
    // removal committed, they stop campaigning (a lost one only leaves them to campaign unheard).
    for (const id of node.leaving) sendAppendEntries(ctx, leader, id);
    if (!isVoter(node.membership, node.id)) {
      broadcastAppendEntries(ctx, leader);
      becomeFollower(ctx, node.currentTerm, 'removed', null);
      return;
    }
  }
  promoteCaughtUp(ctx, leader);
}

/**
 * Promote the first learner whose log has caught up with the leader's (within CATCH_UP_LAG), if
 * no change is under way. Called when a learner's log advances and when a change commits.
 */
export function promoteCaughtUp(ctx: StepContext, leader: LeaderState): void {
  const { node } = ctx;
  const m = node.membership;
  if (m.learners.length === 0 || changePending(node) || leader.transfer !== null) return;
  if (termAt(node.log, node.commitIndex) !== node.currentTerm) return;
  for (const learner of m.learners) {
    // Caught up: it holds the latest configuration (it knows it is a learner), and it is at most
    // CATCH_UP_LAG entries behind the leader's last index now.
    const match = leader.matchIndex[learner] ?? 0;
    if (match < node.membershipIndex || match < node.log.length - CATCH_UP_LAG) continue;
    const next: Membership = { voters: [...m.voters, learner], learners: m.learners.filter((id) => id !== learner) };
    appendConfig(ctx, leader, 'promote', learner, next);
    return;
  }
}

/** Which one-server change turns `before` into `after`. */
function describeChange(before: Membership, after: Membership): { change: MembershipChange; server: NodeId } {
  for (const id of after.voters) if (!isVoter(before, id)) return { change: 'promote', server: id };
  for (const id of after.learners) if (!isMember(before, id)) return { change: 'addLearner', server: id };
  for (const id of [...before.voters, ...before.learners]) if (!isMember(after, id)) return { change: 'remove', server: id };
  return { change: 'remove', server: '' };
}

/** Whether `id` is a learner the leader should check for promotion after its log advanced. */
export function isLearnerOf(node: RaftNode, id: NodeId): boolean {
  return isLearner(node.membership, id);
}
