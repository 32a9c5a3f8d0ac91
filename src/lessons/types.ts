import type { NodeId } from '../engine/types.ts';

/** What a step points at on screen, so a newcomer knows where to look. */
export type Highlight =
  | { readonly kind: 'node'; readonly node: NodeId }
  | { readonly kind: 'leader' }
  | { readonly kind: 'candidates' }
  | { readonly kind: 'timers' }
  | { readonly kind: 'terms' }
  | { readonly kind: 'votes' }
  | { readonly kind: 'messages' }
  | { readonly kind: 'log' }
  | { readonly kind: 'minority' }
  | { readonly kind: 'violations' }
  /** A control, by its accessible name ("Split 3/2", "Client write", ...). */
  | { readonly kind: 'control'; readonly name: string };

/**
 * Something the learner is asked to make happen. Each is recognised from the trace, so it does
 * not matter which button or shortcut was used to do it.
 */
export type Goal =
  | { readonly kind: 'leaderElected' }
  | { readonly kind: 'leaderCrashed' }
  | { readonly kind: 'newLeaderAfterCrash' }
  | { readonly kind: 'forcedTimeout' }
  | { readonly kind: 'clientWriteAccepted' }
  | { readonly kind: 'committed' }
  | { readonly kind: 'clientAcked' }
  | { readonly kind: 'split' }
  | { readonly kind: 'minorityRefused' }
  | { readonly kind: 'healed' }
  | { readonly kind: 'violationSeen' };

/** Where a step starts: a library scenario (by name) or a broken-Raft demo (by rule), at a moment. */
export type StepSetup =
  | { readonly from: 'library'; readonly scenario: string; readonly at: number; readonly play: boolean }
  | { readonly from: 'broken'; readonly rule: string; readonly at: number; readonly play: boolean }
  /** Keep whatever the previous step left running. */
  | { readonly from: 'continue' };

export interface LessonStep {
  readonly id: string;
  readonly title: string;
  /** Plain words for a newcomer; no step needs the paper. */
  readonly text: string;
  readonly setup: StepSetup;
  readonly highlights: readonly Highlight[];
  /** Present: the step waits for the learner to do this. Absent: a Next button moves on. */
  readonly task?: { readonly prompt: string; readonly goal: Goal };
  /** The paper's name for the idea, for those who want to read on. */
  readonly paper?: string;
}

export interface Lesson {
  readonly id: string;
  readonly title: string;
  readonly summary: string;
  readonly steps: readonly LessonStep[];
}
