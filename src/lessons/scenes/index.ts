import type { Scenario } from '../../sim/scenario.ts';
import { parseScenario } from '../../sim/validate.ts';
import leaderCutOff from './leader-cut-off.json';
import lockHolder from './lock-holder.json';
import splitBrain from './split-brain.json';

/**
 * Scenes made for a lesson step, short enough to watch at lesson pace: each starts a moment
 * before what its step shows. They go through the same validator as any file or link.
 */
export const SCENES: ReadonlyMap<string, Scenario> = new Map([
  ['split-brain', parseScenario(splitBrain)],
  ['leader-cut-off', parseScenario(leaderCutOff)],
  ['lock-holder', parseScenario(lockHolder)],
]);
