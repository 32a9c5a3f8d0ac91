import type { Action, Scenario, UntimedAction } from './scenario.ts';
import { Simulation, type SimSnapshot } from './simulation.ts';
import type { TraceEvent } from './trace.ts';

const RECENT_SNAPSHOTS = 120;
const THIN_FACTOR = 10;

export interface TimelineOptions {
  /**
   * Simulated ms between snapshots in the recent past: a seek there replays at most this much.
   * Older snapshots are thinned to one in THIN_FACTOR, so a long run's memory grows slowly.
   */
  readonly snapshotEvery?: number;
  /** Also called for every event recorded (not for replays of known time). */
  readonly onRecord?: (event: TraceEvent) => void;
}

/**
 * Time travel over one run. The run is fully decided by its scenario (settings + timed actions),
 * so any moment can be rebuilt: restore the nearest snapshot at or before it and replay. The
 * horizon is the furthest moment explored; events up to it are recorded once.
 *
 * Acting in the past starts a new branch: actions and events after that moment are dropped and
 * the scenario follows the new branch.
 */
export class Timeline {
  private simulation: Simulation;
  private actions: Action[];
  private readonly base: Scenario;
  private recorded: TraceEvent[] = [];
  /** Snapshots in time order (snap.now), dense in the recent past and thinned further back. */
  private snapshots: SimSnapshot[] = [];
  private horizonMs = 0;
  /** Index of the next action to apply. */
  private cursor = 0;
  private recording = true;
  private readonly every: number;
  private readonly onRecord: ((event: TraceEvent) => void) | undefined;

  constructor(scenario: Scenario, options: TimelineOptions = {}) {
    this.base = scenario;
    this.actions = [...scenario.actions];
    this.every = options.snapshotEvery ?? 1000;
    this.onRecord = options.onRecord;
    // Actions are applied by the timeline, never queued in the simulation, so snapshots hold no
    // future of their own and any branch replays from them correctly.
    this.simulation = new Simulation(scenario.settings, { onEvent: (e) => this.record(e) });
    this.snapshots.push(this.simulation.snapshot());
  }

  /** The simulation positioned at the moment being viewed. Read only. */
  get sim(): Simulation {
    return this.simulation;
  }

  get now(): number {
    return this.simulation.now;
  }

  get horizon(): number {
    return this.horizonMs;
  }

  /** Every event recorded up to the horizon, in order. */
  get events(): readonly TraceEvent[] {
    return this.recorded;
  }

  /** The scenario of the current branch: what a link or export must hold. */
  scenario(): Scenario {
    return { ...this.base, actions: this.actions.slice() };
  }

  /** Move to time t, backwards or forwards. */
  seek(t: number): void {
    const target = Math.max(0, t);
    const snap = this.snapshotAtOrBefore(target);
    // Restore when going back, or when a snapshot lies closer ahead than the current moment.
    if (target < this.simulation.now || snap.now > this.simulation.now) {
      this.simulation = Simulation.restore(snap, { onEvent: (e) => this.record(e) });
      this.cursor = this.actions.findIndex((a) => a.at > this.simulation.now);
      if (this.cursor < 0) this.cursor = this.actions.length;
    }
    this.advance(target);
  }

  /** Run forward to time t, recording whatever lies past the horizon. */
  advance(t: number): void {
    if (t <= this.simulation.now) return;
    if (this.simulation.now < this.horizonMs) {
      this.recording = false;
      this.runTo(Math.min(t, this.horizonMs));
      this.recording = true;
    }
    while (this.simulation.now < t) {
      const boundary = this.snapshots[this.snapshots.length - 1]!.now + this.every;
      const stop = Math.min(t, boundary);
      this.runTo(stop);
      this.horizonMs = Math.max(this.horizonMs, stop);
      if (stop === boundary) {
        this.snapshots.push(this.simulation.snapshot());
        this.thinSnapshots();
      }
    }
  }

  /** Move to the next moment at which something is recorded (skipping silent timer checks). */
  stepForward(): void {
    const from = this.simulation.now;
    for (let guard = 0; guard < 10_000; guard++) {
      const next = this.simulation.nextEventTime();
      if (next === null) return;
      this.advance(next);
      if (this.lastIndexAtOrBefore(this.simulation.now) > this.lastIndexAtOrBefore(from)) return;
    }
  }

  /** Move back to the previous moment at which something was recorded. */
  stepBack(): void {
    const i = this.lastIndexAtOrBefore(this.simulation.now - 1e-9);
    const t = i >= 0 ? this.recorded[i]!.t : 0;
    this.seek(Math.min(t, Math.max(0, this.simulation.now - 1)));
  }

  /**
   * Take an action now. In the past, this replaces the old future: the branch starts here.
   * Returns true if a future was discarded.
   */
  act(action: UntimedAction): boolean {
    const now = this.simulation.now;
    const full = { ...action, at: now } as Action;
    const branched = now < this.horizonMs;
    if (branched) {
      this.actions = this.actions.filter((a) => a.at <= now);
      this.recorded.length = this.lastIndexAtOrBefore(now) + 1;
      while (this.snapshots.length > 1 && this.snapshots[this.snapshots.length - 1]!.now > now) this.snapshots.pop();
      this.horizonMs = now;
    }
    this.actions.push(full);
    this.cursor = this.actions.length;
    this.simulation.act(full);
    return branched;
  }

  /** Index of the last recorded event with t <= time, or -1. */
  lastIndexAtOrBefore(time: number): number {
    let lo = 0;
    let hi = this.recorded.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.recorded[mid]!.t <= time) lo = mid + 1;
      else hi = mid;
    }
    return lo - 1;
  }

  /** The latest snapshot at or before t (the first one, at time 0, always exists). */
  private snapshotAtOrBefore(t: number): SimSnapshot {
    let lo = 0;
    let hi = this.snapshots.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.snapshots[mid]!.now <= t) lo = mid + 1;
      else hi = mid;
    }
    return this.snapshots[Math.max(0, lo - 1)]!;
  }

  /**
   * Keep every snapshot of the last RECENT_SNAPSHOTS intervals; before that, one in THIN_FACTOR.
   * A seek far back then replays up to THIN_FACTOR intervals (still a few ms), and memory grows
   * a tenth as fast. Runs after each push, so at most one snapshot leaves the recent span.
   */
  private thinSnapshots(): void {
    const i = this.snapshots.length - 1 - RECENT_SNAPSHOTS;
    if (i <= 0) return;
    const snap = this.snapshots[i]!;
    if (Math.round(snap.now / this.every) % THIN_FACTOR !== 0) this.snapshots.splice(i, 1);
  }

  /** Run to t, applying each scripted action after everything else due at its moment. */
  private runTo(t: number): void {
    for (;;) {
      const next = this.actions[this.cursor];
      if (!next || next.at > t) break;
      this.simulation.runUntil(next.at);
      this.simulation.act(next);
      this.cursor++;
    }
    this.simulation.runUntil(t);
  }

  private record(event: TraceEvent): void {
    if (!this.recording) return;
    this.recorded.push(event);
    this.onRecord?.(event);
  }
}
