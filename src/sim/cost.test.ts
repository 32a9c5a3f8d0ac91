import { describe, expect, it } from 'vitest';
import type { Action, Scenario } from './scenario.ts';
import { DEFAULT_SETTINGS, type ClusterSettings } from './settings.ts';
import { estimateCost, replayRefusal, REPLAY_EVENT_BUDGET } from './cost.ts';
import { Simulation } from './simulation.ts';
import { MAX_ACTIONS } from './validate.ts';

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

  // Issue 13's case 3: writes that arrive together are simulated inside one simulated millisecond
  // that no replay slice can split. With the commit rule linear in the burst, the largest a link
  // or file may hold takes under a second, so no burst is refused (src/sim/cost.ts).
  const burst = (count: number, at: number, spread: number): Action[] =>
    Array.from({ length: count }, (_, i) => ({
      at: at + Math.floor((i * spread) / count),
      type: 'write',
      key: 'k',
      value: String(i % 10),
    }));

  it('lets through the largest burst a link or file can hold, and 10,000 writes spread over 2.5 s', () => {
    expect(replayRefusal(DEFAULT_SETTINGS, burst(MAX_ACTIONS, 1500, 0), 3000)).toBeNull();
    expect(replayRefusal(DEFAULT_SETTINGS, burst(10_000, 1500, 2500), 5000)).toBeNull();
  });

  it('a burst of 10,000 writes is taken by the leader and committed as a majority stores it', () => {
    const sim = Simulation.fromScenario({ version: 1, settings: DEFAULT_SETTINGS, actions: burst(MAX_ACTIONS, 1500, 0) });
    sim.runUntil(3000);
    const leader = sim.nodeStates.find((n) => n.id === sim.leader());
    expect(leader?.log.length).toBe(MAX_ACTIONS + 1); // the no-op and every write
    expect(leader?.commitIndex).toBeGreaterThan(1000);
  });
});
