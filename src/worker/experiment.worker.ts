import { ExperimentRunner } from '../experiments/runner.ts';
import type { TrialRecord } from '../experiments/trialTable.ts';
import { EXPERIMENT_PROTOCOL_VERSION as V, type FromExperimentWorker, type ToExperimentWorker } from './experimentProtocol.ts';

// Runs experiment trials off the main thread, a batch at a time, yielding between batches so a
// cancel message is read promptly. Thin: the experiment logic lives in src/experiments.

let active = 0;
/** Wall-clock budget per batch: short enough that cancel feels instant and progress is smooth. */
const BATCH_MS = 50;

function post(msg: FromExperimentWorker): void {
  self.postMessage(msg);
}

function run(runId: number, runner: ExperimentRunner): void {
  if (active !== runId) return;
  try {
    const start = performance.now();
    const trials: TrialRecord[] = [];
    while (!runner.done && performance.now() - start < BATCH_MS) {
      // The scenario stays behind: the page rebuilds one from its trial's number when asked.
      for (const { scenario: _, ...record } of runner.runBatch(1)) trials.push(record);
    }
    post({ type: 'trials', v: V, runId, trials, done: runner.done });
    if (!runner.done) setTimeout(() => run(runId, runner), 0);
  } catch (err) {
    post({ type: 'error', v: V, runId, message: err instanceof Error ? err.message : String(err) });
  }
}

self.onmessage = (e: MessageEvent<ToExperimentWorker>) => {
  const msg = e.data;
  if (msg.v !== V) {
    post({ type: 'error', v: V, runId: msg.runId, message: `experiment protocol ${msg.v} is not ${V}: reload the page` });
    return;
  }
  if (msg.type === 'cancel') {
    if (active === msg.runId) active = 0;
    return;
  }
  active = msg.runId;
  try {
    run(msg.runId, new ExperimentRunner(msg.config, msg.shard, { keep: false }));
  } catch (err) {
    post({ type: 'error', v: V, runId: msg.runId, message: err instanceof Error ? err.message : String(err) });
  }
};
