import { scaleLinear, scalePoint } from 'd3';
import { memo, useMemo } from 'react';
import type { NodeId } from '../../engine/types.ts';
import type { SpaceTimeMessage } from '../../worker/protocol.ts';
import { wayAlong } from '../../sim/messageActions.ts';
import { flightWords } from '../messages/words.ts';
import { kindColor } from './colors.ts';
import './spacetime.css';

export interface SpaceTimeProps {
  readonly ids: readonly NodeId[];
  readonly messages: readonly SpaceTimeMessage[];
  readonly now: number;
  /** The window of simulated time drawn, [from, to]. */
  readonly from: number;
  readonly to: number;
  /** A message highlighted here and on the ring. */
  readonly highlight: number | null;
  readonly onHover: (id: number | null) => void;
  /** A message still in flight was chosen (clicked, or Enter/Space on its arrow): open its menu. */
  readonly onChoose: (m: SpaceTimeMessage, at: { x: number; y: number }, byKey: boolean, el: SVGElement) => void;
}

const W = 640;
const LANE_GAP = 34;
const LEFT = 36;
/** Room under the lanes for the time axis. */
const AXIS = 22;

/**
 * One lane per server, time running left to right; each message is an arrow from its sending to
 * its arrival. A lost message stops halfway under a cross; one still in flight ends at "now".
 */
export const SpaceTimeDiagram = memo(function SpaceTimeDiagram({
  ids,
  messages,
  now,
  from,
  to,
  highlight,
  onHover,
  onChoose,
}: SpaceTimeProps) {
  const lanes = LANE_GAP * (ids.length + 0.5);
  const height = lanes + AXIS;
  const x = useMemo(
    () =>
      scaleLinear()
        .domain([from, to])
        .range([LEFT, W - 8])
        .clamp(true),
    [from, to],
  );
  const y = useMemo(
    () =>
      scalePoint<NodeId>()
        .domain(ids)
        .range([LANE_GAP * 0.5, lanes - LANE_GAP * 0.5]),
    [ids, lanes],
  );
  const ticks = x.ticks(6);

  return (
    <figure className="spacetime" aria-label="Space-time diagram of messages">
      <svg
        viewBox={`0 0 ${W} ${height}`}
        role="group"
        aria-label={`${messages.length} messages between ${Math.round(from)} and ${Math.round(to)} ms`}
      >
        <defs>
          {/* Sized in user units, so a highlighted (thicker) arrow keeps the same head. */}
          <marker
            id="st-arrow"
            viewBox="0 0 8 8"
            refX="7"
            refY="4"
            markerWidth="8"
            markerHeight="8"
            markerUnits="userSpaceOnUse"
            orient="auto-start-reverse"
          >
            <path d="M0 0 L8 4 L0 8 Z" fill="context-stroke" />
          </marker>
        </defs>
        {ids.map((id) => (
          <g key={id} transform={`translate(0,${y(id)})`}>
            <text x={4} dy="0.35em" className="st-lane-label">
              {id}
            </text>
            <line x1={LEFT} x2={W - 8} className="st-lane" />
          </g>
        ))}
        <g className="st-axis" transform={`translate(0,${lanes})`}>
          {ticks.map((t) => (
            <text key={t} x={x(t)} y={14} textAnchor={x(t) > W - 40 ? 'end' : 'middle'}>
              {t >= 10_000 ? `${(t / 1000).toFixed(1)} s` : `${Math.round(t)} ms`}
            </text>
          ))}
        </g>
        <line x1={x(now)} x2={x(now)} y1={0} y2={lanes} className="st-now" />
        {messages.map((m) => {
          const y1 = y(m.from) ?? 0;
          const y2 = y(m.to) ?? 0;
          const lost = m.dropped !== null;
          // A drop is drawn halfway: the message never reached the other lane.
          const end = m.endAt ?? (m.held ? now : Math.min(now, m.deliverAt));
          // Dropped by hand: cut short where it was when dropped, not halfway.
          const byHand = m.dropped === 'action' && m.endAt !== null;
          const flying = m.endAt === null;
          const frac = byHand ? wayAlong(m, m.endAt!) : lost ? 0.5 : flying ? wayAlong(m, now) : 1;
          const ex = byHand ? x(m.endAt!) : lost ? x(m.sentAt + (m.deliverAt - m.sentAt) * 0.5) : x(end);
          const ey = y1 + (y2 - y1) * frac;
          // A held or moved-on message bends where a person acted on it (flat while it is held).
          const leg = flying && m.leg ? { x: x(m.leg.at), y: y1 + (y2 - y1) * m.leg.from } : null;
          const d = `M${x(m.sentAt)} ${y1}${leg ? ` L${leg.x} ${leg.y}` : ''} L${ex} ${ey}`;
          const hot = highlight === m.id;
          const words = flightWords(m.kind, m.from, m.to);
          const choose = (el: SVGElement, byKey: boolean, px?: number, py?: number) => {
            const r = el.getBoundingClientRect();
            onChoose(m, { x: px ?? r.right + window.scrollX, y: py ?? r.top + window.scrollY }, byKey, el);
          };
          return (
            <g
              key={m.id}
              className={`st-msg${hot ? ' is-hot' : ''}${lost ? ' is-lost' : ''}${m.held ? ' is-held' : ''}${flying ? ' is-flying' : ''}`}
              onMouseEnter={() => onHover(m.id)}
              onMouseLeave={() => onHover(null)}
              onFocus={() => onHover(m.id)}
              onBlur={() => onHover(null)}
              data-message={m.id}
              {...(flying
                ? {
                    tabIndex: 0,
                    role: 'button',
                    'aria-label': `${words}, ${m.held ? 'held' : 'in flight'}: choose what to do with it`,
                    onClick: (e: React.MouseEvent<SVGGElement>) => choose(e.currentTarget, false, e.pageX, e.pageY),
                    onKeyDown: (e: React.KeyboardEvent<SVGGElement>) => {
                      if (e.key !== 'Enter' && e.key !== ' ') return;
                      e.preventDefault();
                      e.stopPropagation();
                      choose(e.currentTarget, true);
                    },
                  }
                : {})}
            >
              {hot && <path d={d} className="st-halo" />}
              <path d={d} stroke={kindColor(m.kind)} markerEnd={lost ? undefined : 'url(#st-arrow)'} className="st-arrow" />
              <path d={d} className="st-hit" />
              {lost && (
                <path d={`M${ex - 4} ${ey - 4} L${ex + 4} ${ey + 4} M${ex + 4} ${ey - 4} L${ex - 4} ${ey + 4}`} className="st-cross" />
              )}
              {m.held && (
                <g className="st-pause" transform={`translate(${ex - 12},${ey - 10})`}>
                  <circle r={7} />
                  <rect x={-3.5} y={-4} width={2.5} height={8} />
                  <rect x={1} y={-4} width={2.5} height={8} />
                </g>
              )}
              <title>{`${words} (#${m.id}), sent ${m.sentAt} ms${m.endAt !== null ? `, ${lost ? `lost (${m.dropped === 'action' ? 'dropped by hand' : m.dropped})` : 'arrived'} ${m.endAt} ms` : m.held ? ', held' : ', in flight'}`}</title>
            </g>
          );
        })}
      </svg>
    </figure>
  );
});
