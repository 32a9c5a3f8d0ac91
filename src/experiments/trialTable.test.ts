import { describe, expect, it } from 'vitest';
import { createRng, nextFloat, nextInt } from '../engine/rng.ts';
import { DEFAULT_CONFIG, type ExperimentConfig } from './config.ts';
import { runExperiment } from './runner.ts';
import { quantileSorted } from './stats.ts';
import { MAX_CDF_POINTS, summarize } from './summary.ts';
import { DETAIL_LIMIT, TrialTable, type TrialRecord } from './trialTable.ts';

describe('the trials of an experiment, kept as columns', () => {
  it('gives the same statistics whatever order the trials arrive in, and keeps each trial as it was', () => {
    const config: ExperimentConfig = { ...DEFAULT_CONFIG, trials: 30 };
    const { trials } = runExperiment(config);
    const records: TrialRecord[] = trials.map(({ scenario: _, ...r }) => r);
    const rng = createRng(5);
    const shuffled = records.slice();
    for (let i = shuffled.length - 1; i > 0; i--) {
      const j = nextInt(rng, 0, i);
      [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
    }
    expect(summarize(config, TrialTable.of(config, shuffled))).toEqual(summarize(config, records));
    const byNumber = (a: TrialRecord, b: TrialRecord): number => a.trial - b.trial || a.rangeIndex - b.rangeIndex;
    expect(TrialTable.of(config, shuffled).records()).toEqual(records.slice().sort(byNumber));
  });

  it('past its detail limit keeps only what the statistics need, and they are still exact', () => {
    const config: ExperimentConfig = { ...DEFAULT_CONFIG, ranges: [[150, 300]], trials: DETAIL_LIMIT + 5 };
    const table = new TrialTable(config);
    const rng = createRng(9);
    const downtimes: number[] = [];
    for (let trial = 0; trial < config.trials; trial++) {
      const downtimeMs = Math.round(nextFloat(rng) * 500_000) / 1000;
      downtimes.push(downtimeMs);
      table.add({
        rangeIndex: 0,
        range: [150, 300],
        trial,
        seed: trial,
        setupAttempts: 1,
        crashAt: 0,
        crashOffset: 0,
        downtimeMs,
        electedMs: downtimeMs,
        capped: false,
        newLeader: 'S2',
        elections: 1,
        splitVotes: trial % 4 === 0 ? 1 : 0,
        failedElections: 0,
        broadcastMs: null,
      });
    }
    expect(table.detailed).toBe(false);
    expect(table.records()).toEqual([]);
    const r = summarize(config, table).ranges[0]!;
    const ascending = downtimes.slice().sort((a, b) => a - b);
    expect(r.trials).toBe(config.trials);
    expect(r.medianMs).toBe(quantileSorted(ascending, 0.5));
    expect(r.p95Ms).toBe(quantileSorted(ascending, 0.95));
    expect(r.slowestTrial).toBe(downtimes.indexOf(ascending.at(-1)!));
    expect(r.splitVoteRate).toBeCloseTo(0.25, 4);
    // The plotted CDF is thinned to what a plot can show, and still ends at the last trial.
    expect(r.cdf.length).toBeLessThanOrEqual(MAX_CDF_POINTS);
    expect(r.cdf.at(-1)).toEqual({ ms: ascending.at(-1), fraction: 1 });
  });
});
