import { scaleLinear } from 'd3';
import { memo, useMemo } from 'react';
import type { Marker } from '../../worker/protocol.ts';
import './timeline.css';
import { onGrid } from '../../engine/time.ts';

export interface TimelineBarProps {
  /** The moment shown, in simulated ms. */
  readonly now: number;
  /** The furthest moment explored. */
  readonly horizon: number;
  readonly markers: readonly Marker[];
  /** The run's planned length (a library scenario's `until`), drawn even before it is explored. */
  readonly length?: number;
  readonly onSeek: (t: number) => void;
  readonly onStepBack: () => void;
  readonly onStepForward: () => void;
}

const WIDTH = 1000;

const MARK_SHAPE: Record<Marker['kind'], string> = {
  election: 'M0 -5 L5 0 L0 5 L-5 0 Z',
  leader: 'M0 -6 L1.8 -1.8 L6 -1.8 L2.6 1 L3.8 5.6 L0 2.8 L-3.8 5.6 L-2.6 1 L-6 -1.8 L-1.8 -1.8 Z',
  crash: 'M-4 -4 L4 4 M4 -4 L-4 4',
  restart: 'M-4 0 A4 4 0 1 1 0 4',
  partition: 'M0 -6 V6',
  heal: 'M-5 0 H5 M0 -5 V5',
  commit: 'M-3 -3 H3 V3 H-3 Z',
  violation: 'M0 -6 L6 5 H-6 Z',
  // A ring: a read whose answer no order of the operations explains.
  staleRead: 'M-5 0 A5 5 0 1 0 5 0 A5 5 0 1 0 -5 0 M-2 0 A2 2 0 1 0 2 0 A2 2 0 1 0 -2 0',
};

/**
 * The axis end, rounded up to a round step (a twentieth of its size), so that while the run grows
 * the scale changes only now and then and the marks are not redrawn every frame.
 */
function axisEnd(t: number): number {
  const step = 10 ** Math.floor(Math.log10(t)) / 2;
  return Math.ceil(t / step) * step;
}

function formatTime(ms: number): string {
  return ms < 10_000 ? `${(ms / 1000).toFixed(2)} s` : `${(ms / 1000).toFixed(1)} s`;
}

/**
 * The run's time axis: drag to travel, step one event either way. A native range input carries
 * keyboard use and the accessible value; the SVG behind it only draws the marks.
 */
export const TimelineBar = memo(function TimelineBar({
  now,
  horizon,
  markers,
  length = 0,
  onSeek,
  onStepBack,
  onStepForward,
}: TimelineBarProps) {
  const end = axisEnd(Math.max(horizon, now, length, 1000));
  const x = useMemo(() => scaleLinear().domain([0, end]).range([0, WIDTH]), [end]);
  const ticks = x.ticks(8);
  // Thousands of commits in a long run would be a smear: keep one mark per kind per pixel.
  const visible = useMemo(() => {
    const seen = new Set<string>();
    return markers.filter((m) => {
      const key = `${m.kind}:${Math.round(x(m.t))}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  }, [markers, x]);
  // The same elements while marks and scale stay, so a moving playhead re-renders only itself.
  const marks = useMemo(
    () =>
      visible.map((m, i) => (
        <path key={`${m.t}-${i}`} d={MARK_SHAPE[m.kind]} transform={`translate(${x(m.t)},-8)`} className={`timeline-mark mark-${m.kind}`}>
          <title>{`${formatTime(m.t)}: ${m.label}`}</title>
        </path>
      )),
    [visible, x],
  );

  return (
    <div className="timeline" data-horizon={onGrid(horizon)} data-marks={visible.length}>
      <button type="button" className="timeline-step" aria-label="Step back" title="Step back one event" onClick={onStepBack}>
        ◀
      </button>
      <div className="timeline-track">
        <svg viewBox={`0 -14 ${WIDTH} 40`} preserveAspectRatio="none" aria-hidden="true" className="timeline-svg">
          <rect x={0} y={-3} width={x(horizon)} height={6} rx={3} className="timeline-explored" />
          {ticks.map((t) => (
            <g key={t} transform={`translate(${x(t)},0)`}>
              <line y1={6} y2={10} className="timeline-tick" />
            </g>
          ))}
          {marks}
          <line x1={x(now)} x2={x(now)} y1={-12} y2={12} className="timeline-playhead" />
        </svg>
        <input
          type="range"
          className="timeline-range"
          aria-label="Time"
          aria-valuetext={formatTime(now)}
          min={0}
          max={end}
          step={1}
          value={Math.min(now, end)}
          onChange={(e) => onSeek(Number(e.currentTarget.value))}
        />
        <div className="timeline-ticks" aria-hidden="true">
          {ticks.map((t) => (
            <span key={t} style={{ left: `${(x(t) / WIDTH) * 100}%` }}>
              {t / 1000}s
            </span>
          ))}
        </div>
      </div>
      <button type="button" className="timeline-step" aria-label="Step forward" title="Step forward one event" onClick={onStepForward}>
        ▶
      </button>
    </div>
  );
});
