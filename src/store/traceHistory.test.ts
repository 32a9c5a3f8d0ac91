import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../sim/settings.ts';
import type { TraceEvent } from '../sim/trace.ts';
import type { Frame } from '../worker/protocol.ts';
import { applyFrame, resetRun } from './simStore.ts';
import { onHistory, traceHistory, type HistoryChange } from './traceHistory.ts';

const heal = (t: number): TraceEvent => ({ t, type: 'heal', by: { kind: 'run' } });
const frame = (events: TraceEvent[], feedReset = false): Frame =>
  ({
    now: events.at(-1)?.t ?? 0,
    horizon: 0,
    markers: null,
    nodes: [],
    flights: [],
    logs: [],
    cut: null,
    events,
    feedReset,
    eventsSkipped: 0,
    violations: 0,
    nextEventTime: null,
    scenario: null,
    spacetime: null,
    branched: null,
  }) as Frame;

describe('the page-side trace history', () => {
  it('appends frames, starts again on a new run, and is cut back after a jump back in time', () => {
    const changes: HistoryChange[] = [];
    const stop = onHistory((_e, change) => changes.push(change));
    resetRun(DEFAULT_SETTINGS);
    applyFrame(frame([heal(10), heal(20)]));
    applyFrame(frame([heal(30), heal(40)]));
    expect(traceHistory.events.map((e) => e.t)).toEqual([10, 20, 30, 40]);
    // Seeking back to 25: the worker sends the latest events up to then.
    applyFrame(frame([heal(20), heal(25)], true));
    expect(traceHistory.events.map((e) => e.t)).toEqual([10, 20, 25]);
    resetRun(DEFAULT_SETTINGS);
    expect(traceHistory.events).toEqual([]);
    expect(changes).toEqual(['run', 'append', 'append', 'rewind', 'run']);
    stop();
  });
});
