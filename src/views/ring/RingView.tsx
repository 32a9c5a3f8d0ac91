import { useEffect, useMemo, useRef } from 'react';
import { animate, useReducedMotion } from 'motion/react';
import { selectNodes, selectReach, selectSelected, selectSettings, useSim } from '../../store/simStore.ts';
import { useRingGeometry } from './geometry.ts';
import { CanvasLayer } from './CanvasLayer.tsx';
import { IslandCaptions } from './IslandCaptions.tsx';
import { ConfigCaption } from './ConfigCaption.tsx';
import { layoutRing, VIEW_H, VIEW_W } from './layout.ts';
import { LinkLayer } from './LinkLayer.tsx';
import { LogStrips } from './LogStrip.tsx';
import { NodeGlyph } from './NodeGlyph.tsx';
import { NotDrawn } from '../NotDrawn.tsx';

/** The cluster: servers on a ring (or on islands when split), links, messages in flight. */
export function RingView() {
  const { partitionGap, positionOf } = useRingGeometry();
  const nodes = useSim(selectNodes);
  const selected = useSim(selectSelected);
  const settings = useSim(selectSettings);
  const reduced = useReducedMotion() ?? false;
  const idKey = nodes.map((n) => n.id).join(',');
  const ids = useMemo(() => (idKey === '' ? [] : idKey.split(',')), [idKey]);
  // The sides of a split come from the worker, which knows the network (worker/reach.ts).
  const reach = useSim(selectReach);
  // Kept by their members, so a change of leader (which changes the reach) does not move anyone.
  const islandKey = reach.islands.map((i) => i.members.join(',')).join('|');
  const islands = useMemo(() => (islandKey === '' ? [] : islandKey.split('|').map((g) => g.split(','))), [islandKey]);
  const layout = useMemo(() => layoutRing(ids, islands), [ids, islands]);
  // A leader is stale once another live leader holds a higher term (a minority's raised terms do not count).
  const newestLeaderTerm = nodes.reduce((m, n) => (n.alive && n.role === 'leader' ? Math.max(m, n.term) : m), 0);
  const svg = useRef<SVGSVGElement>(null);
  const placed = useRef(new Set<string>());

  useEffect(() => {
    partitionGap.x = layout.gapX;
    const controls = [...layout.positions].flatMap(([id, p]) => {
      const pos = positionOf(id, p.x, p.y);
      if (!placed.current.has(id) || reduced) {
        placed.current.add(id);
        pos.x.jump(p.x);
        pos.y.jump(p.y);
        return [];
      }
      const spring = { type: 'spring', stiffness: 90, damping: 18 } as const;
      return [animate(pos.x, p.x, spring), animate(pos.y, p.y, spring)];
    });
    return () => controls.forEach((c) => c.stop());
  }, [layout, reduced]);

  return (
    <div className="ring-wrap">
      <svg ref={svg} className="ring" viewBox={`0 0 ${VIEW_W} ${VIEW_H}`} role="group" aria-label="The cluster">
        <defs>
          <marker id="arrow-cut" viewBox="0 0 10 10" refX="30" refY="5" markerWidth="7" markerHeight="7" orient="auto">
            <path d="M0 0 L10 5 L0 10 Z" fill="#c2410c" />
          </marker>
          <marker id="arrow-cut-rev" viewBox="0 0 10 10" refX="-20" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
            <path d="M0 0 L10 5 L0 10 Z" fill="#c2410c" />
          </marker>
        </defs>
        {layout.gapX !== null && (
          <g className="partition-gap" aria-label="Partition: messages cannot cross">
            <rect x={layout.gapX - 18} y="20" width="36" height={VIEW_H - 40} rx="18" fill="url(#gap-hatch)" />
            <pattern id="gap-hatch" width="10" height="10" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
              <rect width="10" height="10" fill="#fbe9e2" />
              <line y2="10" stroke="#f3c6b5" strokeWidth="4" />
            </pattern>
            <text x={layout.gapX} y="44" textAnchor="middle" className="gap-label">
              partition
            </text>
          </g>
        )}
        <IslandCaptions layout={layout} reach={reach} />
        <ConfigCaption config={reach.config} />
        <LinkLayer ids={ids} islands={islands} />
        {nodes.map((n, i) => (
          <NodeGlyph
            key={n.id}
            node={n}
            index={i}
            clusterSize={reach.config.voters.length || nodes.length}
            timeoutRange={settings.electionTimeout}
            selected={selected === n.id}
            island={islands.findIndex((g) => g.includes(n.id))}
            newestLeaderTerm={newestLeaderTerm}
          />
        ))}
        <LogStrips />
      </svg>
      <CanvasLayer svg={svg} />
      <FlightsNotDrawn />
    </div>
  );
}

/** The cluster draws at most MAX_FLIGHTS_PER_FRAME messages on the wire: it says how many more there are. */
function FlightsNotDrawn() {
  const skipped = useSim((s) => s.flightsSkipped);
  return <NotDrawn count={skipped} what="messages in flight" testId="flights-not-drawn" />;
}
