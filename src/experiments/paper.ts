import type { TimeoutRange } from './config.ts';

/**
 * What the Raft paper reports for Figure 16 (§9.3), as data to mark on the plot and to print
 * beside the measurements. Statistic names match RangeSummary's fields.
 */
export interface PaperReference {
  readonly range: TimeoutRange;
  readonly statistic: 'median' | 'max' | 'mean' | 'min';
  readonly ms: number;
  /** True when the paper gives a bound ("longer than"), not a value. */
  readonly lowerBound: boolean;
  readonly trials: number | null;
  readonly quote: string;
}

export const PAPER_REFERENCES: readonly PaperReference[] = [
  {
    range: [150, 150],
    statistic: 'min',
    ms: 10_000,
    lowerBound: true,
    trials: null,
    quote: 'with no randomness, leader election consistently took longer than 10 seconds due to many split votes',
  },
  {
    range: [150, 155],
    statistic: 'median',
    ms: 287,
    lowerBound: false,
    trials: null,
    quote: 'adding just 5 ms of randomness helps significantly, resulting in a median downtime of 287 ms',
  },
  {
    range: [150, 200],
    statistic: 'max',
    ms: 513,
    lowerBound: false,
    trials: 1000,
    quote:
      'using more randomness improves worst-case behavior: with 50 ms of randomness the worst-case completion time (over 1000 trials) was 513 ms',
  },
  {
    range: [12, 24],
    statistic: 'mean',
    ms: 35,
    lowerBound: false,
    trials: null,
    quote: 'with an election timeout of 12-24 ms, it takes only 35 ms on average to elect a leader',
  },
  {
    range: [12, 24],
    statistic: 'max',
    ms: 152,
    lowerBound: false,
    trials: null,
    quote: 'the longest trial took 152 ms',
  },
];

/** The paper's figures for one range (none for most). */
export function referencesFor(range: TimeoutRange): PaperReference[] {
  return PAPER_REFERENCES.filter((r) => r.range[0] === range[0] && r.range[1] === range[1]);
}
