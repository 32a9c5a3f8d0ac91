import type { LogEntry } from '../engine/types.ts';
import { isPerMessage, type EventLog } from './eventLog.ts';
import type { Action, Scenario, UntimedAction } from './scenario.ts';
import { Simulation, type SimSnapshot } from './simulation.ts';
import type { TraceEvent } from './trace.ts';

const RECENT_SNAPSHOTS = 120;
const THIN_FACTOR = 10;
/** Old spans rebuilt by replay and kept at hand: a seek, a step and the window read one or two. */
const REBUILT_CACHE = 3;

export interface TimelineOptions {
  /**
   * Simulated ms between snapshots in the recent past: a seek there replays at most this much.
   * Older snapshots are thinned to one in THIN_FACTOR, so a long run's memory grows slowly.
   */
  readonly snapshotEvery?: number;
  /** Also called for every event recorded (not for replays of known time). */
  readonly onRecord?: (event: TraceEvent) => void;
}

/** One server's log in a snapshot: the first `length` entries of an array shared with others. */
interface SharedLog {
  readonly entries: LogEntry[];
  readonly length: number;
}

/**
 * A snapshot as kept: its logs shared, how many events were recorded and how many actions
 * applied when it was taken (an action taken at a snapshot's very moment may be in it or not).
 */
interface Kept {
  readonly snap: SimSnapshot;
  readonly logs: readonly SharedLog[];
  readonly count: number;
  readonly cursor: number;
}

/**
 * Events [base, end) between two old snapshots. Only the events a reader of the whole run needs
 * are kept (all but per-message ones); the rest are rebuilt by replaying from `start` to `endT`,
 * which yields the events [start.count, end) exactly: the run is deterministic.
 */
interface Segment {
  readonly base: number;
  readonly end: number;
  readonly start: Kept;
  readonly endT: number;
  /** The actions [start.cursor, endCursor) are applied in the span. */
  readonly endCursor: number;
  /** Kept events and their indices, in order: every event before start.count, then the notable. */
  readonly kept: readonly TraceEvent[];
  readonly keptAt: Int32Array;
}

/** Index of the first element of a sorted sequence (read by `key`) that is greater than x. */
function upperBound(n: number, key: (i: number) => number, x: number): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (key(mid) <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Time travel over one run. The run is fully decided by its scenario (settings + timed actions),
 * so any moment can be rebuilt: restore the nearest snapshot at or before it and replay. The
 * horizon is the furthest moment explored; events up to it are recorded once.
 *
 * A long run stays small: beyond the recent past, snapshots are thinned, share their logs, and
 * the per-message events (send, deliver, drop: nearly all of a run) are dropped from memory and
 * rebuilt by replay when asked for. Everything else is kept, so reading the whole run's notable
 * events (marks, callouts, lesson goals) never replays.
 *
 * Acting in the past starts a new branch: actions and events after that moment are dropped and
 * the scenario follows the new branch.
 */
export class Timeline {
  private simulation: Simulation;
  private actions: Action[];
  private readonly base: Scenario;
  /** Events from index `tailBase` on, in full; those before it are in `segments`. */
  private tail: TraceEvent[] = [];
  private tailBase = 0;
  private segments: Segment[] = [];
  private rebuilt: { readonly segment: Segment; readonly events: readonly TraceEvent[] }[] = [];
  /** Per server, the array its snapshot logs share while each new snapshot only appends. */
  private logStores: LogEntry[][] = [];
  /**
   * Per server, how many first entries of the simulation's log are known to be those of
   * `logStores` (as of the last snapshot or restore); its later changes are reported by
   * `Simulation.takeLogChanges`.
   */
  private agreed: number[] = [];
  /** Snapshots in time order (snap.now), dense in the recent past and thinned further back. */
  private snapshots: Kept[] = [];
  private horizonMs = 0;
  /** Index of the next action to apply. */
  private cursor = 0;
  private recording = true;
  private readonly every: number;
  private readonly onRecord: ((event: TraceEvent) => void) | undefined;
  /** Every recorded event by index, rebuilding old per-message ones when asked for. */
  readonly log: EventLog;

  constructor(scenario: Scenario, options: TimelineOptions = {}) {
    this.base = scenario;
    this.actions = [...scenario.actions];
    this.every = options.snapshotEvery ?? 1000;
    this.onRecord = options.onRecord;
    // Actions are applied by the timeline, never queued in the simulation, so snapshots hold no
    // future of their own and any branch replays from them correctly.
    this.simulation = new Simulation(scenario.settings, { onEvent: (e) => this.record(e) });
    this.snapshots.push(this.keep());
    const length = (): number => this.tailBase + this.tail.length;
    this.log = {
      get length(): number {
        return length();
      },
      at: (i) => this.eventAt(i),
      lastIndexAtOrBefore: (time) => this.lastIndexAtOrBefore(time),
      eachNotable: (from, to, fn, backward) => this.eachNotable(from, to, fn, backward),
    };
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

  /**
   * Every event recorded up to the horizon, in order, as one array. Cheap while nothing old was
   * compacted (tests, short runs); a long run rebuilds its old spans for it: prefer `log`.
   */
  get events(): readonly TraceEvent[] {
    if (this.segments.length === 0) return this.tail;
    const all: TraceEvent[] = [];
    for (let i = 0; i < this.log.length; i++) all.push(this.eventAt(i)!);
    return all;
  }

  /** The scenario of the current branch: what a link or export must hold. */
  scenario(): Scenario {
    return { ...this.base, actions: this.actions.slice() };
  }

  /** Move to time t, backwards or forwards. */
  seek(t: number): void {
    const target = Math.max(0, t);
    const kept = this.snapshotAtOrBefore(target);
    // Restore when going back, or when a snapshot lies closer ahead than the current moment.
    if (target < this.simulation.now || kept.snap.now > this.simulation.now) {
      this.simulation = Simulation.restore(this.unpack(kept), { onEvent: (e) => this.record(e) });
      this.cursor = kept.cursor;
      // The restored logs are the kept ones: still the store's first entries if it is the same.
      this.agreed = kept.logs.map((l, i) => (l.entries === this.logStores[i] ? l.length : 0));
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
      const boundary = this.snapshots[this.snapshots.length - 1]!.snap.now + this.every;
      const stop = Math.min(t, boundary);
      this.runTo(stop);
      this.horizonMs = Math.max(this.horizonMs, stop);
      if (stop === boundary) {
        this.snapshots.push(this.keep());
        this.thinSnapshots();
        this.compact();
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
    const t = i >= 0 ? this.eventAt(i)!.t : 0;
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
    // Scripted actions not yet reached are part of the future the click replaces: kept, they
    // would be skipped now yet replayed by a later seek, and the run would differ from its record.
    if (this.cursor < this.actions.length) this.actions = this.actions.filter((a) => a.at <= now);
    if (branched) {
      this.truncate(this.lastIndexAtOrBefore(now) + 1, now);
      while (this.snapshots.length > 1 && this.snapshots[this.snapshots.length - 1]!.snap.now > now) this.snapshots.pop();
      this.horizonMs = now;
    }
    this.actions.push(full);
    this.cursor = this.actions.length;
    this.simulation.act(full);
    // A snapshot of this very moment was taken before the action: take it again, with it. (An old
    // span that ends here keeps its own counts: its replay stops before the action.)
    const last = this.snapshots.length - 1;
    if (this.snapshots[last]!.snap.now === now) this.snapshots[last] = this.keep();
    return branched;
  }

  /** Index of the last recorded event with t <= time, or -1. */
  lastIndexAtOrBefore(time: number): number {
    const start = this.snapshots[this.tailStart()]!.snap.now;
    if (this.segments.length === 0 || time >= start) {
      return this.tailBase + upperBound(this.tail.length, (i) => this.tail[i]!.t, time) - 1;
    }
    // The span whose start is the last at or before `time` (the first starts at 0).
    const s = this.segments[Math.max(0, upperBound(this.segments.length, (i) => this.segments[i]!.start.snap.now, time) - 1)]!;
    const events = this.rebuild(s);
    const before = upperBound(events.length, (i) => events[i]!.t, time);
    return s.start.count + before - 1;
  }

  // --- the event store ---

  private eventAt(index: number): TraceEvent | undefined {
    if (!Number.isInteger(index) || index < 0) return undefined;
    if (index >= this.tailBase) return this.tail[index - this.tailBase];
    const s = this.segments[upperBound(this.segments.length, (i) => this.segments[i]!.base, index) - 1]!;
    const k = upperBound(s.keptAt.length, (i) => s.keptAt[i]!, index) - 1;
    if (k >= 0 && s.keptAt[k] === index) return s.kept[k];
    return this.rebuild(s)[index - s.start.count];
  }

  private eachNotable(from: number, to: number, fn: (e: TraceEvent, index: number) => boolean | void, backward = false): void {
    const visit = (e: TraceEvent, i: number): boolean => isPerMessage(e) || fn(e, i) !== false;
    const tailFrom = Math.max(from, this.tailBase);
    if (backward) {
      for (let i = to - 1; i >= tailFrom; i--) if (!visit(this.tail[i - this.tailBase]!, i)) return;
    }
    if (from < this.tailBase) {
      const first = Math.max(0, upperBound(this.segments.length, (i) => this.segments[i]!.base, from) - 1);
      const last = upperBound(this.segments.length, (i) => this.segments[i]!.base, Math.min(to, this.tailBase) - 1) - 1;
      for (let n = 0; n <= last - first; n++) {
        const s = this.segments[backward ? last - n : first + n]!;
        for (let m = 0; m < s.kept.length; m++) {
          const k = backward ? s.kept.length - 1 - m : m;
          const i = s.keptAt[k]!;
          if (i >= from && i < to && !visit(s.kept[k]!, i)) return;
        }
      }
    }
    if (!backward) {
      for (let i = tailFrom; i < to; i++) if (!visit(this.tail[i - this.tailBase]!, i)) return;
    }
  }

  /** The index in `snapshots` of the snapshot at which the tail starts. */
  private tailStart(): number {
    if (this.segments.length === 0) return 0;
    const t = this.segments[this.segments.length - 1]!.endT;
    return upperBound(this.snapshots.length, (i) => this.snapshots[i]!.snap.now, t) - 1;
  }

  /**
   * Move the oldest spans of the tail that no thinning will touch again into segments, keeping
   * their notable events only.
   */
  private compact(): void {
    let j = this.tailStart();
    while (j + 1 < this.snapshots.length - 1 - RECENT_SNAPSHOTS) {
      const start = this.snapshots[j]!;
      const next = this.snapshots[j + 1]!;
      const n = next.count - this.tailBase;
      const kept: TraceEvent[] = [];
      const keptAt: number[] = [];
      for (let k = 0; k < n; k++) {
        const i = this.tailBase + k;
        const e = this.tail[k]!;
        if (i < start.count || !isPerMessage(e)) {
          kept.push(e);
          keptAt.push(i);
        }
      }
      this.segments.push({
        base: this.tailBase,
        end: next.count,
        start,
        endT: next.snap.now,
        endCursor: next.cursor,
        kept,
        keptAt: Int32Array.from(keptAt),
      });
      this.tail.splice(0, n);
      this.tailBase = next.count;
      j++;
    }
  }

  /** Keep the first `n` events only, `now` being the moment of the last one kept (a branch). */
  private truncate(n: number, now: number): void {
    if (n >= this.tailBase) {
      this.tail.length = n - this.tailBase;
      return;
    }
    const at = Math.max(0, upperBound(this.segments.length, (i) => this.segments[i]!.start.snap.now, now) - 1);
    const s = this.segments[at]!;
    const events: TraceEvent[] = [];
    for (let i = s.base; i < n; i++) events.push(this.eventAt(i)!);
    this.segments.length = at;
    this.rebuilt = [];
    this.tail = events;
    this.tailBase = s.base;
  }

  /** The per-message events of an old span, replayed from its first snapshot. */
  private rebuild(s: Segment): readonly TraceEvent[] {
    const hit = this.rebuilt.find((r) => r.segment === s);
    if (hit) return hit.events;
    // Replayed without the Figure 3 checks (their only effect is the violation events, which are
    // kept): the checks cost more than the run. Their events go back in at their indices.
    const replayed: TraceEvent[] = [];
    const sim = Simulation.restore({ ...this.unpack(s.start), checker: null }, { onEvent: (e) => replayed.push(e) });
    for (let c = s.start.cursor; c < s.endCursor; c++) {
      sim.runUntil(this.actions[c]!.at);
      sim.act(this.actions[c]!);
    }
    sim.runUntil(s.endT);
    const events: TraceEvent[] = [];
    let k = upperBound(s.keptAt.length, (i) => s.keptAt[i]!, s.start.count - 1);
    let next = 0;
    for (let i = s.start.count; i < s.end; i++) {
      const keptHere = k < s.keptAt.length && s.keptAt[k] === i;
      if (keptHere) k++;
      if (keptHere && s.kept[k - 1]!.type === 'violation') {
        events.push(s.kept[k - 1]!);
        continue;
      }
      const e = replayed[next++];
      if (!e) break;
      events.push(e);
    }
    if (events.length !== s.end - s.start.count || next !== replayed.length) {
      throw new Error(`replaying ${s.start.snap.now}-${s.endT} ms gave ${replayed.length} events, not those recorded`);
    }
    this.rebuilt.unshift({ segment: s, events });
    this.rebuilt.length = Math.min(this.rebuilt.length, REBUILT_CACHE);
    return events;
  }

  // --- snapshots ---

  /**
   * A snapshot of now whose logs share storage with the previous snapshot's where they agree.
   * Only what changed since the last snapshot is compared and copied: comparing and copying whole
   * logs at every snapshot made a long run's recording cost grow with the square of its length
   * (a 13-minute run with a write every 250 ms spent a tenth of its replay here).
   */
  private keep(): Kept {
    const changes = this.simulation.takeLogChanges();
    const snap = this.simulation.snapshot({ logs: false });
    const logs = this.simulation.nodeStates.map((node, i): SharedLog => {
      const log = node.log;
      let store = this.logStores[i];
      // Entries before `agreed` were shared at the last snapshot (or restore) and the log has
      // changed only from `changes[i]` on since, so the scan for where they part starts there.
      let same = store ? Math.min(this.agreed[i] ?? 0, changes[i]! - 1, log.length, store.length) : 0;
      if (store) while (same < log.length && same < store.length && log[same] === store[same]) same++;
      if (!store || (same < log.length && same < store.length)) {
        store = this.logStores[i] = log.slice();
      } else {
        for (let k = store.length; k < log.length; k++) store.push(log[k]!);
      }
      this.agreed[i] = log.length;
      return { entries: store, length: log.length };
    });
    return { snap, logs, count: this.log === undefined ? this.tail.length : this.log.length, cursor: this.cursor };
  }

  private unpack(kept: Kept): SimSnapshot {
    const nodes = kept.snap.nodes.map((node, i) => ({ ...node, log: kept.logs[i]!.entries.slice(0, kept.logs[i]!.length) }));
    return { ...kept.snap, nodes };
  }

  /** The latest snapshot at or before t (the first one, at time 0, always exists). */
  private snapshotAtOrBefore(t: number): Kept {
    return this.snapshots[Math.max(0, upperBound(this.snapshots.length, (i) => this.snapshots[i]!.snap.now, t) - 1)]!;
  }

  /**
   * Keep every snapshot of the last RECENT_SNAPSHOTS intervals; before that, one in THIN_FACTOR.
   * A seek far back then replays up to THIN_FACTOR intervals (still a few ms), and memory grows
   * a tenth as fast. Runs after each push, so at most one snapshot leaves the recent span.
   */
  private thinSnapshots(): void {
    const i = this.snapshots.length - 1 - RECENT_SNAPSHOTS;
    if (i <= 0) return;
    const snap = this.snapshots[i]!.snap;
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
    this.tail.push(event);
    this.onRecord?.(event);
  }
}
