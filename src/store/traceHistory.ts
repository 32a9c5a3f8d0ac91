import type { TraceEvent } from '../sim/trace.ts';
import { onTraceEvents } from './simStore.ts';

/** Events kept per run: enough for any lesson step, bounded for a projector left running all day. */
const KEEP = 20_000;

/**
 * Every trace event of the current run the page has received, in order. Indexes are absolute
 * (counted from the run's start) so a lesson step's "from" stays right when old events are dropped.
 */
export const traceHistory = {
  events: [] as TraceEvent[],
  /** Absolute index of events[0]. */
  base: 0,
  /** Absolute index one past the newest event. */
  get end(): number {
    return this.base + this.events.length;
  },
};

/** 'run': a new run began; 'rewind': time travel went back and the history was cut to match. */
export type HistoryChange = 'append' | 'run' | 'rewind';
type Listener = (fresh: readonly TraceEvent[], change: HistoryChange) => void;
const listeners = new Set<Listener>();

/** Called with the new events of every frame (and with [] on a new run). */
export function onHistory(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The events from absolute index `from` on, with what came before for context. */
export function historyFrom(from: number): { readonly events: readonly TraceEvent[]; readonly from: number } {
  return { events: traceHistory.events, from: Math.max(0, from - traceHistory.base) };
}

onTraceEvents((events) => {
  if (events === null) {
    traceHistory.events = [];
    traceHistory.base = 0;
    for (const l of listeners) l([], 'run');
    return;
  }
  // After a jump back in time the worker sends the latest events up to the moment shown: what
  // the history holds from their time on is a future that is no longer on screen.
  const first = events[0];
  const last = traceHistory.events.at(-1);
  let change: HistoryChange = 'append';
  if (first && last && first.t < last.t) {
    let keep = traceHistory.events.length;
    while (keep > 0 && traceHistory.events[keep - 1]!.t >= first.t) keep--;
    traceHistory.events.length = keep;
    change = 'rewind';
  }
  traceHistory.events.push(...events);
  const over = traceHistory.events.length - KEEP;
  if (over > 0) {
    traceHistory.events.splice(0, over);
    traceHistory.base += over;
  }
  for (const l of listeners) l(events, change);
});
