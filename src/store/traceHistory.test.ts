import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../sim/trace.ts';
import { TraceHistory, type HistoryChange } from './traceHistory.ts';

const heal = (t: number): TraceEvent => ({ t, type: 'heal', by: { kind: 'run' } });

describe('the page-side trace history', () => {
  it('appends frames, starts again on a new run, and is cut back after a jump back in time', () => {
    const history = new TraceHistory();
    const changes: HistoryChange[] = [];
    const stop = history.on((_e, change) => changes.push(change));
    history.reset();
    history.receive([heal(10), heal(20)]);
    history.receive([heal(30), heal(40)]);
    expect(history.events.map((e) => e.t)).toEqual([10, 20, 30, 40]);
    // Seeking back to 25: the worker sends the latest events up to then.
    history.receive([heal(20), heal(25)]);
    expect(history.events.map((e) => e.t)).toEqual([10, 20, 25]);
    history.reset();
    expect(history.events).toEqual([]);
    expect(changes).toEqual(['run', 'append', 'append', 'rewind', 'run']);
    stop();
  });
});
