import { describe, expect, it } from 'vitest';
import type { Action, Scenario } from './scenario.ts';
import { DEFAULT_SETTINGS } from './settings.ts';
import { Simulation } from './simulation.ts';
import { Timeline } from './timeline.ts';
import type { TraceEvent } from './trace.ts';

const scenario: Scenario = {
  version: 1,
  settings: { ...DEFAULT_SETTINGS, seed: 7, loss: 0.05 },
  actions: [
    { at: 800, type: 'write', key: 'x', value: '1' },
    { at: 1500, type: 'crashLeader' },
    {
      at: 2500,
      type: 'partition',
      groups: [
        ['S1', 'S2', 'S3'],
        ['S4', 'S5'],
      ],
    },
    { at: 3000, type: 'write', key: 'y', value: '2' },
    { at: 4200, type: 'heal' },
  ],
};

/** What a person sees of a node: the state the time travel must reproduce exactly. */
function picture(sim: Simulation): string {
  return JSON.stringify({ now: sim.now, nodes: sim.finalState(), flights: [...sim.inFlight()].map((f) => f.message.id) });
}

function freshAt(s: Scenario, t: number): Simulation {
  const sim = Simulation.fromScenario(s);
  sim.runUntil(t);
  return sim;
}

describe('time travel', () => {
  it('shows at any moment exactly what an uninterrupted run shows there, scrubbing both ways', () => {
    const timeline = new Timeline(scenario, { snapshotEvery: 500 });
    timeline.advance(6000);
    for (const t of [5999, 10, 2750, 1499, 1500, 4200, 333, 6000, 5200]) {
      timeline.seek(t);
      expect(picture(timeline.sim)).toBe(picture(freshAt(scenario, t)));
    }
  });

  it('stays exact after old snapshots are thinned out (a long run)', () => {
    // 5 ms between snapshots over 6 s: hundreds of snapshots, most of the old ones thinned.
    const timeline = new Timeline(scenario, { snapshotEvery: 5 });
    timeline.advance(6000);
    for (const t of [3, 777, 1502, 2999, 4100, 5990, 12]) {
      timeline.seek(t);
      expect(picture(timeline.sim)).toBe(picture(freshAt(scenario, t)));
    }
    // Acting in the past after thinning still branches from the right state.
    timeline.seek(2222);
    timeline.act({ type: 'heal' });
    timeline.advance(5000);
    expect(picture(timeline.sim)).toBe(picture(freshAt(timeline.scenario(), 5000)));
  });

  it('records each event once, however often the same time is replayed', () => {
    const all: TraceEvent[] = [];
    const plain = Simulation.fromScenario(scenario, { onEvent: (e) => all.push(e) });
    plain.runUntil(5000);
    const timeline = new Timeline(scenario, { snapshotEvery: 700 });
    timeline.advance(3000);
    timeline.seek(1000);
    timeline.advance(2000);
    timeline.seek(100);
    timeline.advance(5000);
    expect(JSON.stringify(timeline.events)).toBe(JSON.stringify(all));
  });

  it('acting in the past replaces the old future, and the new branch replays from its scenario', () => {
    const timeline = new Timeline(scenario);
    timeline.advance(5000);
    timeline.seek(2000);
    const branched = timeline.act({ type: 'crash', node: 'S3' });
    expect(branched).toBe(true);
    const actions = timeline.scenario().actions;
    expect(actions.map((a) => a.at)).toEqual([800, 1500, 2000]);
    expect(actions.at(-1)).toEqual({ at: 2000, type: 'crash', node: 'S3' });
    expect(timeline.horizon).toBe(2000);
    expect(timeline.events.every((e) => e.t <= 2000)).toBe(true);

    timeline.advance(4500);
    expect(picture(timeline.sim)).toBe(picture(freshAt(timeline.scenario(), 4500)));
    // The old future's partition at 2500 is gone on this branch.
    expect(timeline.events.some((e) => e.type === 'partition')).toBe(false);
    // Scrubbing back before the branch point and forward again stays on the new branch.
    timeline.seek(1200);
    timeline.seek(4000);
    expect(picture(timeline.sim)).toBe(picture(freshAt(timeline.scenario(), 4000)));
  });

  it('acting at the horizon extends the run without a branch', () => {
    const timeline = new Timeline(scenario);
    timeline.advance(1000);
    expect(timeline.act({ type: 'write', key: 'z', value: '9' })).toBe(false);
    expect(timeline.scenario().actions.filter((a) => a.at === 1000)).toHaveLength(1);
  });

  it('steps forward to the next moment something happens, and back to the previous one', () => {
    const timeline = new Timeline(scenario);
    timeline.advance(1000);
    const before = timeline.events.length;
    timeline.stepForward();
    const t = timeline.now;
    expect(timeline.events.length).toBeGreaterThan(before);
    expect(timeline.events.at(-1)!.t).toBe(t);
    timeline.stepBack();
    expect(timeline.now).toBeLessThan(t);
    expect(timeline.events.some((e) => e.t > timeline.now && e.t <= t)).toBe(true);
    expect(picture(timeline.sim)).toBe(picture(freshAt(scenario, timeline.now)));
  });

  it('keeps the logs exact when a deposed leader loses the entries it took (truncation), seeking past it both ways', () => {
    // Snapshots share their logs and compare only what changed since the one before: a log cut
    // back and written again between two snapshots must still be restored entry for entry.
    const split = (at: number, minority: string[], majority: string[]): Scenario['actions'] => [
      { at, type: 'partition', groups: [minority, majority] },
      // Every server is asked: the old leader, cut off in the minority, takes writes it will lose.
      ...['S1', 'S2', 'S3', 'S4', 'S5'].map((node, k) => ({ at: at + 100 + k, type: 'write' as const, key: 'k', value: node, node })),
      { at: at + 1200, type: 'heal' as const },
    ];
    const first: Action = { at: 600, type: 'write', key: 'a', value: '1' };
    const run: Scenario = {
      version: 1,
      settings: { ...DEFAULT_SETTINGS, seed: 3 },
      actions: [
        first,
        ...split(1000, ['S1', 'S2'], ['S3', 'S4', 'S5']),
        ...split(3000, ['S3', 'S4'], ['S1', 'S2', 'S5']),
        ...split(5000, ['S5', 'S1'], ['S2', 'S3', 'S4']),
      ].sort((a, b) => a.at - b.at),
    };
    const timeline = new Timeline(run, { snapshotEvery: 37 });
    timeline.advance(7000);
    expect(timeline.events.some((e) => e.type === 'truncate')).toBe(true);
    for (const t of [6999, 1150, 2400, 900, 3300, 4300, 5150, 6500, 50, 7000]) {
      timeline.seek(t);
      expect(picture(timeline.sim)).toBe(picture(freshAt(run, t)));
    }
    // A branch after seeking back keeps taking snapshots from the restored logs.
    timeline.seek(3150);
    timeline.act({ type: 'write', key: 'b', value: '2', node: 'S3' });
    timeline.advance(6800);
    for (const t of [6800, 3400, 4600, 3160]) {
      timeline.seek(t);
      expect(picture(timeline.sim)).toBe(picture(freshAt(timeline.scenario(), t)));
    }
  });
});
