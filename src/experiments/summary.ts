import { broadcastTime, heartbeatFor, rangeLabel, type ExperimentConfig, type TimeoutRange } from './config.ts';
import { predict, type ModelPrediction } from './model.ts';
import { referencesFor, type PaperReference } from './paper.ts';
import { ELIGIBLE } from './setup.ts';
import { cdf, mean, quantileSorted, type CdfPoint } from './stats.ts';
import { TrialTable, type TrialRecord } from './trialTable.ts';

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

/**
 * Points of a range's CDF at most: a plot cannot show more, and a million trials would otherwise
 * send a million points to the page. Below it (the paper's 1,000 trials) the CDF is exact.
 */
export const MAX_CDF_POINTS = 2000;

type Trials = readonly TrialRecord[] | TrialTable;

function tableOf(config: ExperimentConfig, trials: Trials): TrialTable {
  return trials instanceof TrialTable ? trials : TrialTable.of(config, trials);
}

export function summarizeRange(config: ExperimentConfig, rangeIndex: number, trials: Trials): RangeSummary {
  const range = config.ranges[rangeIndex];
  if (!range) throw new RangeError(`no range ${rangeIndex}`);
  const table = tableOf(config, trials);
  const { all, uncapped } = table.downtimes(rangeIndex);
  // Ties for the slowest (capped trials all sit at the cap) go to the lowest trial number.
  const totals = table.totalsOf(rangeIndex);
  const heartbeatMs = heartbeatFor(config, range);
  const n = all.length;
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
    splitVoteRate: n === 0 ? NaN : totals.withSplit / n,
    splitVotesPerTrial: n === 0 ? NaN : totals.splitVotes / n,
    failedElectionsPerTrial: n === 0 ? NaN : totals.failedElections / n,
    slowestTrial: totals.slowestTrial,
    cdf: thinCdf(uncapped, n),
    model: predict({ range, servers: 4, eligible: ELIGIBLE.length, delayMs: broadcastTime(config) / 2, heartbeatMs }),
    paper: referencesFor(range),
  };
}

/**
 * The CDF with at most MAX_CDF_POINTS steps: all of them when there are that few, else the last
 * point of each 1/MAX_CDF_POINTS of the fraction, found without building the million others.
 */
function thinCdf(ascending: Float64Array, total: number): CdfPoint[] {
  let distinct = 0;
  for (let i = 0; i < ascending.length; i++) if (i + 1 === ascending.length || ascending[i + 1] !== ascending[i]) distinct++;
  if (distinct <= MAX_CDF_POINTS) return cdf(ascending, total);
  const points: CdfPoint[] = [];
  let pending: CdfPoint | null = null;
  for (let i = 0; i < ascending.length; i++) {
    const v = ascending[i]!;
    if (i + 1 < ascending.length && ascending[i + 1] === v) continue;
    const point = { ms: v, fraction: (i + 1) / total };
    if (pending && Math.ceil(pending.fraction * MAX_CDF_POINTS) !== Math.ceil(point.fraction * MAX_CDF_POINTS)) points.push(pending);
    pending = point;
  }
  if (pending) points.push(pending);
  return points;
}

export function summarize(config: ExperimentConfig, trials: Trials): ExperimentResult {
  const table = tableOf(config, trials);
  return {
    config,
    setup: describeSetup(config, table.broadcastMean()),
    completed: table.length,
    total: config.trials * config.ranges.length,
    ranges: config.ranges.map((_, i) => summarizeRange(config, i, table)),
  };
}

/** The mean broadcast time measured over the trials' elections, or null before any. */
export function measuredBroadcast(config: ExperimentConfig, trials: Trials): number | null {
  return tableOf(config, trials).broadcastMean();
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
