import { describe, expect, it } from 'vitest';
import { parseScenario } from '../sim/validate.ts';
import { Simulation } from '../sim/simulation.ts';
import { DEFAULT_CONFIG, PAPER_RANGES_SCALE, type ExperimentConfig } from './config.ts';
import { summaryCsv, trialsCsv } from './csv.ts';
import { ElectionProbe } from './probe.ts';
import { ExperimentRunner, runExperiment } from './runner.ts';
import { summarize } from './summary.ts';
import { formatTable } from './table.ts';
import { runTrial } from './trial.ts';

const config = (overrides: Partial<ExperimentConfig>): ExperimentConfig => ({ ...DEFAULT_CONFIG, ...overrides });

describe('Figure 16, the shape of the result', () => {
  it('a zero-width range splits the vote in every trial and never elects within the cap', () => {
    const { result } = runExperiment(config({ ranges: [[150, 150]], trials: 20, capMs: 3000 }));
    const r = result.ranges[0]!;
    expect(r.splitVoteRate).toBe(1);
    expect(r.splitVotesPerTrial).toBeGreaterThan(10);
    expect(r.capped).toBe(20);
  });

  it('a wide range almost never splits the vote, far less often than 5 ms of randomness', () => {
    const { result } = runExperiment(
      config({
        ranges: [
          [150, 155],
          [150, 300],
          [150, 600],
        ],
        trials: 200,
      }),
    );
    const [narrow, wide, wider] = result.ranges;
    expect(narrow!.splitVoteRate).toBeGreaterThan(0.7);
    expect(wide!.splitVoteRate).toBeLessThan(0.2);
    expect(wider!.splitVoteRate).toBeLessThan(0.1);
    expect(wide!.medianMs).toBeLessThan(narrow!.medianMs);
    // A split needs a near-tie, so the model's near-tie probability bounds the split rate
    // (up to sampling noise: 200 trials give about +-0.05).
    for (const r of [wide!, wider!]) expect(r.splitVoteRate).toBeLessThan(r.model.nearTieProbability + 0.05);
  });

  it('every trial of a non-degenerate range elects a leader within a bound', () => {
    // Bound: five rounds of the longest timeout plus their message delays. A round fails only
    // on a near-tie (under a fifth of rounds for these ranges), so five in a row over a few
    // hundred seeded trials would be a bug, not bad luck.
    const ranges = [[150, 200], [150, 300], ...PAPER_RANGES_SCALE.slice(1)] as const;
    const { trials } = runExperiment(config({ ranges, trials: 100 }));
    for (const t of trials) {
      expect(t.capped).toBe(false);
      expect(t.newLeader).toMatch(/^S[23]$/); // only the up-to-date survivors can win
      expect(t.downtimeMs).toBeLessThan(5 * (t.range[1] + 4 * 9));
      expect(t.electedMs).not.toBeNull();
      expect(t.downtimeMs).toBeGreaterThan(t.electedMs!);
    }
  });

  it('12-24 ms timeouts elect in tens of milliseconds even though the setup sometimes needs a second seed', () => {
    const { result, trials } = runExperiment(config({ ranges: [[12, 24]], trials: 100 }));
    expect(result.ranges[0]!.meanMs).toBeLessThan(100);
    expect(result.ranges[0]!.capped).toBe(0);
    expect(trials.every((t) => t.setupAttempts >= 1)).toBe(true);
  });
});

describe('trials are reproducible', () => {
  const small = config({
    ranges: [
      [150, 175],
      [12, 24],
    ],
    trials: 15,
  });

  it('same seed, same results; another seed, other results', () => {
    const a = runExperiment(small).trials;
    const b = runExperiment(small).trials;
    expect(b).toEqual(a);
    const c = runExperiment({ ...small, seed: 2 }).trials;
    expect(c.map((t) => t.downtimeMs)).not.toEqual(a.map((t) => t.downtimeMs));
  });

  it('runTrial alone gives the same trial as the whole run', () => {
    const { trials } = runExperiment(small);
    const t = trials[7]!;
    expect(runTrial(small, t.rangeIndex, t.trial)).toEqual(t);
  });

  it('shards merge into exactly the unsharded result', () => {
    const whole = runExperiment(small);
    const parts = [0, 1, 2].flatMap((index) => {
      const runner = new ExperimentRunner(small, { index, count: 3 });
      while (!runner.done) runner.runBatch(4);
      return runner.trials();
    });
    expect(parts.length).toBe(whole.trials.length);
    expect(summarize(small, parts)).toEqual(whole.result);
    expect(summarize(small, parts.slice().reverse())).toEqual(whole.result);
    // Capped trials tie at the cap: the slowest is still the same one whatever the order.
    const capped = config({ ranges: [[150, 150]], trials: 6, capMs: 500 });
    const trials = runExperiment(capped).trials;
    expect(summarize(capped, trials.slice().reverse()).ranges[0]!.slowestTrial).toBe(0);
  });

  it("a trial's scenario is a valid document that replays to the same downtime", () => {
    const { trials } = runExperiment(
      config({
        ranges: [
          [150, 155],
          [150, 300],
          [12, 24],
        ],
        trials: 6,
      }),
    );
    for (const t of trials) {
      const scenario = parseScenario(JSON.parse(JSON.stringify(t.scenario)));
      expect(scenario).toEqual(t.scenario);
      const probe = new ElectionProbe();
      const sim = Simulation.fromScenario(scenario, { onEvent: probe.observe });
      sim.runUntil(t.crashAt - 1);
      // The paper's starting state: S1 leads, S2 and S3 hold its log, S4 and S5 are behind.
      const logs = sim.nodeStates.map((n) => n.log.length);
      expect(sim.leader()).toBe('S1');
      expect(logs[1]).toBe(logs[0]);
      expect(logs[2]).toBe(logs[0]);
      expect(logs[3]).toBeLessThan(logs[0]!);
      expect(logs[4]).toBeLessThan(logs[0]!);
      probe.arm(sim.nodeStates[0]!.currentTerm, t.crashAt);
      sim.runUntil(scenario.until!);
      expect(probe.downtime).toBe(t.downtimeMs);
      expect(probe.splitVotes).toBe(t.splitVotes);
      expect(sim.violations).toEqual([]);
    }
  });
});

describe('the runner, for a worker', () => {
  it('runs in batches, reports progress and stops when done', () => {
    const runner = new ExperimentRunner(
      config({
        ranges: [
          [150, 300],
          [150, 200],
        ],
        trials: 5,
      }),
    );
    expect(runner.total).toBe(10);
    expect(runner.runBatch(4).map((t) => [t.rangeIndex, t.trial])).toEqual([
      [0, 0],
      [1, 0],
      [0, 1],
      [1, 1],
    ]);
    expect(runner.result().completed).toBe(4);
    runner.runBatch(100);
    expect(runner.done).toBe(true);
    expect(runner.runBatch(3)).toEqual([]);
    const result = runner.result();
    expect(result.ranges.map((r) => r.trials)).toEqual([5, 5]);
    // Plain data: survives structured cloning (what postMessage does).
    expect(structuredClone(result)).toEqual(result);
    expect(structuredClone(runner.trials())).toEqual(runner.trials());
  });

  it('refuses impossible configs', () => {
    expect(() => new ExperimentRunner(config({ ranges: [] }))).toThrow(/range/);
    expect(() => new ExperimentRunner(config({ ranges: [[150, 100]] }))).toThrow(/election timeout max/);
    expect(() => new ExperimentRunner(config({ heartbeat: 150 }))).toThrow(/heartbeat/);
    expect(() => new ExperimentRunner(config({ trials: 0 }))).toThrow(/trials/);
  });
});

describe('exports', () => {
  const { result, trials } = runExperiment(
    config({
      ranges: [
        [150, 150],
        [150, 300],
      ],
      trials: 4,
      capMs: 1000,
    }),
  );

  it('CSV: a header and one row per range or per trial', () => {
    const summary = summaryCsv(result).trimEnd().split('\n');
    expect(summary[0]).toMatch(/^range,timeout_min_ms,timeout_max_ms,heartbeat_ms,trials,capped,median_ms/);
    expect(summary).toHaveLength(3);
    expect(summary[1]).toMatch(/^150-150,150,150,75,4,4,1000,1000,1000,1000,1000,1,/);
    const rows = trialsCsv(trials).trimEnd().split('\n');
    expect(rows).toHaveLength(1 + 8);
    expect(rows[1]!.split(',')).toHaveLength(rows[0]!.split(',').length);
  });

  it('the table marks capped statistics as lower bounds and shows the paper beside them', () => {
    const text = formatTable(result);
    expect(text).toMatch(/150-150 .*>=1000 ms.*min >10000 ms/);
    expect(text).toMatch(/150-300 /);
  });
});
