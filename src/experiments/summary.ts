import { broadcastTime, heartbeatFor, rangeLabel, type ExperimentConfig, type TimeoutRange } from './config.ts';
import { predict, type ModelPrediction } from './model.ts';
import { referencesFor, type PaperReference } from './paper.ts';
import { ELIGIBLE } from './setup.ts';
import { cdf, mean, quantileSorted, sorted, type CdfPoint } from './stats.ts';
import type { TrialResult } from './trial.ts';

/** Statistics of one election timeout range. Downtimes of capped trials count as the cap. */
export interface RangeSummary {
  readonly rangeIndex: number;
  readonly range: TimeoutRange;
  readonly label: string;
  readonly heartbeatMs: number;
  readonly trials: number;
  /** Trials with no leader within the cap: their downtime is only known to exceed capMs. */
  readonly capped: number;
  readonly medianMs: number;
  readonly p95Ms: number;
  readonly maxMs: number;
  readonly minMs: number;
  readonly meanMs: number;
  /** Share of trials with at least one split vote. */
  readonly splitVoteRate: number;
  readonly splitVotesPerTrial: number;
  /** Terms per trial that ended with no winner, split or refused (a candidate whose log was behind). */
  readonly failedElectionsPerTrial: number;
  /** The slowest trial's number, to open it as a scenario; -1 with no trials. */
  readonly slowestTrial: number;
  /** Empirical CDF of downtime; stops below 1 by the capped share. */
  readonly cdf: readonly CdfPoint[];
  readonly model: ModelPrediction;
  readonly paper: readonly PaperReference[];
}

/** The experiment as run so far: what the UI draws and the CLI prints. */
export interface ExperimentResult {
  readonly config: ExperimentConfig;
  /** The setup in words, stated with every result as the paper states its own. */
  readonly setup: readonly string[];
  readonly completed: number;
  readonly total: number;
  readonly ranges: readonly RangeSummary[];
}

export function summarizeRange(config: ExperimentConfig, rangeIndex: number, trials: readonly TrialResult[]): RangeSummary {
  const range = config.ranges[rangeIndex];
  if (!range) throw new RangeError(`no range ${rangeIndex}`);
  const mine = trials.filter((t) => t.rangeIndex === rangeIndex);
  const all = sorted(mine.map((t) => t.downtimeMs));
  const uncapped = sorted(mine.filter((t) => !t.capped).map((t) => t.downtimeMs));
  let slowest: TrialResult | null = null;
  // Ties (capped trials all sit at the cap) go to the lowest trial number, so the answer does
  // not depend on the order shards finished in.
  for (const t of mine) {
    if (!slowest || t.downtimeMs > slowest.downtimeMs || (t.downtimeMs === slowest.downtimeMs && t.trial < slowest.trial)) slowest = t;
  }
  const heartbeatMs = heartbeatFor(config, range);
  const n = mine.length;
  return {
    rangeIndex,
    range,
    label: rangeLabel(range),
    heartbeatMs,
    trials: n,
    capped: n - uncapped.length,
    medianMs: quantileSorted(all, 0.5),
    p95Ms: quantileSorted(all, 0.95),
    maxMs: n === 0 ? NaN : all[n - 1]!,
    minMs: n === 0 ? NaN : all[0]!,
    meanMs: mean(all),
    splitVoteRate: n === 0 ? NaN : mine.filter((t) => t.splitVotes > 0).length / n,
    splitVotesPerTrial: mean(mine.map((t) => t.splitVotes)),
    failedElectionsPerTrial: mean(mine.map((t) => t.failedElections)),
    slowestTrial: slowest ? slowest.trial : -1,
    cdf: cdf(uncapped, n),
    model: predict({ range, servers: 4, eligible: ELIGIBLE.length, delayMs: broadcastTime(config) / 2, heartbeatMs }),
    paper: referencesFor(range),
  };
}

export function summarize(config: ExperimentConfig, trials: readonly TrialResult[]): ExperimentResult {
  return {
    config,
    setup: describeSetup(config, measuredBroadcast(trials)),
    completed: trials.length,
    total: config.trials * config.ranges.length,
    ranges: config.ranges.map((_, i) => summarizeRange(config, i, trials)),
  };
}

/** The mean broadcast time measured over the trials' elections, or null before any. */
export function measuredBroadcast(trials: readonly TrialResult[]): number | null {
  const seen = trials.flatMap((t) => (t.broadcastMs === null ? [] : [t.broadcastMs]));
  return seen.length === 0 ? null : mean(seen);
}

export function describeSetup(config: ExperimentConfig, measuredMs: number | null = null): string[] {
  const expected = broadcastTime(config);
  const measured = measuredMs === null ? '' : `, measured ${measuredMs.toFixed(1)} ms`;
  return [
    'Five servers. S1 leads; S2 and S3 hold its whole log, S4 and S5 are one entry behind, so only two of the four survivors can win.',
    `Network ${config.latency[0]}-${config.latency[1]} ms one way; a ${config.diskWrite} ms disk write whenever a server changes its term, vote or log (a heartbeat writes nothing). ` +
      `Broadcast time (a vote request out, the voter's write, the vote back): about ${expected} ms${measured}.`,
    config.heartbeat === null ? 'Heartbeat interval: half the minimum election timeout.' : `Heartbeat interval: ${config.heartbeat} ms.`,
    'S1 sends a synchronized heartbeat, then crashes at a uniformly random moment within its heartbeat interval (to the microsecond).',
    "Downtime: from the crash until a follower receives the new leader's first AppendEntries.",
    `Each trial is capped at ${config.capMs} ms after the crash.` +
      (config.preVote ? ' PreVote on.' : '') +
      (config.checkQuorum ? ' CheckQuorum on.' : ''),
  ];
}
