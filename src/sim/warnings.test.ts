import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from './settings.ts';
import { Simulation } from './simulation.ts';
import { settingsWarnings } from './warnings.ts';

// The audit's case: heartbeat 149, election timeout 150-300, latency 5-30 is accepted, and in
// lossless runs followers keep timing out under a healthy leader. It must at least say so.

const close = { ...DEFAULT_SETTINGS, heartbeat: 149, electionTimeout: [150, 300] as const, latency: [5, 30] as const };

function needlessElections(settings: typeof close, seeds: number): number {
  let needless = 0;
  for (let seed = 1; seed <= seeds; seed++) {
    let led = false;
    const sim = new Simulation(
      { ...settings, seed },
      {
        checkInvariants: false,
        onEvent: (e) => {
          // Once a leader exists, with no fault at all, every election is needless.
          if (e.type === 'role' && e.role === 'leader') led = true;
          else if (led && e.type === 'term' && e.cause === 'election') needless++;
        },
      },
    );
    sim.runUntil(5000);
  }
  return needless;
}

describe('settings warnings', () => {
  it('warn when heartbeat plus latency spread reaches the minimum election timeout, naming the figures', () => {
    const [warning, ...rest] = settingsWarnings(close);
    expect(rest).toEqual([]);
    expect(warning).toMatch(/heartbeat 149 ms plus up to 25 ms .* minimum election timeout \(150 ms\)/);
    expect(warning).toMatch(/below 125 ms/);
  });

  it('the warned case really elects needlessly, and the settings it suggests do not', () => {
    expect(needlessElections(close, 20)).toBeGreaterThan(5);
    const fixed = { ...close, heartbeat: 124 };
    expect(settingsWarnings(fixed)).toEqual([]);
    expect(needlessElections(fixed, 20)).toBe(0);
  });

  it('say nothing for the defaults', () => {
    expect(settingsWarnings(DEFAULT_SETTINGS)).toEqual([]);
  });
});
