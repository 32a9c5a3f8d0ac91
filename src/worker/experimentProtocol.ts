import type { ExperimentConfig, Shard } from '../experiments/index.ts';
import type { TrialRecord } from '../experiments/trialTable.ts';

/** Bump when a message changes shape: both sides check it. */
export const EXPERIMENT_PROTOCOL_VERSION = 1;

export type ToExperimentWorker =
  | { readonly type: 'run'; readonly v: number; readonly runId: number; readonly config: ExperimentConfig; readonly shard: Shard }
  | { readonly type: 'cancel'; readonly v: number; readonly runId: number };

export type FromExperimentWorker =
  /** A batch of finished trials; `done` when this shard has run all of its trials. */
  | { readonly type: 'trials'; readonly v: number; readonly runId: number; readonly trials: readonly TrialRecord[]; readonly done: boolean }
  | { readonly type: 'error'; readonly v: number; readonly runId: number; readonly message: string };
