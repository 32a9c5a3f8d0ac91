import type { TraceEvent } from './trace.ts';

/**
 * The recorded events of a run, by index (an event's id). A plain array is one; the timeline's
 * own log is another, which keeps old per-message events only as the means to rebuild them (see
 * Timeline), so the optional methods let readers avoid asking for events they do not need.
 */
export interface EventLog {
  readonly length: number;
  at(index: number): TraceEvent | undefined;
  /** Index of the last event with t <= time, or -1. */
  lastIndexAtOrBefore?(time: number): number;
  /**
   * Calls `fn` for each event in [from, to) that is not per-message (send, deliver, drop), in
   * order (or in reverse); `fn` returns false to stop.
   */
  eachNotable?(from: number, to: number, fn: (e: TraceEvent, index: number) => boolean | void, backward?: boolean): void;
}

/** Per-message events: the bulk of a run (every heartbeat), rebuilt on demand once old. */
export function isPerMessage(e: TraceEvent): boolean {
  return e.type === 'send' || e.type === 'deliver' || e.type === 'drop';
}

export function lastIndexAtOrBefore(log: EventLog, time: number): number {
  if (log.lastIndexAtOrBefore) return log.lastIndexAtOrBefore(time);
  let lo = 0;
  let hi = log.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (log.at(mid)!.t <= time) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/** Index of the first event with t >= time (the log's length if none). */
export function firstIndexAtOrAfter(log: EventLog, time: number): number {
  let i = lastIndexAtOrBefore(log, time);
  // Events at exactly `time` are few (one moment's): step back over them.
  while (i >= 0 && log.at(i)!.t >= time) i--;
  return i + 1;
}

export function eachNotable(
  log: EventLog,
  from: number,
  to: number,
  fn: (e: TraceEvent, index: number) => boolean | void,
  backward = false,
): void {
  const end = Math.min(to, log.length);
  const start = Math.max(0, from);
  if (log.eachNotable) return log.eachNotable(start, end, fn, backward);
  if (backward) {
    for (let i = end - 1; i >= start; i--) {
      const e = log.at(i)!;
      if (!isPerMessage(e) && fn(e, i) === false) return;
    }
  } else {
    for (let i = start; i < end; i++) {
      const e = log.at(i)!;
      if (!isPerMessage(e) && fn(e, i) === false) return;
    }
  }
}
