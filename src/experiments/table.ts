import type { ExperimentResult } from './summary.ts';

/** The result as a fixed-width text table, with the paper's figures beside ours. */
export function formatTable(result: ExperimentResult): string {
  const header = ['timeout ms', 'hb', 'trials', 'median', 'p95', 'worst', 'mean', 'split', 'capped', 'model', 'paper'];
  const cap = result.config.capMs;
  // A statistic that reaches into the capped trials (which count as the cap) is only a lower bound.
  const stat = (value: number): string => ms(value, value >= cap);
  const rows = result.ranges.map((r) => [
    r.label,
    String(r.heartbeatMs),
    String(r.trials),
    stat(r.medianMs),
    stat(r.p95Ms),
    stat(r.maxMs),
    ms(r.meanMs, r.capped > 0),
    percent(r.splitVoteRate),
    String(r.capped),
    `${Math.round(r.model.downtimeMs)} ms, tie ${percent(r.model.nearTieProbability)}`,
    r.paper.map((p) => `${p.statistic} ${p.lowerBound ? '>' : ''}${p.ms} ms`).join('; '),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: readonly string[]): string =>
    cells
      .map((c, i) => (i === 0 || i >= 9 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [
    ...result.setup.map((s) => `# ${s}`),
    '',
    line(header),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map(line),
    '',
    'median/p95/worst/mean: downtime from the crash to the first heartbeat of the new leader (capped trials count as the cap, shown with >=).',
    "split: share of trials with at least one split vote. model: the paper's simple model (first eligible timeout, 1/(s+1) of the range, plus",
    'message delays) and the chance that another of the 4 survivors times out within one message delay of the first.',
  ].join('\n');
}

function ms(value: number, lowerBound: boolean): string {
  if (!Number.isFinite(value)) return '-';
  const text = value >= 10_000 ? `${(value / 1000).toFixed(1)} s` : `${Math.round(value)} ms`;
  return lowerBound ? `>=${text}` : text;
}

function percent(x: number): string {
  return Number.isFinite(x) ? `${(x * 100).toFixed(x < 0.1 && x > 0 ? 1 : 0)}%` : '-';
}
