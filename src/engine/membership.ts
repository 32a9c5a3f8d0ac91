import type { RaftNode } from './node.ts';
import { majority } from './quorum.ts';
import type { LogEntry, Membership, NodeId } from './types.ts';

// Membership change one server at a time (Raft thesis §4.1, as etcd does it). The configuration
// is a log entry; every server uses the latest one in its log, committed or not, and falls back
// to the cluster's initial configuration while its log holds none. Only voters elect and commit.

export function isVoter(m: Membership, id: NodeId): boolean {
  return m.voters.includes(id);
}

export function isLearner(m: Membership, id: NodeId): boolean {
  return m.learners.includes(id);
}

export function isMember(m: Membership, id: NodeId): boolean {
  return isVoter(m, id) || isLearner(m, id);
}

/** Votes or replicas a decision needs under this node's current configuration. */
export function quorumOf(node: RaftNode): number {
  return majority(node.membership.voters.length);
}

/** How many of `ids` are voters of this node's current configuration. */
export function votersAmong(node: RaftNode, ids: readonly NodeId[]): number {
  let n = 0;
  for (const id of ids) if (node.membership.voters.includes(id)) n++;
  return n;
}

/** The latest configuration in the first `upTo` entries of `log`, and its index (0: the initial one). */
export function latestConfig(
  log: readonly LogEntry[],
  upTo: number,
  initial: Membership,
): { readonly membership: Membership; readonly index: number } {
  for (let i = Math.min(upTo, log.length); i >= 1; i--) {
    const config = log[i - 1]!.config;
    if (config) return { membership: config, index: i };
  }
  return { membership: initial, index: 0 };
}

/** Everyone in `m` but `self`: voters first, then learners, each in the configuration's order. */
function othersIn(m: Membership, self: NodeId): NodeId[] {
  const out: NodeId[] = [];
  for (const id of m.voters) if (id !== self) out.push(id);
  for (const id of m.learners) if (id !== self) out.push(id);
  return out;
}

/**
 * Take the latest configuration of the node's log again (after it appended or truncated a
 * configuration entry), with what follows from it: the servers it replicates to when leading,
 * and those the newest change removed, which a leader keeps replicating to until the change
 * commits, so that they learn of their removal and stop campaigning.
 */
export function refreshMembership(node: RaftNode): void {
  const { membership, index } = latestConfig(node.log, node.log.length, node.initialMembership);
  if (membership === node.membership && index === node.membershipIndex) return;
  node.membership = membership;
  node.membershipIndex = index;
  node.peers = othersIn(membership, node.id);
  const before = index === 0 ? membership : latestConfig(node.log, index - 1, node.initialMembership).membership;
  node.previousMembership = before;
  node.leaving = othersIn(before, node.id).filter((id) => !isMember(membership, id));
}

/**
 * Whether this server may run for leader: a voter of its latest configuration, or a voter of the
 * one before while the entry that removed it is not known to be committed. Thesis §4.2.2: such a
 * server "might still be needed until the C_new entry is committed", though it does not count
 * its own vote. A learner never campaigns, nor does a server that knows its removal committed.
 */
export function mayCampaign(node: RaftNode): boolean {
  return isVoter(node.membership, node.id) || (changePending(node) && isVoter(node.previousMembership, node.id));
}

/** Whether the latest configuration entry is not yet committed: a change is under way. */
export function changePending(node: RaftNode): boolean {
  return node.membershipIndex > node.commitIndex;
}

/**
 * Who a leader sends AppendEntries to: every other member, and while the change that removed
 * them is uncommitted, the servers it removed (thesis §4.2.2: they still need the entry).
 */
export function replicaTargets(node: RaftNode): readonly NodeId[] {
  return node.leaving.length > 0 && changePending(node) ? [...node.peers, ...node.leaving] : node.peers;
}

/**
 * Applying a committed configuration entry: the servers it removes are gone for good (names are
 * never reused). Messages from them are refused from now on, as etcd's transport refuses a
 * removed member's: a removed server that never learned of its removal would otherwise disrupt
 * the cluster with ever higher terms (thesis §4.2.3).
 */
export function applyConfig(node: RaftNode, config: Membership): void {
  const before = node.appliedMembership;
  const gone = [...before.voters, ...before.learners].filter((id) => !isMember(config, id) && !node.removed.includes(id));
  if (gone.length > 0) node.removed = [...node.removed, ...gone];
  node.appliedMembership = config;
}
