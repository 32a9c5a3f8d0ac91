import { describe, expect, it } from 'vitest';
import { eachNotable, isPerMessage, lastIndexAtOrBefore } from './eventLog.ts';
import type { Scenario } from './scenario.ts';
import { DEFAULT_SETTINGS } from './settings.ts';
import { Simulation } from './simulation.ts';
import { Timeline } from './timeline.ts';
import type { TraceEvent } from './trace.ts';

// A long run's timeline drops old per-message events and rebuilds them by replay. With a
// snapshot every 5 ms, a 6 s run compacts most of its history, so these tests see what a lecture
// of an hour would: every event must come back exactly as recorded.
const scenario: Scenario = {
  version: 1,
  settings: { ...DEFAULT_SETTINGS, seed: 3, loss: 0.05 },
  actions: [
    { at: 300, type: 'write', key: 'x', value: '1' },
    {
      at: 900,
      type: 'partition',
      groups: [
        ['S1', 'S2'],
        ['S3', 'S4', 'S5'],
      ],
    },
    { at: 1200, type: 'write', key: 'y', value: '2' },
    { at: 2000, type: 'heal' },
    { at: 2600, type: 'crashLeader' },
    { at: 3400, type: 'write', key: 'z', value: '3' },
  ],
};

/** The events of an uninterrupted run of `s` up to t, as the simulator writes them. */
function straightRun(s: Scenario, t: number): TraceEvent[] {
  const events: TraceEvent[] = [];
  const sim = Simulation.fromScenario(s, { onEvent: (e) => events.push(e) });
  sim.runUntil(t);
  return events;
}

describe('a long run kept small', () => {
  it('rebuilds every old event exactly, wherever it is read from', () => {
    const timeline = new Timeline(scenario, { snapshotEvery: 5 });
    timeline.advance(2000);
    timeline.seek(700);
    timeline.advance(6000);
    const straight = straightRun(scenario, 6000);
    expect(timeline.log.length).toBe(straight.length);
    // Read out of order, so spans are rebuilt again and again from a small cache.
    for (const i of [10, straight.length - 1, 4000, 20, 2500, 9000, 1, 7777]) {
      if (i < straight.length) expect(timeline.log.at(i)).toEqual(straight[i]);
    }
    expect(JSON.stringify(timeline.events)).toBe(JSON.stringify(straight));
    for (const t of [0, 1.5, 499, 2000, 3333.25, 5999]) {
      expect(lastIndexAtOrBefore(timeline.log, t)).toBe(lastIndexAtOrBefore(straight, t));
    }
    const notable: number[] = [];
    eachNotable(timeline.log, 100, 9000, (_, i) => void notable.push(i));
    expect(notable).toEqual(straight.flatMap((e, i) => (i >= 100 && i < 9000 && !isPerMessage(e) ? [i] : [])));
  });

  it('puts the Figure 3 violations of a broken Raft back in place', () => {
    // The "commits without a majority" demonstration: two different entries committed at index 1.
    const broken: Scenario = {
      version: 1,
      settings: { ...DEFAULT_SETTINGS, seed: 3, broken: ['commitWithoutMajority'] },
      actions: [
        { at: 100, type: 'timeoutNow', node: 'S1' },
        {
          at: 500,
          type: 'partition',
          groups: [
            ['S1', 'S2'],
            ['S3', 'S4', 'S5'],
          ],
        },
        { at: 600, type: 'write', key: 'x', value: 'minority', node: 'S1' },
        { at: 1500, type: 'write', key: 'x', value: 'majority' },
        { at: 2000, type: 'heal' },
      ],
    };
    const timeline = new Timeline(broken, { snapshotEvery: 5 });
    timeline.advance(5000);
    const straight = straightRun(broken, 5000);
    expect(straight.filter((e) => e.type === 'violation').length).toBeGreaterThan(0);
    expect(JSON.stringify(timeline.events)).toBe(JSON.stringify(straight));
  });

  it('branches from a moment whose messages were compacted, and the new branch reads back exactly', () => {
    const timeline = new Timeline(scenario, { snapshotEvery: 5 });
    timeline.advance(6000);
    timeline.seek(1500.5);
    expect(timeline.act({ type: 'heal' })).toBe(true);
    timeline.advance(4000);
    const straight = straightRun(timeline.scenario(), 4000);
    expect(JSON.stringify(timeline.events)).toBe(JSON.stringify(straight));
  });

  it('an action taken exactly at a snapshot is replayed from that snapshot', () => {
    const timeline = new Timeline(scenario, { snapshotEvery: 5 });
    timeline.advance(1000);
    timeline.act({ type: 'crashLeader' });
    timeline.advance(3000);
    timeline.seek(1000.5);
    const straight = Simulation.fromScenario(timeline.scenario());
    straight.runUntil(1000.5);
    expect(JSON.stringify(timeline.sim.finalState())).toBe(JSON.stringify(straight.finalState()));
    expect(JSON.stringify(timeline.events)).toBe(JSON.stringify(straightRun(timeline.scenario(), 3000)));
  });
});
