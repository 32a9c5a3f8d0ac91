import { createRng, type Rng } from './rng.ts';
import { drawDuration, later } from './time.ts';
import { mayCampaign } from './membership.ts';
import type { LogEntry, Membership, NodeConfig, NodeId, Role } from './types.ts';

/** A follower keeps nothing of its own beyond what every server keeps. */
export interface FollowerState {
  readonly role: 'follower';
}

/**
 * Collecting PreVote answers (Raft thesis §9.6) before raising the term. etcd calls this role
 * StatePreCandidate; the paper has no name for it, and the app shows it as a follower.
 */
export interface PreCandidateState {
  readonly role: 'preCandidate';
  readonly votesGranted: NodeId[];
  readonly votesDenied: NodeId[];
}

/** Figure 2, Candidates: the votes of this term's election. */
export interface CandidateState {
  readonly role: 'candidate';
  readonly votesGranted: NodeId[];
  readonly votesDenied: NodeId[];
  /** The leader whose TimeoutNow started this election (a leadership transfer), else null. */
  readonly transferFrom: NodeId | null;
}

/**
 * A leadership transfer in progress (thesis §3.10): the target, when the leader gives up on it
 * (one election timeout after it began, as etcd does), and whether TimeoutNow has gone out.
 * Replaced, never changed, so a snapshot may share it.
 */
export interface LeaderTransfer {
  readonly to: NodeId;
  readonly deadline: number;
  readonly timeoutNowSent: boolean;
}

/**
 * A client read the leader accepted and has not answered yet (thesis §6.4). It is answered once
 * `round` is confirmed (a majority answered a heartbeat round sent after the read came: the
 * leader still leads), its `index` is known (the commit index, taken once the leader has
 * committed an entry of its own term) and the leader has applied up to it.
 */
export interface PendingRead {
  readonly readId: number;
  readonly key: string;
  /** The heartbeat round that must be confirmed; 0: none (a lease read). */
  readonly round: number;
  /** The read index; null until the leader has committed an entry of its own term. */
  index: number | null;
  readonly via: 'readIndex' | 'lease';
}

/** A heartbeat round sent and not yet confirmed, and when it went out (a lease runs from then). */
export interface RoundSent {
  readonly round: number;
  readonly sentAt: number;
}

/** Figure 2, "volatile state on leaders, reinitialized after election", and a leader's timers. */
export interface LeaderState {
  readonly role: 'leader';
  readonly nextIndex: Record<NodeId, number>;
  readonly matchIndex: Record<NodeId, number>;
  /** Client writes this leader accepted and has not yet acknowledged (acked once applied). */
  readonly pendingWrites: number[];
  /** CheckQuorum: peers heard from since the last check. */
  recentlyActive: NodeId[];
  heartbeatDue: number;
  quorumCheckDue: number;
  /** The leadership transfer in progress (no client writes are taken meanwhile), or null. */
  transfer: LeaderTransfer | null;
  /** Reads: the latest heartbeat round sent (0: none yet). */
  round: number;
  /** The highest round each peer has answered. */
  readonly roundAcked: Record<NodeId, number>;
  /** The highest round a majority (the leader included) has answered. */
  confirmedRound: number;
  /** Rounds sent, not yet confirmed and young enough to still date a lease. */
  roundsSent: RoundSent[];
  /** Lease mode: no other leader can exist before this time (a confirmed round's sending + min election timeout). */
  leaseUntil: number;
  /**
   * Set once this leader sent TimeoutNow: the target's election may win votes inside the lease
   * (thesis §3.10), so the lease cannot be trusted again in this term.
   */
  leaseVoid: boolean;
  /** Client reads accepted and not yet answered, in the order they came. */
  pendingReads: PendingRead[];
}

/**
 * What a server keeps because of the role it is in, and only while it is in it: changing role
 * replaces the whole value, so no vote tally or nextIndex can outlive the role it belongs to.
 */
export type RoleState = FollowerState | PreCandidateState | CandidateState | LeaderState;

export const FOLLOWER: FollowerState = Object.freeze({ role: 'follower' });

/**
 * One server's state, named as in Figure 2 of the Raft paper.
 *
 * Persistent (survives a crash): currentTerm, votedFor, log.
 * Everything else is volatile and is reset by restartNode.
 *
 * The node is a plain object so the simulator can snapshot it for time travel.
 */
export interface RaftNode {
  readonly id: NodeId;
  readonly config: NodeConfig;
  /** The cluster's configuration before any configuration entry (every server knows it). */
  readonly initialMembership: Membership;

  // Derived from the log (src/engine/membership.ts), kept so that no step scans the log for it.
  /** The latest configuration in the log, committed or not, else the initial one (thesis §4.1). */
  membership: Membership;
  /** The index of the entry `membership` comes from; 0 for the initial configuration. */
  membershipIndex: number;
  /** Every other member of `membership`, voters then learners: whom a leader replicates to. */
  peers: readonly NodeId[];
  /** The configuration before the latest one (the initial one has none before it: itself). */
  previousMembership: Membership;
  /** Members of the previous configuration that the latest one removed. */
  leaving: readonly NodeId[];

  // Persistent state on all servers.
  currentTerm: number;
  votedFor: NodeId | null;
  log: LogEntry[];

  // Volatile state on all servers.
  /** The role and the state that belongs to it alone (votes, nextIndex, matchIndex...). */
  state: RoleState;
  commitIndex: number;
  lastApplied: number;
  /** The key-value state machine, rebuilt from the log after a restart. */
  kv: Record<string, string>;
  /** The leader this node last heard from in its current term (for client redirects). */
  leaderId: NodeId | null;

  // Timers, in simulated ms. The simulator calls the node back at nextDeadline().
  /** The length drawn at the last reset, so the app can show it. */
  electionTimeout: number;
  electionDeadline: number;
  electionResetAt: number;
  /** When this node last heard from a current leader (PreVote/CheckQuorum lease). */
  lastLeaderContact: number;
  /**
   * Lease reads: a restarted server refuses votes until then (see restartNode), since before
   * crashing it may have answered a heartbeat that a leader's lease still counts on. 0: no hold.
   */
  voteHoldUntil: number;
  /** The configuration of the last applied configuration entry (or the initial one). */
  appliedMembership: Membership;
  /** Servers removed by applied configuration entries: their messages are refused. */
  removed: readonly NodeId[];

  /** The node's own seeded randomness, for election timeouts. */
  rng: Rng;
}

/**
 * A server booting with an empty log. `peers` are the other voters of the initial configuration,
 * unless `initial` gives that configuration in full (a server added later is not in it).
 */
export function createNode(
  id: NodeId,
  peers: readonly NodeId[],
  config: NodeConfig,
  seed: number,
  now: number,
  initial: Membership = { voters: [id, ...peers].sort(), learners: [] },
): RaftNode {
  const node: RaftNode = {
    id,
    config,
    initialMembership: initial,
    membership: initial,
    membershipIndex: 0,
    previousMembership: initial,
    peers: [...initial.voters, ...initial.learners].filter((p) => p !== id),
    leaving: [],
    currentTerm: 0,
    votedFor: null,
    log: [],
    state: FOLLOWER,
    commitIndex: 0,
    lastApplied: 0,
    kv: {},
    leaderId: null,
    electionTimeout: 0,
    electionDeadline: 0,
    electionResetAt: now,
    lastLeaderContact: -Infinity,
    voteHoldUntil: 0,
    appliedMembership: initial,
    removed: [],
    rng: createRng(seed),
  };
  resetElectionTimer(node, now);
  return node;
}

/** Draw a fresh randomized election timeout: randomness is what keeps candidates from tying. */
export function resetElectionTimer(node: RaftNode, now: number): void {
  node.electionTimeout = drawDuration(node.rng, node.config.electionTimeoutMin, node.config.electionTimeoutMax);
  node.electionResetAt = now;
  node.electionDeadline = later(now, node.electionTimeout);
}

/** The next moment this node needs to be woken up, or Infinity. */
export function nextDeadline(node: RaftNode): number {
  const { state } = node;
  if (state.role === 'leader') return Math.min(state.heartbeatDue, state.quorumCheckDue, state.transfer?.deadline ?? Infinity);
  // A learner, or a server that knows its removal committed, never campaigns: it runs no timer.
  return mayCampaign(node) ? node.electionDeadline : Infinity;
}

/** The voters of the node's current configuration: the cluster whose majority decides. */
export function clusterSize(node: RaftNode): number {
  return node.membership.voters.length;
}

/**
 * A deep copy, for snapshots. Log entries are immutable and shared. `log` replaces the copy of its log: the timeline's snapshots keep the
 * logs themselves, shared between snapshots, so copying each whole log at every snapshot would be
 * wasted (a long run's snapshots then cost time in the square of its length).
 */
export function cloneNode(node: RaftNode, log: LogEntry[] = node.log.slice()): RaftNode {
  return {
    ...node,
    log,
    kv: { ...node.kv },
    state: cloneState(node.state),
    rng: { state: node.rng.state },
  };
}

function cloneState(state: RoleState): RoleState {
  switch (state.role) {
    case 'follower':
      return state; // frozen and empty: nothing to copy
    case 'preCandidate':
    case 'candidate':
      return { ...state, votesGranted: state.votesGranted.slice(), votesDenied: state.votesDenied.slice() };
    case 'leader':
      return {
        ...state,
        nextIndex: { ...state.nextIndex },
        matchIndex: { ...state.matchIndex },
        pendingWrites: state.pendingWrites.slice(),
        recentlyActive: state.recentlyActive.slice(),
        roundAcked: { ...state.roundAcked },
        roundsSent: state.roundsSent.slice(),
        pendingReads: state.pendingReads.map((r) => ({ ...r })),
      };
  }
}

/**
 * The role as the paper and the app name it: a pre-candidate is still a follower, since it has
 * raised no term and asked for no real vote.
 */
export function roleOf(node: RaftNode): Role {
  const { role } = node.state;
  return role === 'preCandidate' ? 'follower' : role;
}

/** The leader's own state, or null if the node is not leading. */
export function leaderState(node: RaftNode): LeaderState | null {
  return node.state.role === 'leader' ? node.state : null;
}
