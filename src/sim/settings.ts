import type { BrokenRules, ReadMode } from '../engine/types.ts';

export type BrokenRuleName = keyof BrokenRules;

export const BROKEN_RULE_NAMES: readonly BrokenRuleName[] = [
  'winWithoutMajority',
  'voteTwice',
  'forgetVoteOnRestart',
  'ignoreLogCheck',
  'commitWithoutMajority',
  'commitOldTermByCount',
];

/** Everything that shapes a run besides the user's actions. Times are simulated milliseconds. */
export interface ClusterSettings {
  /** 1 to 9 servers, named S1..Sn. */
  readonly nodes: number;
  /** The only source of randomness: same seed and actions, same run. */
  readonly seed: number;
  readonly electionTimeout: readonly [number, number];
  readonly heartbeat: number;
  /** One-way latency range of a message. */
  readonly latency: readonly [number, number];
  /**
   * Time a server takes to write its persistent state (currentTerm, votedFor, log) to disk, in ms.
   * A step that changes it sends nothing until the write is done; 0 writes instantly.
   */
  readonly diskWrite: number;
  /** Probability that a message is lost, 0 to 1. */
  readonly loss: number;
  /** Probability that a message is delivered twice, 0 to 1. */
  readonly duplicate: number;
  /** Allow messages on one link to overtake each other; links are FIFO otherwise. */
  readonly reorder: boolean;
  readonly preVote: boolean;
  readonly checkQuorum: boolean;
  /** A new leader appends a no-op entry of its term, as real servers do (off: the paper's bare Figure 8). */
  readonly noopEntry: boolean;
  /** How servers answer client reads (src/engine/types.ts, ReadMode); anyServer is unsafe on purpose. */
  readonly readMode: ReadMode;
  /** Deliberately broken rules, for the "what if Raft were broken" mode. Empty in normal runs. */
  readonly broken: readonly BrokenRuleName[];
}

export const DEFAULT_SETTINGS: ClusterSettings = Object.freeze({
  nodes: 5,
  seed: 1,
  electionTimeout: [150, 300] as const,
  heartbeat: 50,
  latency: [10, 20] as const,
  diskWrite: 0,
  loss: 0,
  duplicate: 0,
  reorder: false,
  preVote: false,
  checkQuorum: false,
  noopEntry: true,
  readMode: 'readIndex',
  broken: [],
});

export const LIMITS = Object.freeze({
  nodes: { min: 1, max: 9 },
  time: { min: 1, max: 60_000 },
  latency: { min: 1, max: 10_000 },
  seed: { min: 0, max: 0xffffffff },
  /**
   * Simulated time a run may reach (`until`, an action's `at`): one day. The command line runs a
   * simulated hour in about a second, so even the longest run finishes in under a minute, with
   * its progress shown; the old bound (1e9 ms, 11 days) could run for an hour and write 20 GB.
   */
  runTime: { min: 0, max: 86_400_000 },
});

export function nodeIds(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `S${i + 1}`);
}
