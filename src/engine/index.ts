export * from './types.ts';
export * from './events.ts';
export type { StepOutput } from './context.ts';
export {
  createNode,
  cloneNode,
  nextDeadline,
  clusterSize,
  roleOf,
  leaderState,
  type RaftNode,
  type RoleState,
  type LeaderState,
} from './node.ts';
export { majority } from './quorum.ts';
export { step, restartNode, type NodeInput } from './step.ts';
export { isAtLeastAsUpToDate, lastIndex, lastTerm, termAt } from './log.ts';
export { createRng, nextFloat, nextInt, hash32, type Rng } from './rng.ts';
export { TICKS_PER_MS, onGrid, later, drawDuration } from './time.ts';
