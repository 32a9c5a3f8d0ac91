import { checkConfig, DEFAULT_CONFIG, type ExperimentConfig } from './config.ts';
import { summarize, type ExperimentResult } from './summary.ts';
import { runTrial, type TrialResult } from './trial.ts';

/**
 * Trials run interleaved: trial 0 of every range, then trial 1 of every range, and so on, so a
 * partial result has every range at about the same count and every curve grows together.
 * Trial k is trial floor(k / ranges) of range k % ranges.
 */
export function trialAt(config: ExperimentConfig, k: number): { readonly rangeIndex: number; readonly trial: number } {
  const r = config.ranges.length;
  return { rangeIndex: k % r, trial: Math.floor(k / r) };
}

export interface Shard {
  /**
   * This runner runs trial numbers t with t % count === index, in every range, so each shard
   * gets its share of every range (the ranges differ a hundredfold in cost).
   */
  readonly index: number;
  readonly count: number;
}

/** Every trial of the experiment (or of one shard), one at a time, in the interleaved order. */
export function* experimentTrials(config: ExperimentConfig, shard: Shard = { index: 0, count: 1 }): Generator<TrialResult> {
  for (let trial = shard.index; trial < config.trials; trial += shard.count) {
    for (let rangeIndex = 0; rangeIndex < config.ranges.length; rangeIndex++) yield runTrial(config, rangeIndex, trial);
  }
}

/**
 * Runs an experiment a batch at a time, so a worker can post progress and stop between batches.
 * Results are plain data (structured-clone safe). Shards split the trials between workers; their
 * trials merge with `summarize(config, [...a, ...b])` into exactly the unsharded result.
 */
export class ExperimentRunner {
  readonly config: ExperimentConfig;
  readonly shard: Shard;
  /** Trials this runner will run. */
  readonly total: number;
  private readonly results: TrialResult[] = [];
  private readonly source: Generator<TrialResult>;
  private ran = 0;
  /** Whether trials() and result() are wanted: a worker passes its trials on and keeps none. */
  private readonly keep: boolean;

  constructor(config: ExperimentConfig, shard: Shard = { index: 0, count: 1 }, options: { readonly keep?: boolean } = {}) {
    checkConfig(config);
    if (
      !Number.isInteger(shard.count) ||
      shard.count < 1 ||
      !Number.isInteger(shard.index) ||
      shard.index < 0 ||
      shard.index >= shard.count
    ) {
      throw new RangeError(`bad shard ${shard.index} of ${shard.count}`);
    }
    this.config = config;
    this.shard = shard;
    this.total = Math.max(0, Math.ceil((config.trials - shard.index) / shard.count)) * config.ranges.length;
    this.source = experimentTrials(config, shard);
    this.keep = options.keep ?? true;
  }

  get completed(): number {
    return this.ran;
  }

  get done(): boolean {
    return this.ran >= this.total;
  }

  /** Run up to `count` more trials and return them (empty when done). */
  runBatch(count: number): TrialResult[] {
    const batch: TrialResult[] = [];
    while (batch.length < count) {
      const next = this.source.next();
      if (next.done) break;
      batch.push(next.value);
      this.ran++;
      if (this.keep) this.results.push(next.value);
    }
    return batch;
  }

  trials(): readonly TrialResult[] {
    return this.results;
  }

  /** Statistics over the trials run so far. */
  result(): ExperimentResult {
    return summarize(this.config, this.results);
  }
}

/** Defaults for anything not given. */
export function experimentConfig(overrides: Partial<ExperimentConfig> = {}): ExperimentConfig {
  return { ...DEFAULT_CONFIG, ...overrides };
}

/** Run a whole experiment at once (tests, scripts). */
export function runExperiment(config: ExperimentConfig): { readonly result: ExperimentResult; readonly trials: readonly TrialResult[] } {
  const runner = new ExperimentRunner(config);
  runner.runBatch(runner.total);
  return { result: runner.result(), trials: runner.trials() };
}
