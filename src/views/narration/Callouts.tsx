import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { stillTrue, useCallouts, type Callout } from '../../store/calloutStore.ts';
import { selectCut, selectNodes, useSim } from '../../store/simStore.ts';
import { useRingGeometry } from '../ring/geometry.ts';
import { stagePoint } from '../ring/stagePoint.ts';
import { boxOf, freeSpot, type Box } from './freeSpot.ts';
import './narration.css';
import { useActions } from '../../store/context.ts';

const ICON: Record<Callout['kind'], string> = { leader: '★', deny: '✗', commit: '✓', refused: '⊘', violation: '⚠' };

/**
 * What a callout must never cover: every server (its icon, role, vote tally), its log strip, the
 * split's headings, a server's actions and the lock panel beside the ring.
 */
const KEEP_CLEAR = '.ring .node, .ring [data-log-of], .ring .island-captions text, .server-popover, .lock-panel';

function hide(el: HTMLElement): void {
  el.style.visibility = 'hidden';
  el.dataset.hidden = 'true';
}

/**
 * Important moments said on the cluster itself, as near the server they are about as there is
 * free room, for a few seconds and only while they hold. A callout never covers a server, its
 * labels or its log; with no free room it is not drawn (the feed has every sentence). Decoration
 * for sighted viewers: the same sentences go to the live region.
 */
export function Callouts() {
  const { peekPosition, gliding } = useRingGeometry();
  const { expireCallouts } = useActions();
  const all = useCallouts((s) => s.callouts);
  const nodes = useSim(selectNodes);
  const split = useSim(selectCut).length > 0;
  const callouts = all.filter((c) =>
    stillTrue(
      c,
      nodes.find((n) => n.id === c.node),
      split,
    ),
  );
  const [, tick] = useState(0);
  useEffect(() => {
    if (all.length === 0) return;
    // Re-place while nodes glide and drop callouts whose time is up.
    const id = setInterval(() => {
      expireCallouts(performance.now());
      tick((n) => n + 1);
    }, 250);
    return () => clearInterval(id);
  }, [all.length]);
  const box = useRef<HTMLDivElement>(null);
  // Where each callout was last put: it stays there while that spot is still free, so it does not wander.
  const was = useRef(new Map<number, Box>());
  useLayoutEffect(() => {
    const host = box.current;
    const stage = host?.parentElement ?? null;
    if (!host || !stage) return;
    const svg = stage.querySelector<SVGSVGElement>('svg.ring');
    // While servers glide to a new layout, a spot free now may be where a server lands a moment
    // later: callouts wait, and are placed again every frame until the servers stand still.
    if (gliding()) {
      for (const el of host.querySelectorAll<HTMLElement>('.callout')) hide(el);
      const frame = requestAnimationFrame(() => tick((n) => n + 1));
      return () => cancelAnimationFrame(frame);
    }
    const origin = stage.getBoundingClientRect();
    const taken: Box[] = [...stage.querySelectorAll(KEEP_CLEAR)].map((el) => boxOf(el, origin, 4));
    const bounds = { w: stage.clientWidth, h: stage.clientHeight };
    const next = new Map<number, Box>();
    for (const el of host.querySelectorAll<HTMLElement>('.callout')) {
      const key = Number(el.dataset.key);
      const p = peekPosition(el.dataset.node ?? '');
      const at = p ? stagePoint(svg, stage, p.x.get(), p.y.get()) : null;
      const size = { w: el.offsetWidth, h: el.offsetHeight };
      const spot = at ? freeSpot({ x: at.left, y: at.top }, size, taken, bounds, was.current.get(key)) : null;
      if (!spot) {
        hide(el);
        continue;
      }
      el.style.visibility = '';
      delete el.dataset.hidden;
      el.style.left = `${spot.x}px`;
      el.style.top = `${spot.y}px`;
      taken.push({ x: spot.x - 6, y: spot.y - 6, w: spot.w + 12, h: spot.h + 12 });
      next.set(key, spot);
    }
    was.current = next;
    return undefined;
  });
  return (
    <div className="callouts" aria-hidden="true" ref={box}>
      {callouts.map((c) => (
        <div key={c.key} className={`callout callout-${c.kind}`} data-callout={c.kind} data-node={c.node} data-key={c.key}>
          <span className="callout-icon">{ICON[c.kind]}</span> {c.text}
        </div>
      ))}
    </div>
  );
}

/** The same sentences for screen readers. */
export function Announcer() {
  const spoken = useCallouts((s) => s.spoken);
  return (
    <div className="sr-only" role="status" aria-live="polite" aria-atomic="true" data-announcer="">
      {spoken}
    </div>
  );
}
