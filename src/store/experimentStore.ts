import { useStore } from 'zustand';
import {
  checkConfig,
  DEFAULT_CONFIG,
  runTrial,
  summarize,
  TrialTable,
  type ExperimentConfig,
  type ExperimentResult,
  type TrialRecord,
  type TrialResult,
} from '../experiments/index.ts';
import { EXPERIMENT_PROTOCOL_VERSION as V, type FromExperimentWorker, type ToExperimentWorker } from '../worker/experimentProtocol.ts';
import type { LabClient, WorkerPort } from './client.ts';
import { useLab } from './context.ts';
import type { LabStore } from './lab.ts';

export type ExperimentStatus = 'idle' | 'running' | 'done' | 'cancelled' | 'failed';

export interface ExperimentState {
  readonly config: ExperimentConfig;
  readonly status: ExperimentStatus;
  readonly completed: number;
  readonly total: number;
  readonly result: ExperimentResult | null;
  readonly error: string | null;
  /** Wall-clock seconds the last run took, to show alongside the results. */
  readonly seconds: number | null;
}

export const initialExperiment = (): ExperimentState => ({
  config: DEFAULT_CONFIG,
  status: 'idle',
  completed: 0,
  total: 0,
  result: null,
  error: null,
  seconds: null,
});

/** The experiment's state (all of it, or the slice `selector` picks). */
export function useExperiment(): ExperimentState;
export function useExperiment<T>(selector: (s: ExperimentState) => T): T;
export function useExperiment<T>(selector?: (s: ExperimentState) => T): T | ExperimentState {
  const pick: (s: ExperimentState) => T | ExperimentState = selector ?? ((s) => s);
  return useStore(useLab().experiment, pick);
}

/** The Figure 16 experiment, run in as many workers as the machine has cores to spare. */
export function createExperimentActions(lab: LabStore, client: LabClient) {
  const store = lab.experiment;
  // Trials live outside the store, as columns of numbers: the views never render them one by one,
  // and a million trials as objects (with their scenarios) took 1.7 GB.
  let trials = new TrialTable(DEFAULT_CONFIG);
  let workers: WorkerPort<ToExperimentWorker>[] = [];
  let runId = 0;
  let shardsDone = 0;
  let startedAt = 0;
  let summaryDue = false;

  /**
   * A worker per core: the page's own share of the work (a summary a few times a second) is
   * small, and the operating system shares the cores with it.
   */
  function shardCount(): number {
    return Math.max(1, Math.min(8, client.cores));
  }

  function stopWorkers(): void {
    for (const w of workers) w.terminate();
    workers = [];
  }

  /** Progress redraws (statistics, plot, table) at most a few times a second, however fast batches arrive. */
  const SUMMARY_EVERY_MS = 300;
  /** A summary of a big experiment (sorting a million downtimes) waits longer: the page stays free 90% of the time. */
  let summaryCost = 0;

  function scheduleSummary(): void {
    if (summaryDue) return;
    summaryDue = true;
    setTimeout(
      () => {
        summaryDue = false;
        const { config, status } = store.getState();
        if (status !== 'running') return;
        const start = performance.now();
        store.setState({ result: summarize(config, trials), completed: trials.length });
        summaryCost = performance.now() - start;
      },
      Math.max(SUMMARY_EVERY_MS, 9 * summaryCost),
    );
  }

  function setExperimentConfig(config: ExperimentConfig): string | null {
    try {
      checkConfig(config);
    } catch (err) {
      return err instanceof Error ? err.message : String(err);
    }
    store.setState({ config });
    return null;
  }

  function runExperimentInWorkers(config: ExperimentConfig): void {
    stopWorkers();
    const id = ++runId;
    trials = new TrialTable(config);
    summaryCost = 0;
    shardsDone = 0;
    startedAt = performance.now();
    const count = shardCount();
    store.setState({
      config,
      status: 'running',
      completed: 0,
      total: config.trials * config.ranges.length,
      result: null,
      error: null,
      seconds: null,
    });
    for (let index = 0; index < count; index++) {
      const worker = client.spawnExperiment({ message: (m) => onMessage(id, m, count), error: (m) => fail(id, m) });
      const msg: ToExperimentWorker = { type: 'run', v: V, runId: id, config, shard: { index, count } };
      worker.post(msg);
      workers.push(worker);
    }
  }

  function onMessage(id: number, msg: FromExperimentWorker, count: number): void {
    if (id !== runId) return;
    if (msg.type === 'error') return fail(id, msg.message);
    for (const t of msg.trials) trials.add(t);
    if (msg.done) shardsDone++;
    if (shardsDone === count) {
      stopWorkers();
      const { config } = store.getState();
      store.setState({
        status: 'done',
        result: summarize(config, trials),
        completed: trials.length,
        seconds: (performance.now() - startedAt) / 1000,
      });
      return;
    }
    scheduleSummary();
  }

  function fail(id: number, message: string): void {
    if (id !== runId) return;
    stopWorkers();
    store.setState({ status: 'failed', error: message });
  }

  function cancelExperiment(): void {
    runId++;
    stopWorkers();
    const { config } = store.getState();
    store.setState({ status: 'cancelled', result: trials.length ? summarize(config, trials) : null, completed: trials.length });
  }

  /** A finished trial, to open in the live view: run again from its number (same seed, same trial). */
  function findTrial(rangeIndex: number, trial: number): TrialResult | undefined {
    return trials.has(rangeIndex, trial) ? runTrial(trials.config, rangeIndex, trial) : undefined;
  }

  /** Every trial's outcome, for the CSV (none kept past DETAIL_LIMIT trials: the summary only). */
  function allTrials(): readonly TrialRecord[] {
    return trials.records();
  }

  /**
   * Open an experiment link (#exp=...): show the experiments with its settings and run it, since
   * the same settings and seed give the same results. A bad link leaves the defaults and says why.
   */
  async function openExperimentLink(hash: string): Promise<boolean> {
    const match = /(?:^|[#&])exp=([^&]*)/.exec(hash);
    if (!match) return false;
    const { decodeExperimentLink } = await import('../links/experimentLink.ts');
    try {
      const config = decodeExperimentLink(match[1] ?? '');
      runExperimentInWorkers(config);
    } catch (err) {
      store.setState({ status: 'failed', error: err instanceof Error ? err.message : String(err) });
    }
    return true;
  }

  return { setExperimentConfig, runExperimentInWorkers, cancelExperiment, findTrial, allTrials, openExperimentLink };
}
