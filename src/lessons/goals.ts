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
  private readonly roles = new Map<NodeId, Role>();
  /** The first crash of a leader since `from`, and who it was. */
  private leaderCrash: { readonly index: number; readonly node: NodeId } | null = null;
  private minority: ReadonlySet<NodeId> | null = null;
  private minorityTried = false;
  /** A minority elected a leader after all: that step can no longer be shown. */
  private minorityWon = false;
  private last = -1;

  constructor(
    readonly goal: Goal,
    readonly from: number,
  ) {}

  /** Read event `e`, the run's `index`-th. */
  see(e: TraceEvent, index: number): void {
    this.last = index;
    if (this.reachedAt !== null) return;
    const counts = index >= this.from;
    this.track(e, counts);
    if (counts && this.reachedBy(e, index)) this.reachedAt = index;
  }

  /**
   * Whether the goal is reached after the events read so far. Most goals are reached by one
   * event; "the minority could not elect" is a state of the run, judged after each batch.
   */
  settle(): boolean {
    if (
      this.reachedAt === null &&
      this.goal.kind === 'minorityRefused' &&
      this.minorityTried &&
      this.minority !== null &&
      !this.minorityWon
    ) {
      this.reachedAt = this.last;
    }
    return this.reachedAt !== null;
  }

  private track(e: TraceEvent, counts: boolean): void {
    switch (e.type) {
      case 'start':
        this.minority = null;
        return;
      case 'role':
        this.roles.set(e.node, e.role);
        if (counts && e.role === 'leader' && this.minority?.has(e.node)) this.minorityWon = true;
        return;
      case 'crash':
        if (counts && this.leaderCrash === null && this.roles.get(e.node) === 'leader') this.leaderCrash = { index: -1, node: e.node };
        this.roles.set(e.node, 'follower');
        return;
      case 'partition': {
        const total = e.groups.reduce((n, g) => n + g.length, 0);
        const small = e.groups.find((g) => g.length * 2 < total);
        this.minority = small ? new Set(small) : null;
        this.minorityTried = false;
        return;
      }
      case 'heal':
        this.minority = null;
        return;
      case 'electionTimeout':
        if (counts && this.minority?.has(e.node) && !e.preVote) this.minorityTried = true;
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
        return e.type === 'commit';
      case 'clientAcked':
        return e.type === 'clientAck';
      case 'split':
        return e.type === 'partition';
      case 'healed':
        return e.type === 'heal';
      case 'minorityRefused':
        return false;
      case 'violationSeen':
        return e.type === 'violation';
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
