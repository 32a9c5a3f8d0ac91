import type { EngineEvent } from './events.ts';
import type { RaftNode } from './node.ts';
import type { Outgoing } from './types.ts';

/** What one step of a node produced: messages to send, events to report. */
export interface StepOutput {
  readonly sends: Outgoing[];
  readonly events: EngineEvent[];
  /** The lowest log index that changed in this step (Infinity if the log did not change). */
  logChangedFrom: number;
}

/** The node being stepped, the simulated time, and where its outputs go. */
export interface StepContext {
  readonly node: RaftNode;
  readonly now: number;
  readonly out: StepOutput;
}

export function newOutput(): StepOutput {
  return { sends: [], events: [], logChangedFrom: Infinity };
}
