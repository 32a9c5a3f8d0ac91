import { useEffect, useLayoutEffect, useMemo, useRef } from 'react';
import type { NodeId } from '../../engine/types.ts';
import { selectCut, useSim } from '../../store/simStore.ts';
import { useRingGeometry } from './geometry.ts';
import { useActions } from '../../store/context.ts';

type LinkState = 'open' | 'cut' | 'oneWayAB' | 'oneWayBA';

interface Props {
  readonly ids: readonly NodeId[];
  /** Links between islands are drawn faintly: the partition gap already says they are down. */
  readonly islands: readonly (readonly NodeId[])[];
}

const selectSelectedLink = (s: { selectedLink: readonly [NodeId, NodeId] | null }) => s.selectedLink;

/**
 * Every pair of servers is joined by a faint line that can be clicked to cut it; cut links turn
 * red and dashed, one-way cuts carry an arrow pointing the way messages are dropped.
 */
export function LinkLayer({ ids, islands }: Props) {
  const { layoutVersion, peekPosition } = useRingGeometry();
  const { selectLink, onAnimationFrame } = useActions();
  const islandOf = useMemo(() => new Map(islands.flatMap((g, i) => g.map((id) => [id, i] as const))), [islands]);
  const cut = useSim(selectCut);
  const selected = useSim(selectSelectedLink);
  const pairs = useMemo(() => ids.flatMap((a, i) => ids.slice(i + 1).map((b) => [a, b] as const)), [ids]);
  const state = useMemo(() => {
    const set = new Set(cut.map(([a, b]) => `${a}>${b}`));
    const m = new Map<string, LinkState>();
    for (const [a, b] of pairs) {
      const ab = set.has(`${a}>${b}`),
        ba = set.has(`${b}>${a}`);
      m.set(`${a}-${b}`, ab && ba ? 'cut' : ab ? 'oneWayAB' : ba ? 'oneWayBA' : 'open');
    }
    return m;
  }, [cut, pairs]);
  const group = useRef<SVGGElement>(null);
  // Lines are placed imperatively; a render may create new ones, so place them all again after it.
  const drawnAt = useRef(-1);
  useLayoutEffect(() => {
    drawnAt.current = -1;
  });
  useEffect(
    () =>
      onAnimationFrame(() => {
        const g = group.current;
        if (!g || drawnAt.current === layoutVersion.value) return;
        drawnAt.current = layoutVersion.value;
        for (const line of g.querySelectorAll<SVGLineElement>('line')) {
          const a = peekPosition(line.dataset.a ?? '');
          const b = peekPosition(line.dataset.b ?? '');
          if (!a || !b) continue;
          // Only touch the DOM when a node actually moved (during layout transitions).
          const x1 = a.x.get().toFixed(1),
            y1 = a.y.get().toFixed(1),
            x2 = b.x.get().toFixed(1),
            y2 = b.y.get().toFixed(1);
          if (line.getAttribute('x1') !== x1) line.setAttribute('x1', x1);
          if (line.getAttribute('y1') !== y1) line.setAttribute('y1', y1);
          if (line.getAttribute('x2') !== x2) line.setAttribute('x2', x2);
          if (line.getAttribute('y2') !== y2) line.setAttribute('y2', y2);
        }
      }),
    [],
  );
  return (
    <g ref={group} className="link-layer">
      {pairs.map(([a, b]) => {
        const s = state.get(`${a}-${b}`) ?? 'open';
        const isSelected = selected !== null && selected[0] === a && selected[1] === b;
        const marker = s === 'oneWayAB' ? 'url(#arrow-cut)' : undefined;
        const markerStart = s === 'oneWayBA' ? 'url(#arrow-cut-rev)' : undefined;
        const label = s === 'open' ? `Link ${a}–${b}` : s === 'cut' ? `Link ${a}–${b} (cut)` : `Link ${a}–${b} (cut one way)`;
        return (
          <g
            key={`${a}-${b}`}
            className={`link link-${s}${isSelected ? ' is-selected' : ''}${islandOf.get(a) !== islandOf.get(b) ? ' is-across' : ''}`}
            role="button"
            tabIndex={-1}
            aria-label={label}
            onClick={() => selectLink(isSelected ? null : [a, b])}
          >
            <line data-a={a} data-b={b} className="link-line" markerEnd={marker} markerStart={markerStart} />
            <line data-a={a} data-b={b} className="link-hit" />
          </g>
        );
      })}
    </g>
  );
}
