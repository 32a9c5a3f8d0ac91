import { useEffect, useRef } from 'react';
import { useReducedMotion } from 'motion/react';
import type { FlightFrame } from '../../worker/protocol.ts';
import { useRingGeometry, type RingGeometry } from '../ring/geometry.ts';
import { VIEW_H, VIEW_W, type Point } from '../ring/layout.ts';
import { placeMessage, type Placement } from '../ring/messagePlacement.ts';
import { useLab } from '../../store/context.ts';
import { drawHalo } from './drawHalo.ts';

/** How close (in ring units) the pointer must come to a message to pick it. */
const PICK_RADIUS = 16;

function place(geometry: RingGeometry, f: FlightFrame, t: number, cut: ReadonlySet<string>, reduced: boolean): Placement | null {
  const { partitionGap, peekPosition } = geometry;
  const a = peekPosition(f.from);
  const b = peekPosition(f.to);
  if (!a || !b) return null;
  const from: Point = { x: a.x.get(), y: a.y.get() };
  const to: Point = { x: b.x.get(), y: b.y.get() };
  return placeMessage(f, t, from, to, cut.has(`${f.from}>${f.to}`), partitionGap.x, reduced);
}

/**
 * The ring's half of the link with the space-time diagram: a halo around the hovered message, and
 * hovering a message on the ring hovers it in the diagram. Its own canvas over the ring, placed
 * with the ring's own placement, so the ring's drawing stays untouched.
 */
export function RingHighlight() {
  const lab = useLab();
  const { onAnimationFrame, hoverMessage, chooseMessage } = lab.actions;
  const { live } = lab;
  const geometry = useRingGeometry();
  const canvas = useRef<HTMLCanvasElement>(null);
  const reduced = useReducedMotion() ?? false;

  useEffect(() => {
    const c = canvas.current;
    const svg = c?.parentElement?.querySelector<SVGSVGElement>('svg.ring');
    if (!c || !svg) return;
    let cutList: readonly (readonly [string, string])[] = [];
    let cut: ReadonlySet<string> = new Set();
    const cutSet = () => {
      const latest = lab.sim.getState().cut;
      if (latest !== cutList) {
        cutList = latest;
        cut = new Set(latest.map(([a, b]) => `${a}>${b}`));
      }
      return cut;
    };
    // The same mapping as the SVG's viewBox with preserveAspectRatio "xMidYMid meet".
    const mapping = () => {
      const w = svg.clientWidth;
      const h = svg.clientHeight;
      const scale = Math.min(w / VIEW_W, h / VIEW_H);
      return { w, h, scale, dx: (w - VIEW_W * scale) / 2, dy: (h - VIEW_H * scale) / 2 };
    };
    let shown = '';
    const stop = onAnimationFrame((t) => {
      const hovered = lab.travel.getState().hovered;
      const flight = hovered === null ? undefined : live.flights.find((f) => f.id === hovered);
      const at = flight ? place(geometry, flight, t, cutSet(), reduced) : null;
      const key = at ? `${hovered}:${at.x.toFixed(1)}:${at.y.toFixed(1)}` : '';
      if (key === shown) return;
      shown = key;
      const m = mapping();
      const dpr = window.devicePixelRatio || 1;
      c.width = Math.round(m.w * dpr);
      c.height = Math.round(m.h * dpr);
      c.style.width = `${m.w}px`;
      c.style.height = `${m.h}px`;
      c.dataset.highlight = at && hovered !== null ? String(hovered) : '';
      // Where the halo is, in CSS pixels over the ring: for tools and tests to point at.
      c.dataset.x = at ? (m.dx + at.x * m.scale).toFixed(1) : '';
      c.dataset.y = at ? (m.dy + at.y * m.scale).toFixed(1) : '';
      const ctx = c.getContext('2d');
      if (!ctx || !at) return;
      ctx.setTransform(dpr * m.scale, 0, 0, dpr * m.scale, dpr * m.dx, dpr * m.dy);
      drawHalo(ctx, at);
    });
    /** The message drawn under the pointer, if any. */
    const pick = (e: MouseEvent): FlightFrame | null => {
      const m = mapping();
      const r = svg.getBoundingClientRect();
      const x = (e.clientX - r.left - m.dx) / m.scale;
      const y = (e.clientY - r.top - m.dy) / m.scale;
      let best: FlightFrame | null = null;
      let bestD = PICK_RADIUS;
      for (const f of live.flights) {
        const p = place(geometry, f, live.clock, cutSet(), reduced);
        if (!p || p.opacity <= 0 || p.dead) continue;
        const d = Math.hypot(p.x - x, p.y - y);
        if (d < bestD) {
          bestD = d;
          best = f;
        }
      }
      return best;
    };
    // Hovering a message on the ring: the pointer never blocks the ring's own controls.
    let fromRing = false;
    const onMove = (e: PointerEvent) => {
      const best = pick(e);
      svg.classList.toggle('over-message', best !== null);
      if (best !== null) {
        fromRing = true;
        hoverMessage(best.id);
      } else if (fromRing) {
        fromRing = false;
        hoverMessage(null);
      }
    };
    // Clicking a message opens its menu (and nothing else under it: a link's menu, a server's).
    const onClick = (e: MouseEvent) => {
      const f = pick(e);
      if (!f) return;
      e.stopPropagation();
      e.preventDefault();
      chooseMessage({
        id: f.id,
        from: f.from,
        to: f.to,
        kind: f.kind,
        held: f.held,
        x: e.pageX,
        y: e.pageY,
        byKey: false,
        returnTo: null,
      });
    };
    const onLeave = () => {
      if (fromRing) hoverMessage(null);
      fromRing = false;
    };
    svg.addEventListener('pointermove', onMove);
    svg.addEventListener('pointerleave', onLeave);
    svg.addEventListener('click', onClick, true);
    return () => {
      stop();
      svg.removeEventListener('pointermove', onMove);
      svg.removeEventListener('pointerleave', onLeave);
      svg.removeEventListener('click', onClick, true);
    };
  }, [reduced]);

  return <canvas ref={canvas} className="ring-highlight" aria-hidden="true" data-highlight="" />;
}
