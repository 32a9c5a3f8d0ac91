import type { ExperimentResult } from './summary.ts';
import type { TrialRecord } from './trialTable.ts';

// CSV as RFC 4180 reads it: comma-separated, CRLF-free (\n), quoted only where needed.

function cell(value: string | number | boolean | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(Number(value.toFixed(6))) : '';
  const text = String(value);
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function table(header: readonly string[], rows: readonly (readonly (string | number | boolean | null)[])[]): string {
  return [header.join(','), ...rows.map((r) => r.map(cell).join(','))].join('\n') + '\n';
}

/** One row per range: the statistics the CLI prints. */
export function summaryCsv(result: ExperimentResult): string {
  return table(
    [
      'range',
      'timeout_min_ms',
      'timeout_max_ms',
      'heartbeat_ms',
      'trials',
      'capped',
      'median_ms',
      'p95_ms',
      'max_ms',
      'min_ms',
      'mean_ms',
      'split_vote_rate',
      'split_votes_per_trial',
      'failed_elections_per_trial',
      'slowest_trial',
      'model_first_timeout_ms',
      'model_first_eligible_timeout_ms',
      'model_near_tie_probability',
      'model_downtime_ms',
    ],
    result.ranges.map((r) => [
      r.label,
      r.range[0],
      r.range[1],
      r.heartbeatMs,
      r.trials,
      r.capped,
      r.medianMs,
      r.p95Ms,
      r.maxMs,
      r.minMs,
      r.meanMs,
      r.splitVoteRate,
      r.splitVotesPerTrial,
      r.failedElectionsPerTrial,
      r.slowestTrial,
      r.model.firstTimeoutMs,
      r.model.firstEligibleTimeoutMs,
      r.model.nearTieProbability,
      r.model.downtimeMs,
    ]),
  );
}

/** One row per trial: enough to recompute any statistic or find a trial to replay. */
export function trialsCsv(trials: readonly TrialRecord[]): string {
  return table(
    [
      'range',
      'trial',
      'seed',
      'setup_attempts',
      'crash_at_ms',
      'crash_offset_ms',
      'downtime_ms',
      'elected_ms',
      'capped',
      'new_leader',
      'elections',
      'split_votes',
      'failed_elections',
    ],
    trials.map((t) => [
      `${t.range[0]}-${t.range[1]}`,
      t.trial,
      t.seed,
      t.setupAttempts,
      t.crashAt,
      t.crashOffset,
      t.downtimeMs,
      t.electedMs,
      t.capped,
      t.newLeader,
      t.elections,
      t.splitVotes,
      t.failedElections,
    ]),
  );
}
