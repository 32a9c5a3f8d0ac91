import { describe, expect, it } from 'vitest';
import { SCENARIO_VERSION, type Scenario } from '../sim/scenario.ts';
import { DEFAULT_SETTINGS } from '../sim/settings.ts';
import { Simulation } from '../sim/simulation.ts';
import { SimDriver } from './driver.ts';
import { markersOf } from './history.ts';
import { MAX_FLIGHTS_PER_FRAME, MAX_MARKERS, MAX_MOMENTS_PER_FRAME, MAX_SPACETIME_MESSAGES } from './protocol.ts';

// Issue 13, case 5: nine servers with a long latency and timeouts shorter than a heartbeat's
// round trip. Elections never stop, every one sends to everyone, and nothing arrives for a
// second: tens of thousands of messages on the wire and thousands of marks. (The link
// had 10 s and 20 s; the same shape at 0.4 s is enough to pass every cap, and quick.)
const storm: Scenario = {
  version: SCENARIO_VERSION,
  settings: { ...DEFAULT_SETTINGS, nodes: 9, heartbeat: 1, electionTimeout: [2, 3], latency: [400, 400] },
  actions: [],
};
const AT = 800;

describe('every frame is bounded', () => {
  it('caps messages in flight, timeline marks and space-time arrows, and counts what it left out', () => {
    const driver = new SimDriver(storm);
    driver.seek(AT);
    const frame = driver.frame(400);
    const onWire = Array.from(driver.simulation.inFlight());
    expect(onWire.length).toBeGreaterThan(10 * MAX_FLIGHTS_PER_FRAME);

    expect(frame.flights).toHaveLength(MAX_FLIGHTS_PER_FRAME);
    expect(frame.flightsSkipped).toBe(onWire.length - MAX_FLIGHTS_PER_FRAME);
    // The ones drawn are those due soonest: no message left out arrives before one drawn.
    const latestDrawn = Math.max(...frame.flights.map((f) => f.deliverAt));
    const drawn = new Set(frame.flights.map((f) => f.id));
    for (const f of onWire) if (!drawn.has(f.message.id)) expect(f.deliverAt).toBeGreaterThanOrEqual(latestDrawn);

    const allMarks = markersOf(driver.history);
    expect(allMarks.length).toBeGreaterThan(MAX_MARKERS);
    expect(frame.markers!.reset).toBe(true);
    expect(frame.markers!.items).toEqual(allMarks.slice(-MAX_MARKERS));
    expect(frame.markers!.skipped).toBe(allMarks.length - MAX_MARKERS);

    const window = frame.spacetime!;
    expect(window.messages).toHaveLength(MAX_SPACETIME_MESSAGES);
    expect(window.skipped).toBeGreaterThan(MAX_SPACETIME_MESSAGES);
    // The newest arrows are kept: every one drawn was sent no earlier than any left out.
    expect(Math.min(...window.messages.map((m) => m.sentAt))).toBeGreaterThan(window.from);

    // Elections without end: only the newest moments are called out.
    expect(frame.moments).toHaveLength(MAX_MOMENTS_PER_FRAME);
    expect(frame.moments!.at(-1)!.text).toMatch(/S\d/);

    // The whole frame is small enough to post and draw at once.
    expect(JSON.stringify(frame).length).toBeLessThan(500_000);

    // Frame after frame, the marks sent stay bounded and continue where the last frame stopped.
    driver.advanceTo(AT + 200);
    const next = driver.frame(null);
    expect(next.markers!.reset).toBe(false);
    expect(next.markers!.items.length).toBeLessThanOrEqual(MAX_MARKERS);
    expect(next.markers!.items).toEqual(markersOf(driver.history).slice(allMarks.length));
  });

  it('leaves an ordinary run whole', () => {
    const driver = new SimDriver({ version: SCENARIO_VERSION, settings: DEFAULT_SETTINGS, actions: [] });
    driver.seek(3000);
    const frame = driver.frame(2000);
    const sim = Simulation.fromScenario({ version: SCENARIO_VERSION, settings: DEFAULT_SETTINGS, actions: [] });
    sim.runUntil(3000);
    expect(frame.flights).toHaveLength(Array.from(sim.inFlight()).length);
    expect(frame.flightsSkipped).toBe(0);
    expect(frame.markers!.skipped).toBe(0);
    expect(frame.spacetime!.skipped).toBe(0);
  });
});
