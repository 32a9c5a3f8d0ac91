import { describe, expect, it } from 'vitest';
import type { Action, Scenario } from './scenario.ts';
import { DEFAULT_SETTINGS, type ClusterSettings } from './settings.ts';
import { Simulation } from './simulation.ts';
import { traceLine, type TraceEvent } from './trace.ts';

// Same settings, same seed, same actions: the same run, byte for byte. Links, replays and time
// travel depend on it: a restored snapshot and an action clicked at time t must replay exactly.

const settings: ClusterSettings = { ...DEFAULT_SETTINGS, nodes: 5, seed: 77, loss: 0.1, duplicate: 0.1, reorder: true, latency: [5, 40] };

const actions: Action[] = [
  { at: 400, type: 'write', key: 'a', value: '1' },
  { at: 700, type: 'crashLeader' },
  {
    at: 900,
    type: 'partition',
    groups: [
      ['S1', 'S2', 'S3'],
      ['S4', 'S5'],
    ],
  },
  { at: 1200, type: 'write', key: 'b', value: '2' },
  { at: 1500, type: 'cut', from: 'S1', to: 'S2', oneWay: true },
  { at: 1800, type: 'heal' },
  { at: 1800, type: 'restart', node: 'S1' },
  { at: 1800, type: 'restart', node: 'S2' },
  { at: 1800, type: 'restart', node: 'S3' },
  { at: 2100, type: 'timeoutNow', node: 'S4' },
  { at: 2400, type: 'write', key: 'a', value: '3' },
];

const scenario: Scenario = { version: 1, settings, actions };

function record(): { lines: string[]; onEvent: (e: TraceEvent) => void } {
  const lines: string[] = [];
  return { lines, onEvent: (e) => lines.push(traceLine(e)) };
}

function fullRun(until = 4000): string[] {
  const r = record();
  const sim = Simulation.fromScenario(scenario, { onEvent: r.onEvent });
  sim.runUntil(until);
  sim.finish();
  return r.lines;
}

describe('determinism', () => {
  it('the same scenario gives identical trace bytes twice', () => {
    const a = fullRun().join('\n');
    const b = fullRun().join('\n');
    expect(a.length).toBeGreaterThan(10_000);
    expect(b).toBe(a);
  });

  it('a different seed gives a different run (the seed is really used)', () => {
    const r = record();
    const sim = Simulation.fromScenario({ ...scenario, settings: { ...settings, seed: 78 } }, { onEvent: r.onEvent });
    sim.runUntil(4000);
    sim.finish();
    expect(r.lines.join('\n')).not.toBe(fullRun().join('\n'));
  });

  for (const at of [0, 333, 700, 1234, 1800, 2999]) {
    it(`snapshot at ${at} ms + restore, then running on, gives the same trace as an uninterrupted run`, () => {
      const whole = fullRun();
      const r = record();
      const sim = Simulation.fromScenario(scenario, { onEvent: r.onEvent });
      sim.runUntil(at);
      const before = r.lines.length;
      const snap = sim.snapshot();
      sim.runUntil(3000); // the original runs on: the snapshot must not share its state

      for (let attempt = 0; attempt < 2; attempt++) {
        const rr = record();
        const restored = Simulation.restore(snap, { onEvent: rr.onEvent });
        restored.runUntil(4000);
        restored.finish();
        expect(rr.lines).toEqual(whole.slice(before));
        expect(restored.violations).toEqual([]);
      }
    });
  }

  it('an action taken with act() at time t gives the same run as the same action scheduled at t', () => {
    const extra: Action[] = [
      { at: 250, type: 'timeoutNow', node: 'S3' },
      { at: 1000, type: 'write', key: 'c', value: 'clicked' },
      { at: 1600, type: 'crash', node: 'S5' },
      { at: 2000, type: 'restart', node: 'S5' },
    ];
    for (const action of extra) {
      const scheduled = record();
      const a = Simulation.fromScenario(
        { ...scenario, actions: [...actions, action].sort((x, y) => x.at - y.at) },
        { onEvent: scheduled.onEvent },
      );
      a.runUntil(4000);
      a.finish();

      const clicked = record();
      const b = Simulation.fromScenario(scenario, { onEvent: clicked.onEvent });
      b.runUntil(action.at);
      b.act(action);
      b.runUntil(4000);
      b.finish();
      expect(clicked.lines, JSON.stringify(action)).toEqual(scheduled.lines);
    }
  });

  it('an action taken at the exact moment of other events replays in the same place', () => {
    // Find a moment where something happens, and act right then.
    const probe = new Simulation(settings);
    probe.runUntil(600);
    const t = probe.stepMoment()!;
    const action: Action = { at: t, type: 'write', key: 'd', value: 'now' };

    const scheduled = record();
    const a = new Simulation(settings, { onEvent: scheduled.onEvent });
    a.schedule(action);
    a.runUntil(2000);

    const clicked = record();
    const b = new Simulation(settings, { onEvent: clicked.onEvent });
    b.runUntil(t);
    b.act(action);
    b.runUntil(2000);
    expect(clicked.lines).toEqual(scheduled.lines);
  });
});
