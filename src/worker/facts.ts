import { GoalWatch } from '../lessons/goals.ts';
import type { Goal } from '../lessons/types.ts';
import { MomentFinder, type Moment } from '../narration/moments.ts';
import { eachNotable, type EventLog } from '../sim/eventLog.ts';
import type { TraceEvent } from '../sim/trace.ts';
import { MAX_MOMENTS_PER_FRAME, type FirstBreaks, type GoalProgress } from './protocol.ts';

/** What the facts of a frame say, each only when it changed. */
export interface FrameFacts {
  /** null when the moment shown went back: nothing is called out, what was is gone. */
  readonly moments: readonly Moment[] | null;
  readonly firstBreaks: FirstBreaks | null;
  readonly goal: GoalProgress | null;
}

/**
 * The facts the page shows about a run, derived here from the whole recorded history up to the
 * moment shown: the moments to call out, the first violation of each Figure 3 property and the
 * progress of the lesson goal being watched. Moving forward reads only the new events; moving
 * back relearns from the start of the run, silently (nothing is called out twice).
 */
export class RunFacts {
  /** How many events of the history (from its start) have been read. */
  private read = 0;
  private finder = new MomentFinder();
  private firstBreaks: FirstBreaks = {};
  private breaksChanged = true;
  /** The goal being watched for the lesson step on screen, and what the page was last told of it. */
  private watch: { readonly id: number; readonly from: number; w: GoalWatch | null; told: 'nothing' | 'pending' | 'done' } | null = null;

  /** A new run: nothing learned, but the goal being watched stays, counted from the run's start. */
  restart(): void {
    this.read = 0;
    this.finder = new MomentFinder();
    this.firstBreaks = {};
    this.breaksChanged = true;
    const watch = this.watch;
    if (watch?.w && watch.told !== 'done') watch.w = new GoalWatch(watch.w.goal, 0);
  }

  /**
   * Watch `goal` for the lesson step the page just showed (`id` names the request). Events count
   * from id `since` on, or (since null) from `end`, the events up to the moment shown.
   */
  watchGoal(id: number, goal: Goal | null, since: number | null, history: EventLog, end: number): void {
    const from = since ?? end;
    // A step without a goal is done at once; it still tells where it began (a next step may count from there).
    const w = goal && new GoalWatch(goal, from);
    // Earlier events are the context (who leads, how the cluster is split); those from `since` count.
    // Goals read no per-message event: the notable ones are all there is to see.
    if (w) eachNotable(history, 0, Math.min(this.read, history.length), (e, i) => void w.see(e, i));
    this.watch = { id, from, w, told: 'nothing' };
  }

  /** Read the history up to `end` (the events at or before the moment shown) and say what changed. */
  advance(history: EventLog, end: number): FrameFacts {
    const back = end < this.read;
    if (back) this.relearn(history, end);
    const moments: Moment[] = [];
    // Callouts, violations and goals read no per-message event (the timeline may not hold them).
    eachNotable(history, this.read, end, (e, i) => {
      const m = this.finder.see(e);
      if (m) moments.push(m);
      this.seeBreak(e, i);
      this.watch?.w?.see(e, i);
    });
    this.read = end;
    // Only the newest are said: the page has room for two at once.
    if (moments.length > MAX_MOMENTS_PER_FRAME) moments.splice(0, moments.length - MAX_MOMENTS_PER_FRAME);
    return { moments: back ? null : moments, firstBreaks: this.takeBreaks(), goal: this.takeGoal() };
  }

  private relearn(history: EventLog, end: number): void {
    this.finder = new MomentFinder();
    const before = this.firstBreaks;
    this.firstBreaks = {};
    // A goal once reached stays reached: the step said "done", going back does not take it away.
    const watch = this.watch?.told === 'done' ? null : this.watch;
    if (watch?.w) watch.w = new GoalWatch(watch.w.goal, watch.w.from);
    eachNotable(history, 0, end, (e, i) => {
      this.finder.see(e);
      this.seeBreak(e, i);
      watch?.w?.see(e, i);
    });
    this.breaksChanged ||= Object.keys(before).length !== Object.keys(this.firstBreaks).length;
    this.read = end;
  }

  private seeBreak(e: TraceEvent, index: number): void {
    if (e.type !== 'violation' || this.firstBreaks[e.property]) return;
    this.firstBreaks = { ...this.firstBreaks, [e.property]: { ...e, eventId: index } };
    this.breaksChanged = true;
  }

  private takeBreaks(): FirstBreaks | null {
    if (!this.breaksChanged) return null;
    this.breaksChanged = false;
    return this.firstBreaks;
  }

  private takeGoal(): GoalProgress | null {
    const watch = this.watch;
    if (!watch || watch.told === 'done') return null;
    const done = watch.w ? watch.w.settle() : true;
    if (!done && watch.told === 'pending') return null;
    watch.told = done ? 'done' : 'pending';
    return { watch: watch.id, done, doneAt: watch.w ? watch.w.reachedAt : watch.from, at: watch.w ? watch.w.reachedTime : null };
  }
}
