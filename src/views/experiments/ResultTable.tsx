import { memo } from 'react';
import type { RangeSummary } from '../../experiments/index.ts';
import { seriesStyle } from './series.ts';

const ms = (v: number): string => (Number.isFinite(v) ? `${Math.round(v)}` : '–');
const pct = (v: number): string => (Number.isFinite(v) ? `${(v * 100).toFixed(1)}%` : '–');

export interface ResultTableProps {
  readonly ranges: readonly RangeSummary[];
  readonly capMs: number;
  readonly onOpenTrial: (rangeIndex: number, trial: number) => void;
}

/** Median, 95th percentile, worst case and split-vote rate per range, beside the paper's figures. */
export const ResultTable = memo(function ResultTable({ ranges, capMs, onOpenTrial }: ResultTableProps) {
  return (
    <table className="result-table">
      <caption>Time without a leader, per election timeout range (ms)</caption>
      <thead>
        <tr>
          <th scope="col">Timeout range</th>
          <th scope="col">Trials</th>
          <th scope="col">Median</th>
          <th scope="col">95th pct</th>
          <th scope="col">Worst</th>
          <th scope="col">Mean</th>
          <th scope="col">Split votes</th>
          <th scope="col">Model: first timeout</th>
          <th scope="col">Model: near-tie chance</th>
          <th scope="col">The paper</th>
          <th scope="col">Watch</th>
        </tr>
      </thead>
      <tbody>
        {ranges.map((r, i) => (
          <tr key={r.label} data-range={r.label}>
            <th scope="row">
              <span className="swatch" style={{ background: seriesStyle(i).color }} aria-hidden="true" />
              {r.label}
            </th>
            <td>
              {r.trials}
              {r.capped > 0 ? ` (${r.capped} over ${capMs / 1000} s)` : ''}
            </td>
            <td>{r.capped * 2 > r.trials ? `> ${capMs}` : ms(r.medianMs)}</td>
            <td>{ms(r.p95Ms)}</td>
            <td>{r.capped > 0 ? `> ${capMs}` : ms(r.maxMs)}</td>
            <td>{ms(r.meanMs)}</td>
            <td>{pct(r.splitVoteRate)}</td>
            <td>{ms(r.model.firstTimeoutMs)}</td>
            <td>{pct(r.model.nearTieProbability)}</td>
            <td className="paper-cell">
              {r.paper.length === 0 ? '–' : r.paper.map((p) => `${p.statistic} ${p.lowerBound ? '> ' : ''}${p.ms}`).join('; ')}
            </td>
            <td>
              {r.slowestTrial >= 0 && (
                <button
                  type="button"
                  onClick={() => onOpenTrial(r.rangeIndex, r.slowestTrial)}
                  aria-label={`Open the slowest ${r.label} ms trial in the live view`}
                >
                  Slowest
                </button>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
});
