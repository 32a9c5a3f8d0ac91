// The Figure 16 experiment: what a worker or the CLI imports.
export * from './config.ts';
export * from './csv.ts';
export * from './model.ts';
export * from './paper.ts';
export * from './runner.ts';
export * from './stats.ts';
export * from './summary.ts';
export * from './table.ts';
export { runTrial, trialSeed, trialSettings, type TrialResult } from './trial.ts';
export { BEHIND, ELIGIBLE, LEADER } from './setup.ts';
