import type { NodeId, Role } from '../engine/types.ts';
import type { TraceEvent } from '../sim/trace.ts';
import type { Goal } from './types.ts';

/**
 * Watches a run's events, every one of them in order from the run's start, for the moment the
 * learner reaches `goal`: only events from index `from` on count (what happened before the step
 * appeared is the scene, not the learner's doing), but earlier ones tell who was leader and how
 * the cluster was split. The worker keeps one for the step on screen and feeds it as the run goes.
 */
export class GoalWatch {
  /** Index of the event at which the goal was reached, once it is. */
  reachedAt: number | null = null;
  /** The simulated time of that event. */
  reachedTime: number | null = null;
  private readonly roles = new Map<NodeId, Role>();
  /** The first crash of a leader since `from`, and who it was. */
  private leaderCrash: { readonly index: number; readonly node: NodeId } | null = null;
  private minority: ReadonlySet<NodeId> | null = null;
  /** Elections started in the minority since `from`. */
  private minorityTries = 0;
  /** Client writes accepted since `from`: only their acknowledgements count. */
  private readonly writes = new Set<number>();
  /** Each server's commit index, as far as the trace says. */
  private readonly commits = new Map<NodeId, number>();

  constructor(
    readonly goal: Goal,
    readonly from: number,
  ) {}

  /** Read event `e`, the run's `index`-th. */
  see(e: TraceEvent, index: number): void {
    if (this.reachedAt !== null) return;
    const counts = index >= this.from;
    this.track(e, counts);
    if (counts && this.reachedBy(e, index)) {
      this.reachedAt = index;
      this.reachedTime = e.t;
    }
    // After the check: a server catching up is compared with the others, not with itself.
    if (e.type === 'commit') this.commits.set(e.node, e.to);
    if (e.type === 'start') this.commits.clear();
  }

  /** Whether the goal is reached after the events read so far. */
  settle(): boolean {
    return this.reachedAt !== null;
  }

  private track(e: TraceEvent, counts: boolean): void {
    switch (e.type) {
      case 'start':
        this.minority = null;
        return;
      case 'role':
        this.roles.set(e.node, e.role);
        return;
      case 'clientWrite':
        if (counts && e.accepted) this.writes.add(e.writeId);
        return;
      case 'crash':
        if (counts && this.leaderCrash === null && this.roles.get(e.node) === 'leader') this.leaderCrash = { index: -1, node: e.node };
        this.roles.set(e.node, 'follower');
        return;
      case 'partition': {
        const total = e.groups.reduce((n, g) => n + g.length, 0);
        const small = e.groups.find((g) => g.length * 2 < total);
        this.minority = small ? new Set(small) : null;
        this.minorityTries = 0;
        return;
      }
      case 'heal':
        this.minority = null;
        return;
      case 'electionTimeout':
        if (counts && this.minority?.has(e.node) && !e.preVote) this.minorityTries++;
        return;
      default:
        return;
    }
  }

  private reachedBy(e: TraceEvent, index: number): boolean {
    switch (this.goal.kind) {
      case 'leaderElected':
        return e.type === 'role' && e.role === 'leader';
      case 'leaderCrashed':
        return e.type === 'crash' && this.leaderCrash?.node === e.node && this.markCrash(index);
      case 'newLeaderAfterCrash':
        if (e.type === 'crash' && this.leaderCrash?.node === e.node) this.markCrash(index);
        return (
          e.type === 'role' &&
          e.role === 'leader' &&
          this.leaderCrash !== null &&
          this.leaderCrash.index >= 0 &&
          e.node !== this.leaderCrash.node
        );
      case 'forcedTimeout':
        return e.type === 'electionTimeout' && e.forced;
      case 'clientWriteAccepted':
        return e.type === 'clientWrite' && e.accepted;
      case 'committed':
        return e.type === 'commit' && this.roles.get(e.node) === 'leader';
      case 'clientAcked':
        return e.type === 'clientAck' && this.writes.has(e.writeId);
      case 'split':
        return e.type === 'partition';
      case 'healed':
        return e.type === 'heal';
      case 'minorityRefused':
        // The candidate counted all the votes its side can give (fewer than it needs), or, if
        // its side split its votes, a second election there started: the first one failed.
        if (e.type === 'voteCount' && !e.preVote && this.minority?.has(e.node) && e.granted < e.needed) return true;
        return e.type === 'electionTimeout' && this.minorityTries >= 2;
      case 'violationSeen':
        return e.type === 'violation';
      case 'caughtUp':
        return e.type === 'commit' && e.node === this.goal.node && e.to >= Math.max(0, ...this.commits.values());
      case 'truncated':
        return e.type === 'truncate';
      case 'lockGranted':
        return e.type === 'lockAnswer' && e.granted && e.client === this.goal.client;
      case 'stored':
        return e.type === 'store' && e.client === this.goal.client && e.accepted === this.goal.accepted;
    }
  }

  /** The leader's crash, the first since `from`, is at `index`. */
  private markCrash(index: number): true {
    if (this.leaderCrash && this.leaderCrash.index < 0) this.leaderCrash = { index, node: this.leaderCrash.node };
    return true;
  }
}

/**
 * Has the learner made the goal happen? `history` is every event of the run so far and `from`
 * the index where the step began.
 */
export function goalReached(goal: Goal, history: readonly TraceEvent[], from: number): boolean {
  const watch = new GoalWatch(goal, from);
  history.forEach((e, i) => watch.see(e, i));
  return watch.settle();
}
