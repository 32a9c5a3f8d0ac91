import { describe, expect, it } from 'vitest';
import type { Action, Scenario } from './scenario.ts';
import { DEFAULT_SETTINGS, type ClusterSettings } from './settings.ts';
import { burstRefusal, estimateCost, MAX_BURST_WRITES, replayRefusal, REPLAY_EVENT_BUDGET } from './cost.ts';
import { Simulation } from './simulation.ts';

function writes(every: number, until: number): Action[] {
  const out: Action[] = [];
  for (let t = 1000; t < until; t += every) out.push({ at: t, type: 'write', key: 'x', value: String(t) });
  return out;
}

/** The events a real run records. */
function measured(settings: ClusterSettings, actions: Action[], until: number): number {
  let count = 0;
  const scenario: Scenario = { version: 1, settings, actions };
  const sim = Simulation.fromScenario(scenario, { onEvent: () => void count++, checkInvariants: false });
  sim.runUntil(until);
  return count;
}

describe('the cost of a run, estimated before it starts', () => {
  const cases: [string, Partial<ClusterSettings>, number, number][] = [
    ['the default cluster', {}, 0, 60_000],
    ['the default cluster with a write every 250 ms', {}, 250, 60_000],
    ['three servers', { nodes: 3 }, 0, 60_000],
    ['nine servers with writes', { nodes: 9 }, 250, 30_000],
    ['duplicated messages', { duplicate: 0.5 }, 0, 30_000],
    ['slow links', { nodes: 9, latency: [100, 200] }, 0, 30_000],
    ['a 1 ms heartbeat with 2-3 ms timeouts (elections never stop)', { nodes: 9, heartbeat: 1, electionTimeout: [2, 3] }, 0, 1_000],
    ['a short heartbeat that holds', { heartbeat: 10, electionTimeout: [100, 200] }, 0, 20_000],
  ];
  for (const [name, settings, every, until] of cases) {
    it(`is within a factor of two of the real count: ${name}`, () => {
      const s = { ...DEFAULT_SETTINGS, ...settings };
      const actions = every > 0 ? writes(every, until) : [];
      const real = measured(s, actions, until);
      const estimate = estimateCost(s, actions, until).events;
      expect(estimate).toBeGreaterThan(real / 2);
      expect(estimate).toBeLessThan(real * 2);
    });
  }

  it('lets a lecture-long classroom run be replayed: an hour of the default cluster with a write every 250 ms', () => {
    expect(replayRefusal(DEFAULT_SETTINGS, writes(250, 3_600_000), 3_600_000)).toBeNull();
  });

  it('refuses nine servers with a 1 ms heartbeat for an hour, naming what to change', () => {
    const s = { ...DEFAULT_SETTINGS, nodes: 9, heartbeat: 1, electionTimeout: [2, 3] as const };
    const why = replayRefusal(s, [], 3_600_000);
    expect(why).toMatch(
      /^9 servers with a 1 ms heartbeat and 2-3 ms timeouts \(elections never stop\) for 3600 s of cluster time is about \d+ million events/,
    );
    expect(why).toContain(`at most ${REPLAY_EVENT_BUDGET / 1e6} million`);
    expect(why).toContain('earlier moment');
  });

  // Issue 13's case 3: writes that arrive together cost the square of their number, all inside one
  // simulated millisecond that no replay slice can split, so the worker went silent past the
  // page's watchdog. Such a run is refused up front, saying when the burst is and what to change.
  const burst = (count: number, at: number, spread: number): Action[] =>
    Array.from({ length: count }, (_, i) => ({
      at: at + Math.floor((i * spread) / count),
      type: 'write',
      key: 'k',
      value: String(i % 10),
    }));

  it('refuses 10,000 writes in one millisecond, whatever the moment, naming when and what to change', () => {
    const why = replayRefusal(DEFAULT_SETTINGS, burst(10_000, 1500, 0), 3000);
    expect(why).toBe(
      '10,000 client writes arrive within 10 ms at 1.5 s; this page simulates at most 1,000 writes that close together. Spread the writes out over more time, or use fewer.',
    );
    expect(replayRefusal(DEFAULT_SETTINGS, burst(10_000, 1500, 0), 1000)).toBe(why);
  });

  it('counts the writes of any 10 ms window, wherever the window falls', () => {
    const split = [...burst(600, 995, 0), ...burst(600, 1004, 0)];
    expect(burstRefusal(split)).toMatch(/^1,200 client writes arrive within 10 ms at 0\.995 s/);
    expect(burstRefusal([...burst(600, 995, 0), ...burst(600, 1005, 0)])).toBeNull();
  });

  it('lets through a burst of 1,000 writes and 10,000 writes spread over 2.5 s', () => {
    expect(burstRefusal(burst(MAX_BURST_WRITES, 1500, 0))).toBeNull();
    expect(replayRefusal(DEFAULT_SETTINGS, burst(10_000, 1500, 2500), 5000)).toBeNull();
    expect(burstRefusal([...burst(1000, 1000, 0), { at: 1000, type: 'crash', node: 'S1' }])).toBeNull();
  });
});
