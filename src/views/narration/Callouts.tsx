import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useCallouts, type Callout } from '../../store/calloutStore.ts';
import { useRingGeometry } from '../ring/geometry.ts';
import { VIEW_H, VIEW_W } from '../ring/layout.ts';
import './narration.css';
import { useActions } from '../../store/context.ts';

const ICON: Record<Callout['kind'], string> = { leader: '★', deny: '✗', commit: '✓', refused: '⊘', violation: '⚠' };

/** Where a ring coordinate lands inside the stage, in CSS pixels (the SVG scales to fit, centred). */
function place(svg: SVGSVGElement | null, stage: HTMLElement | null, x: number, y: number): { left: number; top: number } | null {
  if (!svg || !stage) return null;
  const box = svg.getBoundingClientRect();
  const origin = stage.getBoundingClientRect();
  const scale = Math.min(box.width / VIEW_W, box.height / VIEW_H);
  const dx = (box.width - VIEW_W * scale) / 2;
  const dy = (box.height - VIEW_H * scale) / 2;
  return { left: box.left - origin.left + dx + x * scale, top: box.top - origin.top + dy + y * scale };
}

/**
 * Important moments said on the cluster itself, beside the server they are about, for a few
 * seconds. Decoration for sighted viewers: the same sentences go to the live region.
 */
export function Callouts() {
  const { peekPosition } = useRingGeometry();
  const { expireCallouts } = useActions();
  const callouts = useCallouts((s) => s.callouts);
  const [, tick] = useState(0);
  useEffect(() => {
    if (callouts.length === 0) return;
    // Re-place while nodes glide and drop callouts whose time is up.
    const id = setInterval(() => {
      expireCallouts(performance.now());
      tick((n) => n + 1);
    }, 250);
    return () => clearInterval(id);
  }, [callouts.length]);
  const box = useRef<HTMLDivElement>(null);
  // Two servers side by side can both have news: push a callout down until it clears the ones
  // above it, measured after layout.
  useLayoutEffect(() => {
    const els = [...(box.current?.querySelectorAll<HTMLElement>('.callout') ?? [])];
    const placed: DOMRect[] = [];
    for (const el of els.sort((a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top)) {
      let r = el.getBoundingClientRect();
      for (const p of placed) {
        const overlaps = r.left < p.right && p.left < r.right && r.top < p.bottom && p.top < r.bottom;
        if (!overlaps) continue;
        el.style.top = `${parseFloat(el.style.top) + (p.bottom - r.top) + 6}px`;
        r = el.getBoundingClientRect();
      }
      placed.push(r);
    }
  });
  const stage = document.querySelector<HTMLElement>('.stage-canvas');
  const svg = document.querySelector<SVGSVGElement>('.stage-canvas svg.ring');
  return (
    <div className="callouts" aria-hidden="true" ref={box}>
      {callouts.map((c) => {
        const p = peekPosition(c.node);
        const at = p ? place(svg, stage, p.x.get(), p.y.get()) : null;
        if (!at) return null;
        // Beside the node, away from the ring's centre, where there is room and no other server.
        let left = p!.x.get() < VIEW_W / 2 - 40;
        const width = stage?.clientWidth ?? 0;
        // Flip to the other side when this one has too little room, and never run off the stage.
        if (left ? at.left < 220 : width - at.left < 220) left = !left;
        const room = Math.max(160, (left ? at.left : width - at.left) - 84);
        return (
          <div
            key={c.key}
            className={`callout callout-${c.kind}${left ? ' is-left' : ''}`}
            data-callout={c.kind}
            data-node={c.node}
            style={{ left: at.left, top: at.top, maxWidth: `min(${room}px, var(--callout-width))` }}
          >
            <span className="callout-icon">{ICON[c.kind]}</span> {c.text}
          </div>
        );
      })}
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
