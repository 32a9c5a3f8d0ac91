import {
  createNode,
  step,
  NO_BROKEN_RULES,
  type NodeConfig,
  type NodeInput,
  type LeaderState,
  type RaftNode,
  type StepOutput,
} from '../../src/engine/index.ts';
import { roleOf } from '../../src/engine/node.ts';
import type { AppendEntries, AppendEntriesReply, LogEntry, NodeId, RequestVote, RequestVoteReply, Rpc } from '../../src/engine/types.ts';

// Builders for driving single nodes with step(), as the unit tests of Figure 2 do. States are
// built the way the paper describes them (a term, a vote, a log), not through engine internals.

export const CONFIG: NodeConfig = Object.freeze({
  electionTimeoutMin: 150,
  electionTimeoutMax: 300,
  heartbeatInterval: 50,
  maxEntriesPerMessage: 64,
  preVote: false,
  checkQuorum: false,
  fastBacktrack: true,
  noopOnElection: false,
  readMode: 'readIndex',
  broken: NO_BROKEN_RULES,
});

export function ids(n: number): NodeId[] {
  return Array.from({ length: n }, (_, i) => `S${i + 1}`);
}

export interface NodeOptions {
  readonly id?: NodeId;
  readonly size?: number;
  readonly config?: Partial<NodeConfig>;
  readonly seed?: number;
  readonly term?: number;
  readonly votedFor?: NodeId | null;
  /** Terms of the log's entries, in order. */
  readonly log?: readonly number[];
  readonly now?: number;
}

/** A follower with the given persistent state. */
export function makeNode(opts: NodeOptions = {}): RaftNode {
  const id = opts.id ?? 'S1';
  const all = ids(opts.size ?? 5);
  const node = createNode(
    id,
    all.filter((p) => p !== id),
    { ...CONFIG, ...opts.config },
    opts.seed ?? 7,
    opts.now ?? 0,
  );
  node.currentTerm = opts.term ?? 0;
  node.votedFor = opts.votedFor ?? null;
  node.log = entries(opts.log ?? []);
  return node;
}

/** Log entries with the given terms; writeId = index so entries are told apart. */
export function entries(terms: readonly number[], firstIndex = 1): LogEntry[] {
  return terms.map((term, i) => ({ term, key: 'x', value: `v${firstIndex + i}`, writeId: firstIndex + i }));
}

export function deliver(node: RaftNode, from: NodeId, rpc: Rpc, now = 0): StepOutput {
  return step(node, { type: 'message', from, rpc }, now);
}

export function input(node: RaftNode, inp: NodeInput, now = 0): StepOutput {
  return step(node, inp, now);
}

export function requestVote(
  term: number,
  candidateId: NodeId,
  lastLogIndex = 0,
  lastLogTerm = 0,
  preVote = false,
  transfer = false,
): RequestVote {
  return { type: 'RequestVote', term, candidateId, lastLogIndex, lastLogTerm, preVote, transfer };
}

export function voteReply(term: number, voteGranted: boolean, preVote = false): RequestVoteReply {
  return { type: 'RequestVoteReply', term, voteGranted, preVote, reason: null, votedFor: null };
}

export function appendEntries(
  term: number,
  leaderId: NodeId,
  prevLogIndex: number,
  prevLogTerm: number,
  entryTerms: readonly number[] = [],
  leaderCommit = 0,
): AppendEntries {
  return { type: 'AppendEntries', term, leaderId, prevLogIndex, prevLogTerm, entries: entries(entryTerms, prevLogIndex + 1), leaderCommit };
}

/** A reply to an AppendEntries; `prevLogIndex` names the request it answers (on success, by default, the matchIndex). */
export function appendReply(
  term: number,
  success: boolean,
  matchIndex = 0,
  conflictIndex = 0,
  conflictTerm = 0,
  prevLogIndex = matchIndex,
): AppendEntriesReply {
  return { type: 'AppendEntriesReply', term, success, prevLogIndex, matchIndex, conflictIndex, conflictTerm };
}

/** The RPCs of one type a step sent, with their destinations. */
export function sent<T extends Rpc['type']>(out: StepOutput, type: T): { to: NodeId; rpc: Extract<Rpc, { type: T }> }[] {
  return out.sends.filter((s) => s.rpc.type === type) as { to: NodeId; rpc: Extract<Rpc, { type: T }> }[];
}

/**
 * Make `node` leader the way Figure 2 does: its election timer runs out, it becomes a candidate
 * of the next term, and a majority grants its vote.
 */
export function elect(node: RaftNode, now = 0): StepOutput[] {
  const outs = [step(node, { type: 'timeoutNow' }, now)];
  const needed = Math.floor((node.peers.length + 1) / 2); // plus its own vote
  for (const peer of node.peers.slice(0, needed)) outs.push(deliver(node, peer, voteReply(node.currentTerm, true), now));
  if (roleOf(node) !== 'leader') throw new Error(`${node.id} was not elected`);
  return outs;
}

/** The leader's own state (nextIndex, matchIndex, timers); fails the test if `node` is not leading. */
export function leading(node: RaftNode): LeaderState {
  if (node.state.role !== 'leader') throw new Error(`${node.id} is not leading, it is ${node.state.role}`);
  return node.state;
}

/** Put `node` in the leader role with fresh leader state, for checks built on constructed states. */
export function markLeader(node: RaftNode): void {
  node.state = {
    role: 'leader',
    nextIndex: {},
    matchIndex: {},
    pendingWrites: [],
    recentlyActive: [],
    heartbeatDue: Infinity,
    quorumCheckDue: Infinity,
    transfer: null,
    round: 0,
    roundAcked: {},
    confirmedRound: 0,
    roundsSent: [],
    leaseUntil: 0,
    leaseVoid: false,
    pendingReads: [],
  };
}
