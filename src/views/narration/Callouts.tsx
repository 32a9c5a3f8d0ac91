import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { stillTrue, useCallouts, type Callout } from '../../store/calloutStore.ts';
import { selectCut, selectNodes, useSim } from '../../store/simStore.ts';
import { useRingGeometry } from '../ring/geometry.ts';
import { stagePoint } from '../ring/stagePoint.ts';
import { stripCells } from '../ring/LogStrip.tsx';
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
  const [ticks, tick] = useState(0);
  useEffect(() => {
    if (all.length === 0) return;
    // Drop callouts whose time is up (the store changes, and the rest are placed again).
    const id = setInterval(() => expireCallouts(performance.now()), 250);
    return () => clearInterval(id);
  }, [all.length]);
  const box = useRef<HTMLDivElement>(null);
  // A stage that changes size (a resize, the presenter view, a lesson column) moves the servers.
  useEffect(() => {
    const stage = box.current?.parentElement;
    if (!stage) return;
    const observer = new ResizeObserver(() => tick((n) => n + 1));
    observer.observe(stage);
    // The ring too: it changes size within a stage that does not (the lock panel beside it).
    const ring = stage.querySelector('svg.ring');
    if (ring) observer.observe(ring);
    return () => observer.disconnect();
  }, []);
  // Where each callout was last put: it stays there while that spot is still free, so it does not wander.
  const was = useRef(new Map<number, Box>());
  // What placing depends on: the callouts shown and the size of what they keep clear of on the
  // ring (a server's role and tally, its log strip's width, the split's headings). Worker frames
  // change the nodes many times a second without changing any of that, and placing reads the
  // layout back, a forced layout of the whole page (about 6 ms each on a 2-core machine, ten
  // times a second, in a CPU profile of bench:vs), so it runs only when these change, and every
  // frame while servers glide.
  const cells = stripCells(nodes.length) + 1;
  const shape =
    callouts.map((c) => c.key).join(',') +
    (split ? '|split' : '|') +
    nodes
      .map((n) => `|${n.id}:${n.alive ? n.role : 'down'}:${Math.min(n.logLength, cells)}:${n.votesGranted.length}:${n.votesDenied.length}`)
      .join('');
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
  }, [shape, ticks]);
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
