import { performance } from 'node:perf_hooks';
import { DEFAULT_CONFIG, runExperiment, summarize, TrialTable, type ExperimentConfig, type TrialRecord } from '../src/experiments/index.ts';
import { canCollect, heapUsed, mb } from './measure.ts';

/** The JavaScript heap and the typed arrays' buffers, which live outside it. */
function used(): number {
  return heapUsed() + process.memoryUsage().arrayBuffers;
}

// What the page keeps for the largest experiment a link may start (1,000,000 trials per range,
// six ranges): the trial table and its summary. The outcomes are those of 200 real trials per
// range, repeated under new trial numbers (running six million trials would take hours here).
// Prints figures; asserts nothing.   npm run bench:experiment-memory

if (!canCollect()) console.log('(run with node --expose-gc: npm run bench:experiment-memory does)');
const sample = runExperiment({ ...DEFAULT_CONFIG, trials: 200 }).trials.map(({ scenario: _, ...r }): TrialRecord => r);
for (const trials of [1000, 100_000, 1_000_000]) {
  const config: ExperimentConfig = { ...DEFAULT_CONFIG, trials };
  const before = used();
  const table = new TrialTable(config);
  const t0 = performance.now();
  for (let trial = 0; trial < trials; trial++) {
    for (let r = 0; r < config.ranges.length; r++) table.add({ ...sample[(trial % 200) * config.ranges.length + r]!, trial });
  }
  const fill = performance.now() - t0;
  const t1 = performance.now();
  const result = summarize(config, table);
  const summary = performance.now() - t1;
  const kept = used() - before;
  // Both still held here, so the collection above could not take them.
  if (table.length !== result.completed) throw new Error('table and summary disagree');
  console.log(
    `${trials.toLocaleString('en-US')} trials per range (${(trials * 6).toLocaleString('en-US')} in all): the page keeps ${mb(kept)} ` +
      `(table and summary; ${result.ranges.at(-1)!.cdf.length} CDF points in the last range); one summary takes ${summary.toFixed(0)} ms; filling ${fill.toFixed(0)} ms` +
      (trials === 1_000_000 ? '; goal: under 200 MB' : ''),
  );
}
