import type { TraceEvent } from '../sim/trace.ts';

/** Events kept per run: enough for any lesson step, bounded for a projector left running all day. */
const KEEP = 20_000;

/** 'run': a new run began; 'rewind': time travel went back and the history was cut to match. */
export type HistoryChange = 'append' | 'run' | 'rewind';
type Listener = (fresh: readonly TraceEvent[], change: HistoryChange) => void;

/**
 * Every trace event of the current run the page has received, in order. Indexes are absolute
 * (counted from the run's start) so a lesson step's "from" stays right when old events are dropped.
 */
export class TraceHistory {
  events: TraceEvent[] = [];
  /** Absolute index of events[0]. */
  base = 0;
  private readonly listeners = new Set<Listener>();

  /** Absolute index one past the newest event. */
  get end(): number {
    return this.base + this.events.length;
  }

  /** Called with the new events of every frame (and with [] on a new run). */
  on(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The events from absolute index `from` on, with what came before for context. */
  from(from: number): { readonly events: readonly TraceEvent[]; readonly from: number } {
    return { events: this.events, from: Math.max(0, from - this.base) };
  }

  reset(): void {
    this.events = [];
    this.base = 0;
    for (const l of this.listeners) l([], 'run');
  }

  receive(events: readonly TraceEvent[]): void {
    // After a jump back in time the worker sends the latest events up to the moment shown: what
    // the history holds from their time on is a future that is no longer on screen.
    const first = events[0];
    const last = this.events.at(-1);
    let change: HistoryChange = 'append';
    if (first && last && first.t < last.t) {
      let keep = this.events.length;
      while (keep > 0 && this.events[keep - 1]!.t >= first.t) keep--;
      this.events.length = keep;
      change = 'rewind';
    }
    this.events.push(...events);
    const over = this.events.length - KEEP;
    if (over > 0) {
      this.events.splice(0, over);
      this.base += over;
    }
    for (const l of this.listeners) l(events, change);
  }
}
