import { createRng, type Rng } from './rng.ts';
import { drawDuration, later } from './time.ts';
import type { LogEntry, NodeConfig, NodeId, Role } from './types.ts';

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
  /** Every other server in the (fixed) cluster. */
  readonly peers: readonly NodeId[];
  readonly config: NodeConfig;

  // Persistent state on all servers.
  currentTerm: number;
  votedFor: NodeId | null;
  log: LogEntry[];

  // Volatile state on all servers.
  role: Role;
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
  heartbeatDue: number;
  /** When this node last heard from a current leader (PreVote/CheckQuorum lease). */
  lastLeaderContact: number;

  // Candidate state.
  votesGranted: NodeId[];
  votesDenied: NodeId[];
  /** True while collecting PreVote answers, before the real election. */
  preCandidate: boolean;

  // Volatile state on leaders, reinitialized after election.
  nextIndex: Record<NodeId, number>;
  matchIndex: Record<NodeId, number>;
  /** Client writes this leader accepted and has not yet acknowledged (acked once applied). */
  pendingWrites: number[];
  /** CheckQuorum: peers heard from since the last check. */
  recentlyActive: NodeId[];
  quorumCheckDue: number;

  /** The node's own seeded randomness, for election timeouts. */
  rng: Rng;
}

export function createNode(id: NodeId, peers: readonly NodeId[], config: NodeConfig, seed: number, now: number): RaftNode {
  const node: RaftNode = {
    id,
    peers: [...peers],
    config,
    currentTerm: 0,
    votedFor: null,
    log: [],
    role: 'follower',
    commitIndex: 0,
    lastApplied: 0,
    kv: {},
    leaderId: null,
    electionTimeout: 0,
    electionDeadline: 0,
    electionResetAt: now,
    heartbeatDue: Infinity,
    lastLeaderContact: -Infinity,
    votesGranted: [],
    votesDenied: [],
    preCandidate: false,
    nextIndex: {},
    matchIndex: {},
    pendingWrites: [],
    recentlyActive: [],
    quorumCheckDue: Infinity,
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
  if (node.role === 'leader') return Math.min(node.heartbeatDue, node.quorumCheckDue);
  return node.electionDeadline;
}

export function clusterSize(node: RaftNode): number {
  return node.peers.length + 1;
}

/** A deep copy, for snapshots. Log entries are immutable and shared. */
export function cloneNode(node: RaftNode): RaftNode {
  return {
    ...node,
    log: node.log.slice(),
    kv: { ...node.kv },
    votesGranted: node.votesGranted.slice(),
    votesDenied: node.votesDenied.slice(),
    nextIndex: { ...node.nextIndex },
    matchIndex: { ...node.matchIndex },
    pendingWrites: node.pendingWrites.slice(),
    recentlyActive: node.recentlyActive.slice(),
    rng: { state: node.rng.state },
  };
}
