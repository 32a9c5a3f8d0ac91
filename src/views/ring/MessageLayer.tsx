import { useEffect, useRef } from 'react';
import { useReducedMotion } from 'motion/react';
import { live } from '../../store/live.ts';
import { onAnimationFrame } from '../../store/playback.ts';
import { useSim } from '../../store/simStore.ts';
import type { FlightFrame } from '../../worker/protocol.ts';
import { partitionGap, peekPosition } from './geometry.ts';
import { NODE_R } from './layout.ts';
import { symbolId } from './Symbols.tsx';

const SVG_NS = 'http://www.w3.org/2000/svg';
/** Requests and replies on the same link travel in two lanes, so both stay visible. */
const LANE = 7;

interface Drawn {
  readonly el: SVGUseElement;
  readonly kind: string;
  seen: number;
  /** Stopped at the partition: drawn as a red cross where it died. */
  dead: boolean;
}

/** Where along its path (0..1) a message on a cut link dies: at the partition gap, else midway. */
function deathPoint(x1: number, x2: number): number {
  const gap = partitionGap.x;
  if (gap === null || (x1 - gap) * (x2 - gap) >= 0 || x1 === x2) return 0.5;
  return (gap - x1) / (x2 - x1);
}

/**
 * Every message in flight, placed by interpolating between its send and delivery times at the
 * simulated time being shown. Managed imperatively: one <use> per message, created and removed
 * as messages come and go, moved every display frame without React.
 */
export function MessageLayer() {
  const layer = useRef<SVGGElement>(null);
  const reduced = useReducedMotion() ?? false;
  useEffect(() => {
    const drawn = new Map<number, Drawn>();
    let run = live.run;
    let pass = 0;
    const place = (f: FlightFrame, t: number, cut: boolean): { x: number; y: number; opacity: number; dead: boolean } | null => {
      const a = peekPosition(f.from);
      const b = peekPosition(f.to);
      if (!a || !b) return null;
      const x1 = a.x.get(), y1 = a.y.get(), x2 = b.x.get(), y2 = b.y.get();
      const len = Math.hypot(x2 - x1, y2 - y1) || 1;
      const ux = (x2 - x1) / len, uy = (y2 - y1) / len;
      // Start and end at the node rims, not their centres; offset into this direction's lane.
      const trim = (NODE_R + 10) / len;
      const span = f.deliverAt - f.sentAt;
      let p = span > 0 ? (t - f.sentAt) / span : 1;
      p = Math.min(1, Math.max(0, p));
      let opacity = 1;
      let dead = false;
      if (cut) {
        const stop = deathPoint(x1, x2);
        if (p > stop) {
          opacity = Math.max(0, 1 - (p - stop) / Math.max(1 - stop, 0.01));
          p = stop;
          dead = true;
        } else if (reduced) p = stop;
      } else if (f.lost) {
        opacity = p < 0.55 ? 1 : Math.max(0, 1 - (p - 0.55) / 0.45);
        if (reduced) p = 0.5;
      } else if (reduced) {
        p = 0.5;
      } else if (p >= 1) {
        return null;
      }
      const q = trim + p * (1 - 2 * trim);
      return { x: x1 + (x2 - x1) * q - uy * LANE, y: y1 + (y2 - y1) * q + ux * LANE, opacity, dead };
    };
    return onAnimationFrame((t) => {
      const g = layer.current;
      if (!g) return;
      if (run !== live.run) {
        drawn.forEach((d) => d.el.remove());
        drawn.clear();
        run = live.run;
      }
      pass++;
      const cutList = useSim.getState().cut;
      const cut = cutList.length > 0 ? new Set(cutList.map(([a, b]) => `${a}>${b}`)) : null;
      for (const f of live.flights) {
        const isCut = cut !== null && cut.has(`${f.from}>${f.to}`);
        const at = place(f, t, isCut);
        let d = drawn.get(f.id);
        if (!at) {
          if (d) d.el.style.display = 'none';
          if (d) d.seen = pass;
          continue;
        }
        if (!d) {
          const el = document.createElementNS(SVG_NS, 'use');
          el.setAttribute('href', `#${symbolId(f.kind)}`);
          el.setAttribute('class', `msg msg-${f.kind}${f.lost ? ' is-lost' : ''}`);
          el.setAttribute('data-kind', f.kind);
          g.appendChild(el);
          d = { el, kind: f.kind, seen: pass, dead: false };
          drawn.set(f.id, d);
        }
        d.seen = pass;
        if (d.dead !== at.dead) {
          d.dead = at.dead;
          d.el.setAttribute('href', at.dead ? '#msg-burst' : `#${symbolId(f.kind)}`);
        }
        d.el.style.display = '';
        d.el.setAttribute('transform', `translate(${at.x.toFixed(1)} ${at.y.toFixed(1)})`);
        d.el.style.opacity = at.opacity < 1 ? at.opacity.toFixed(2) : '';
      }
      for (const [id, d] of drawn) {
        if (d.seen !== pass) {
          d.el.remove();
          drawn.delete(id);
        }
      }
    });
  }, [reduced]);
  return <g ref={layer} className="message-layer" aria-hidden="true" />;
}
