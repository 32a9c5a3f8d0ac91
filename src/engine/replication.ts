import type { StepContext } from './context.ts';
import { firstIndexOfTerm, lastIndexOfTerm, termAt } from './log.ts';
import { applyConfig, quorumOf, refreshMembership, replicaTargets } from './membership.ts';
import { resetElectionTimer, type LeaderState } from './node.ts';
import { afterLeaderCommit, isLearnerOf, promoteCaughtUp } from './reconfigure.ts';
import { becomeFollower } from './roles.ts';
import { afterBroadcast, heartbeatRound, noteRoundAnswer, serveReads } from './reads.ts';
import { afterTargetProgress } from './transfer.ts';
import { later } from './time.ts';
import type { AppendEntries, AppendEntriesReply, NodeId } from './types.ts';

/**
 * Send each follower what it is missing from nextIndex on (or an empty heartbeat), as heartbeat
 * round `round` if it is not 0 (src/engine/reads.ts: lease mode makes every broadcast one). The
 * followers are the other members of the latest configuration, learners included (thesis §4.1).
 */
export function broadcastAppendEntries(ctx: StepContext, leader: LeaderState, round = heartbeatRound(ctx, leader)): void {
  for (const peer of replicaTargets(ctx.node)) sendAppendEntries(ctx, leader, peer, round);
  leader.heartbeatDue = later(ctx.now, ctx.node.config.heartbeatInterval);
  afterBroadcast(ctx, leader, round);
}

export function sendAppendEntries(ctx: StepContext, leader: LeaderState, peer: NodeId, round = 0): void {
  const { node } = ctx;
  const next = leader.nextIndex[peer] ?? node.log.length + 1;
  const prevLogIndex = next - 1;
  const end = Math.min(node.log.length, prevLogIndex + node.config.maxEntriesPerMessage);
  const rpc: AppendEntries = {
    type: 'AppendEntries',
    term: node.currentTerm,
    leaderId: node.id,
    prevLogIndex,
    prevLogTerm: termAt(node.log, prevLogIndex),
    entries: node.log.slice(prevLogIndex, end),
    leaderCommit: node.commitIndex,
    // Only when there is a round: messages of runs without reads stay exactly as they were.
    ...(round > 0 ? { round } : {}),
  };
  ctx.out.sends.push({ to: peer, rpc });
}

/** Figure 2, AppendEntries RPC, receiver implementation. */
export function handleAppendEntries(ctx: StepContext, from: NodeId, rpc: AppendEntries): void {
  const { node, now } = ctx;

  // 1. Reply false if term < currentTerm.
  if (rpc.term < node.currentTerm) return refuseAppend(ctx, from, rpc, 0, 0);

  // A current leader exists: candidates (and PreVote candidates) of this term step down. (A
  // higher term was adopted by step(), which made us its leader's follower already.)
  if (node.state.role !== 'follower') becomeFollower(ctx, rpc.term, 'leaderOfTerm', from);
  node.leaderId = from;
  node.lastLeaderContact = now;
  resetElectionTimer(node, now);

  // 2. Reply false if log doesn't contain an entry at prevLogIndex whose term matches prevLogTerm.
  if (rpc.prevLogIndex > node.log.length) return refuseAppend(ctx, from, rpc, node.log.length + 1, 0);
  const myPrevTerm = termAt(node.log, rpc.prevLogIndex);
  if (myPrevTerm !== rpc.prevLogTerm) {
    return refuseAppend(ctx, from, rpc, firstIndexOfTerm(node.log, myPrevTerm, rpc.prevLogIndex), myPrevTerm);
  }

  // 3. If an existing entry conflicts with a new one (same index, different terms), delete the
  //    existing entry and all that follow it. 4. Append any new entries not already in the log.
  // Entries that already match are kept: a delayed, shorter AppendEntries must not cut off
  // entries a later one delivered.
  let configChanged = false;
  for (let i = 0; i < rpc.entries.length; i++) {
    const entry = rpc.entries[i]!;
    const index = rpc.prevLogIndex + 1 + i;
    if (index <= node.log.length) {
      if (termAt(node.log, index) === entry.term) continue;
      const removed = node.log.length - index + 1;
      node.log.length = index - 1;
      // A truncated configuration entry takes its configuration with it (thesis §4.1).
      if (index <= node.membershipIndex) configChanged = true;
      ctx.out.events.push({ type: 'truncate', node: node.id, fromIndex: index, removed });
      ctx.out.logChangedFrom = Math.min(ctx.out.logChangedFrom, index);
    }
    node.log.push(entry);
    if (entry.config) configChanged = true;
    ctx.out.logChangedFrom = Math.min(ctx.out.logChangedFrom, index);
  }
  // Each server uses the latest configuration in its log, committed or not (thesis §4.1).
  if (configChanged) refreshMembership(node);

  // 5. If leaderCommit > commitIndex, set commitIndex = min(leaderCommit, index of last new entry).
  const lastNew = rpc.prevLogIndex + rpc.entries.length;
  const newCommit = Math.min(rpc.leaderCommit, lastNew);
  if (newCommit > node.commitIndex) setCommitIndex(ctx, newCommit);

  ctx.out.sends.push({
    to: from,
    rpc: {
      type: 'AppendEntriesReply',
      term: node.currentTerm,
      success: true,
      prevLogIndex: rpc.prevLogIndex,
      matchIndex: lastNew,
      conflictIndex: 0,
      conflictTerm: 0,
      ...(rpc.round === undefined ? {} : { round: rpc.round }),
    },
  });
}

/** Reply false to an AppendEntries, with the backtracking hint (module-level: no closure per call). */
function refuseAppend(ctx: StepContext, from: NodeId, request: AppendEntries, conflictIndex: number, conflictTerm: number): void {
  const reply: AppendEntriesReply = {
    type: 'AppendEntriesReply',
    term: ctx.node.currentTerm,
    success: false,
    prevLogIndex: request.prevLogIndex,
    matchIndex: 0,
    conflictIndex,
    conflictTerm,
    // A refusal in the leader's own term still says "you are my leader": the round counts it.
    ...(request.round === undefined ? {} : { round: request.round }),
  };
  ctx.out.sends.push({ to: from, rpc: reply });
}

/** Figure 2, Leaders: track each follower's progress and commit what a majority holds. */
export function handleAppendEntriesReply(ctx: StepContext, from: NodeId, rpc: AppendEntriesReply): void {
  const { node } = ctx;
  const leader = node.state;
  if (leader.role !== 'leader' || rpc.term !== node.currentTerm) return;
  if (!leader.recentlyActive.includes(from)) leader.recentlyActive.push(from);
  if (rpc.round !== undefined) noteRoundAnswer(ctx, leader, from, rpc.round);

  const match = leader.matchIndex[from] ?? 0;
  if (rpc.success) {
    // max(): a reordered, older reply must not move progress backwards.
    const newMatch = Math.max(match, rpc.matchIndex);
    leader.matchIndex[from] = newMatch;
    leader.nextIndex[from] = Math.max(leader.nextIndex[from] ?? 1, newMatch + 1);
    advanceLeaderCommit(ctx, leader);
    // A leader removed by the entry that just committed has stepped down: nothing more to do.
    if (node.state !== leader) return;
    afterTargetProgress(ctx, leader, from);
    if (newMatch > match && isLearnerOf(node, from)) promoteCaughtUp(ctx, leader);
    // More to send (a follower catching up in batches): send the next batch at once.
    if (newMatch > match && (leader.nextIndex[from] ?? 1) <= node.log.length) sendAppendEntries(ctx, leader, from);
    return;
  }
  // After a rejection, decrement nextIndex and retry (Figure 2), or jump with the conflict hint.
  const next = leader.nextIndex[from] ?? node.log.length + 1;
  // A rejection is stale if it answers a request sent from another nextIndex (a duplicate, or one
  // overtaken since), or one at or below what the follower is known to hold: acting on it would
  // move nextIndex back for nothing and resend. etcd's maybeDecrTo ignores these the same way.
  if (rpc.prevLogIndex !== next - 1 || rpc.prevLogIndex <= match) return;
  let proposed: number;
  if (node.config.fastBacktrack) {
    if (rpc.conflictTerm > 0) {
      const last = lastIndexOfTerm(node.log, rpc.conflictTerm);
      proposed = last > 0 ? last + 1 : rpc.conflictIndex;
    } else {
      proposed = rpc.conflictIndex;
    }
    proposed = Math.min(proposed, next - 1);
  } else {
    proposed = next - 1;
  }
  // Never below what the follower is known to hold, never below 1.
  leader.nextIndex[from] = Math.max(proposed, match + 1, 1);
  sendAppendEntries(ctx, leader, from);
}

/**
 * If there exists an N > commitIndex such that a majority of matchIndex[i] >= N and
 * log[N].term == currentTerm: set commitIndex = N (§5.3, §5.4). Entries of earlier terms are
 * committed only indirectly, by committing one of the current term (the paper's Figure 8).
 */
export function advanceLeaderCommit(ctx: StepContext, leader: LeaderState): void {
  const { node } = ctx;
  const broken = node.config.broken;
  if (broken.commitWithoutMajority) {
    if (node.log.length > node.commitIndex) setCommitIndex(ctx, node.log.length);
    return;
  }
  // The highest index a majority holds: the needed-th largest of the voters' match indexes (the
  // leader holds its whole log). Found directly, not by trying each uncommitted index in turn,
  // which cost a pass over the peers per entry on every reply: quadratic in a burst of writes.
  // Only the voters of the leader's latest configuration count: not learners, and not the
  // leader itself once it has appended its own removal (thesis §4.2.2).
  // Most replies (to heartbeats) change nothing: unless a quorum holds something past the commit
  // index, there is nothing to find, and no list to build and sort (a tenth of a run's time in a
  // CPU profile of bench:engine).
  const quorum = quorumOf(node);
  const voters = node.membership.voters;
  let past = 0;
  for (const voter of voters) if ((voter === node.id ? node.log.length : (leader.matchIndex[voter] ?? 0)) > node.commitIndex) past++;
  if (past < quorum) return;
  const held: number[] = [];
  for (const voter of voters) held.push(voter === node.id ? node.log.length : (leader.matchIndex[voter] ?? 0));
  held.sort((a, b) => b - a);
  const n = held[quorum - 1] ?? 0;
  if (n <= node.commitIndex) return;
  // Terms only fall going back through the log, so if log[n] is of an earlier term, so is every
  // entry before it: none can be committed by counting (Figure 8).
  if (termAt(node.log, n) === node.currentTerm || broken.commitOldTermByCount) {
    const from = node.commitIndex;
    setCommitIndex(ctx, n);
    afterLeaderCommit(ctx, leader, from);
  }
}

function setCommitIndex(ctx: StepContext, index: number): void {
  const { node } = ctx;
  ctx.out.events.push({ type: 'commit', node: node.id, from: node.commitIndex, to: index, term: node.currentTerm });
  node.commitIndex = index;
  applyCommitted(ctx);
  // A commit can make reads answerable: the first of the leader's own term fixes their read index.
  if (node.state.role === 'leader') serveReads(ctx, node.state);
}

/** If commitIndex > lastApplied: apply log[lastApplied + 1] to the state machine, in order. */
function applyCommitted(ctx: StepContext): void {
  const { node } = ctx;
  while (node.lastApplied < node.commitIndex) {
    node.lastApplied++;
    const entry = node.log[node.lastApplied - 1]!;
    const noop = entry.noop === true;
    const config = entry.config;
    if (config) applyConfig(node, config);
    // Defined, not assigned: a key named "__proto__" must be a key like any other, not the
    // object's prototype (an assignment would drop the write, and a read would find nothing).
    else if (!noop) Object.defineProperty(node.kv, entry.key, { value: entry.value, writable: true, enumerable: true, configurable: true });
    const applied = {
      type: 'apply',
      node: node.id,
      index: node.lastApplied,
      term: entry.term,
      key: entry.key,
      value: entry.value,
      writeId: entry.writeId,
      noop,
    } as const;
    // A configuration entry's event carries it; others have no config field at all (compact traces).
    ctx.out.events.push(config ? { ...applied, config } : applied);
    // Only now, with the entry committed and applied, is the client told its write succeeded.
    const { state } = node;
    const pending = state.role === 'leader' ? state.pendingWrites.indexOf(entry.writeId) : -1;
    if (state.role === 'leader' && pending >= 0) {
      state.pendingWrites.splice(pending, 1);
      ctx.out.events.push({ type: 'clientAck', node: node.id, writeId: entry.writeId, index: node.lastApplied, term: entry.term });
    }
  }
}
