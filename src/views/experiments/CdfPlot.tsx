import { axisBottom, axisLeft, line, curveStepAfter, scaleLog, scaleLinear, select } from 'd3';
import { memo, useEffect, useMemo, useRef } from 'react';
import type { RangeSummary } from '../../experiments/index.ts';
import { seriesStyle } from './series.ts';

export interface CdfPlotProps {
  readonly ranges: readonly RangeSummary[];
}

const W = 720;
const H = 360;
const M = { top: 16, right: 20, bottom: 46, left: 56 };

/**
 * The cumulative distribution of election time, one line per timeout range, on a log time axis
 * as in the paper's Figure 16. The paper's published figures are marked as labelled rings.
 */
export const CdfPlot = memo(function CdfPlot({ ranges }: CdfPlotProps) {
  const xAxisRef = useRef<SVGGElement>(null);
  const yAxisRef = useRef<SVGGElement>(null);
  const maxMs = Math.max(1000, ...ranges.flatMap((r) => [r.maxMs, ...r.paper.map((p) => p.ms)]).filter(Number.isFinite));
  const minMs = Math.max(1, Math.min(100, ...ranges.map((r) => r.minMs).filter(Number.isFinite)));
  const x = useMemo(
    () =>
      scaleLog()
        .domain([Math.pow(10, Math.floor(Math.log10(minMs))), maxMs * 1.1])
        .range([M.left, W - M.right])
        .clamp(true),
    [minMs, maxMs],
  );
  const y = useMemo(
    () =>
      scaleLinear()
        .domain([0, 1])
        .range([H - M.bottom, M.top]),
    [],
  );

  useEffect(() => {
    if (xAxisRef.current) select(xAxisRef.current).call(axisBottom(x).ticks(6, '~s'));
    if (yAxisRef.current) select(yAxisRef.current).call(axisLeft(y).ticks(5, '.0%'));
  }, [x, y]);

  const path = line<{ ms: number; fraction: number }>()
    .x((p) => x(p.ms))
    .y((p) => y(p.fraction))
    .curve(curveStepAfter);

  return (
    <figure className="cdf-plot">
      <svg
        viewBox={`0 0 ${W} ${H}`}
        role="img"
        aria-label="Cumulative distribution of the time without a leader, one line per election timeout range"
      >
        <g ref={xAxisRef} transform={`translate(0,${H - M.bottom})`} className="cdf-axis" />
        <g ref={yAxisRef} transform={`translate(${M.left},0)`} className="cdf-axis" />
        <text x={(M.left + W - M.right) / 2} y={H - 8} textAnchor="middle" className="cdf-label">
          time without a leader (ms, log scale)
        </text>
        <text transform={`translate(14,${(H - M.bottom + M.top) / 2}) rotate(-90)`} textAnchor="middle" className="cdf-label">
          share of trials
        </text>
        {ranges.map((r, i) => {
          const style = seriesStyle(i);
          const pts = r.cdf.length ? [{ ms: r.cdf[0]!.ms, fraction: 0 }, ...r.cdf] : [];
          return (
            <path
              key={r.label}
              d={path(pts) ?? ''}
              fill="none"
              stroke={style.color}
              strokeWidth={2.2}
              strokeDasharray={style.dash}
              data-range={r.label}
            >
              <title>{`${r.label} ms: median ${Math.round(r.medianMs)} ms, worst ${Math.round(r.maxMs)} ms`}</title>
            </path>
          );
        })}
        {ranges.flatMap((r, i) =>
          r.paper.map((p) => {
            const fraction = p.statistic === 'median' ? 0.5 : p.statistic === 'max' ? 1 : p.statistic === 'min' ? 0 : 0.5;
            const cx = x(p.ms);
            const cy = y(fraction);
            return (
              <g key={`${r.label}-${p.statistic}`} className="cdf-ref" data-paper={`${r.label}-${p.statistic}`}>
                <circle cx={cx} cy={cy} r={6} fill="#fff" stroke={seriesStyle(i).color} strokeWidth={2.5} />
                <text x={cx + 9} y={cy - 8} className="cdf-ref-label">{`paper ${p.statistic}${p.lowerBound ? ' >' : ''} ${p.ms} ms`}</text>
                <title>{`The paper (${r.label} ms): ${p.quote}`}</title>
              </g>
            );
          }),
        )}
      </svg>
      <figcaption className="cdf-legend">
        {ranges.map((r, i) => (
          <span key={r.label}>
            <svg width="28" height="10" aria-hidden="true">
              <line x1="0" x2="28" y1="5" y2="5" stroke={seriesStyle(i).color} strokeWidth="2.5" strokeDasharray={seriesStyle(i).dash} />
            </svg>
            {r.label} ms{r.trials > 0 && r.capped === r.trials ? ' (no leader within the cap: off the chart)' : ''}
          </span>
        ))}
        <span>
          <svg width="14" height="14" aria-hidden="true">
            <circle cx="7" cy="7" r="5" fill="#fff" stroke="#334155" strokeWidth="2" />
          </svg>
          the paper's published figure
        </span>
      </figcaption>
    </figure>
  );
});
