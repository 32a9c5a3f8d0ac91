import { describe, expect, it } from 'vitest';
import { Simulation } from '../sim/simulation.ts';
import { DEFAULT_CONFIG, type ExperimentConfig } from './config.ts';
import { provenLivelock, remainingRounds } from './livelock.ts';
import { runTrial } from './trial.ts';

// The livelock shortcut must change nothing: a trial that takes it reports exactly what
// simulating every round to the cap reports.

const config: ExperimentConfig = {
  ...DEFAULT_CONFIG,
  ranges: [
    [150, 150],
    [60, 60],
    [40, 40],
    [150, 151],
  ],
  capMs: 5000,
};

describe('the proven split-vote livelock', () => {
  it('is recognised in a 150-150 trial once the survivors are stuck', () => {
    const t = runTrial(config, 0, 3);
    const sim = Simulation.fromScenario(t.scenario);
    sim.runUntil(t.crashAt + 1000);
    const livelock = provenLivelock(sim);
    expect(livelock).not.toBeNull();
    expect(livelock!.deadlines).toHaveLength(4);
  });

  it('is never claimed with randomness in the timeouts', () => {
    const t = runTrial(config, 3, 0);
    const sim = Simulation.fromScenario(t.scenario);
    for (let at = t.crashAt; at < t.crashAt + t.downtimeMs; at += 10) {
      sim.runUntil(at);
      expect(provenLivelock(sim)).toBeNull();
    }
  });

  it('counts the remaining rounds as the simulation would run them', () => {
    const rounds = remainingRounds({ term: 7, deadlines: [1000, 1003, 1004], timeout: 150 }, 1303);
    // Terms 8 (at 1000..1004), 9 (1150..1154), 10 (1300, 1303; 1304 is past the limit).
    expect(rounds).toEqual([
      { term: 8, candidates: 3 },
      { term: 9, candidates: 3 },
      { term: 10, candidates: 2 },
    ]);
  });

  it('gives the same trial results as simulating every round to the cap', () => {
    for (let rangeIndex = 0; rangeIndex < 4; rangeIndex++) {
      for (let trial = 0; trial < 25; trial++) {
        expect(runTrial(config, rangeIndex, trial)).toEqual(runTrial(config, rangeIndex, trial, { exhaustive: true }));
      }
    }
  });
});
