import type { NodeId, Role } from '../engine/types.ts';
import type { TraceEvent } from '../sim/trace.ts';
import type { Goal } from './types.ts';

/**
 * Has the learner made the goal happen? `history` is every event of the run so far and `from`
 * the index where the step began: only what happened since counts, but earlier events tell who
 * was leader and how the cluster was split.
 */
export function goalReached(goal: Goal, history: readonly TraceEvent[], from: number): boolean {
  const since = history.slice(from);
  switch (goal.kind) {
    case 'leaderElected':
      return since.some((e) => e.type === 'role' && e.role === 'leader');
    case 'leaderCrashed':
      return leaderCrashIndex(history, from) >= 0;
    case 'newLeaderAfterCrash': {
      const crash = leaderCrashIndex(history, from);
      if (crash < 0) return false;
      const crashed = history[crash]!;
      const oldLeader = crashed.type === 'crash' ? crashed.node : null;
      return history.slice(crash + 1).some((e) => e.type === 'role' && e.role === 'leader' && e.node !== oldLeader);
    }
    case 'forcedTimeout':
      return since.some((e) => e.type === 'electionTimeout' && e.forced);
    case 'clientWriteAccepted':
      return since.some((e) => e.type === 'clientWrite' && e.accepted);
    case 'committed':
      return since.some((e) => e.type === 'commit');
    case 'clientAcked':
      return since.some((e) => e.type === 'clientAck');
    case 'split':
      return since.some((e) => e.type === 'partition');
    case 'healed':
      return since.some((e) => e.type === 'heal');
    case 'minorityRefused':
      return minorityRefused(history, from);
    case 'violationSeen':
      return since.some((e) => e.type === 'violation');
  }
}

/** Index of the first crash since `from` of a node that was leader when it crashed, or -1. */
function leaderCrashIndex(history: readonly TraceEvent[], from: number): number {
  const roles = new Map<NodeId, Role>();
  for (let i = 0; i < history.length; i++) {
    const e = history[i]!;
    if (e.type === 'role') roles.set(e.node, e.role);
    if (e.type === 'crash') {
      if (i >= from && roles.get(e.node) === 'leader') return i;
      roles.set(e.node, 'follower');
    }
  }
  return -1;
}

/**
 * Since the step began, a node on the smaller side of a split started an election, and nobody
 * on that side has become leader: the minority tried, and could not.
 */
function minorityRefused(history: readonly TraceEvent[], from: number): boolean {
  let minority: ReadonlySet<NodeId> | null = null;
  let tried = false;
  for (let i = 0; i < history.length; i++) {
    const e = history[i]!;
    if (e.type === 'start') minority = null;
    if (e.type === 'partition') {
      const sizes = e.groups.map((g) => g.length);
      const total = sizes.reduce((a, b) => a + b, 0);
      const small = e.groups.find((g) => g.length * 2 < total);
      minority = small ? new Set(small) : null;
      tried = false;
    }
    if (e.type === 'heal') minority = null;
    if (i < from || minority === null) continue;
    if (e.type === 'electionTimeout' && minority.has(e.node) && !e.preVote) tried = true;
    if (e.type === 'role' && e.role === 'leader' && minority.has(e.node)) return false;
  }
  return tried && minority !== null;
}
