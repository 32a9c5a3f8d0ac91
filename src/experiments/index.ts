/**
 * The Figure 16 experiment: what a worker or the CLI imports. A worker runs it like this:
 *
 *   const runner = new ExperimentRunner(experimentConfig({ trials: 1000 }), { index, count });
 *   while (!runner.done && !cancelled) {
 *     const trials = runner.runBatch(50);              // plain data: post as is
 *     postMessage({ type: 'progress', trials, result: runner.result() });
 *   }
 *
 * Several workers take shards ({ index: 0, count: 2 } and { index: 1, count: 2 }); the page
 * merges their trials with summarize(config, allTrials). A trial's `scenario` opens in the
 * live view (SimDriver.load), and runTrial(config, rangeIndex, trial) rebuilds any one trial.
 */
export * from './config.ts';
export * from './csv.ts';
export * from './model.ts';
export * from './paper.ts';
export * from './runner.ts';
export * from './stats.ts';
export * from './summary.ts';
export * from './table.ts';
export * from './trialTable.ts';
export { runTrial, trialSeed, trialSettings, type TrialResult } from './trial.ts';
export { BEHIND, ELIGIBLE, LEADER } from './setup.ts';
