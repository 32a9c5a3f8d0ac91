import { describe, expect, it } from 'vitest';
import { SCENARIO_VERSION, type Scenario } from '../sim/scenario.ts';
import { DEFAULT_SETTINGS } from '../sim/settings.ts';
import { Simulation } from '../sim/simulation.ts';
import { SimDriver } from './driver.ts';
import { markersOf } from './history.ts';
import type { Marker } from './protocol.ts';

const scenario: Scenario = {
  version: SCENARIO_VERSION,
  settings: { ...DEFAULT_SETTINGS, seed: 4 },
  actions: [
    { at: 700, type: 'write', key: 'x', value: '1' },
    { at: 1200, type: 'crashLeader' },
    {
      at: 2500,
      type: 'partition',
      groups: [
        ['S1', 'S2', 'S3'],
        ['S4', 'S5'],
      ],
    },
    { at: 3500, type: 'heal' },
  ],
};

function freshAt(s: Scenario, t: number): string {
  const sim = Simulation.fromScenario(s);
  sim.runUntil(t);
  return JSON.stringify(sim.finalState());
}

describe('SimDriver on a timeline', () => {
  it('after a seek back, frames show that moment: nodes, logs, in-flight messages and the feed up to it', () => {
    const d = new SimDriver(scenario);
    for (let t = 100; t <= 4000; t += 100) {
      d.advanceTo(t);
      d.frame();
    }
    d.seek(1500);
    const frame = d.frame();
    expect(frame.now).toBe(1500);
    expect(frame.horizon).toBe(4000);
    expect(JSON.stringify(d.simulation.finalState())).toBe(freshAt(scenario, 1500));
    expect(frame.nodes.find((n) => !n.alive)).toBeDefined();
    const plain = Simulation.fromScenario(scenario);
    plain.runUntil(1500);
    expect(frame.flights.map((f) => f.id)).toEqual([...plain.inFlight()].map((f) => f.message.id));
    expect(frame.feedReset).toBe(true);
    expect(frame.events.length).toBeGreaterThan(0);
    expect(frame.events.every((e) => e.t <= 1500)).toBe(true);
    // Playing on from there feeds the events after 1500 once, in order.
    d.advanceTo(2000);
    const next = d.frame();
    expect(next.feedReset).toBe(false);
    expect(next.events.every((e) => e.t > 1500 && e.t <= 2000)).toBe(true);
  });

  it('sends the timeline marks incrementally, and they equal the marks of the whole history', () => {
    const d = new SimDriver(scenario);
    const sent: Marker[] = [];
    for (let t = 250; t <= 4000; t += 250) {
      d.advanceTo(t);
      const patch = d.frame().markers;
      // Only the first frame starts the marks afresh; every later one adds the new marks.
      if (patch) expect(patch.reset).toBe(t === 250);
      sent.push(...(patch?.items ?? []));
    }
    expect(d.frame().markers).toBeNull();
    expect(sent).toEqual(markersOf(d.history));
    expect(new Set(sent.map((m) => m.kind))).toEqual(new Set(['election', 'leader', 'commit', 'crash', 'partition', 'heal']));
  });

  it('sends the scenario only when it changes, and says when an action in the past replaced the future', () => {
    const d = new SimDriver(scenario);
    expect(d.frame().scenario).toEqual(scenario);
    d.advanceTo(4000);
    d.frame();
    expect(d.frame().scenario).toBeNull();
    d.seek(2000);
    const { at, branched } = d.act({ type: 'crash', node: 'S2' });
    expect([at, branched]).toEqual([2000, true]);
    const frame = d.frame();
    expect(frame.branched).toEqual({ at: 2000 });
    expect(frame.scenario?.actions.map((a) => a.at)).toEqual([700, 1200, 2000]);
    expect(frame.horizon).toBe(2000);
    expect(frame.markers?.reset).toBe(true);
    expect(frame.markers?.items.every((m) => m.t <= 2000)).toBe(true);
    expect(d.frame().branched).toBeNull();
    // The new branch replays from its own scenario.
    d.advanceTo(3000);
    expect(JSON.stringify(d.simulation.finalState())).toBe(freshAt(d.scenario, 3000));
  });

  it('steps back and forward one recorded moment at a time', () => {
    const d = new SimDriver(scenario);
    d.advanceTo(1000);
    const back = d.stepBack();
    expect(back).toBeLessThan(1000);
    expect(d.history.some((e) => e.t === back)).toBe(true);
    const fwd = d.step();
    expect(fwd).toBeGreaterThan(back);
    expect(JSON.stringify(d.simulation.finalState())).toBe(freshAt(scenario, fwd));
  });

  it('gives the space-time window as known at the moment shown: no fate from the future', () => {
    const d = new SimDriver(scenario);
    d.advanceTo(3000);
    d.seek(2000);
    const w = d.frame(400).spacetime!;
    expect([w.from, w.to]).toEqual([1600, 2000]);
    expect(w.messages.length).toBeGreaterThan(5);
    for (const m of w.messages) {
      expect(m.sentAt).toBeLessThanOrEqual(2000);
      if (m.endAt !== null) expect(m.endAt).toBeLessThanOrEqual(2000);
    }
    expect(w.messages.some((m) => m.endAt === null)).toBe(true);
    expect(d.frame().spacetime).toBeNull();
  });
});
