import { useEffect, useRef, type RefObject } from 'react';
import { useReducedMotion } from 'motion/react';
import { drawMessages, drawTimers, type ResetMemory } from './drawRing.ts';
import { useRingGeometry } from './geometry.ts';
import { VIEW_H, VIEW_W, type Point } from './layout.ts';
import { useLab } from '../../store/context.ts';

interface Props {
  /** The ring's SVG: the canvas lies exactly over it and uses the same coordinates. */
  readonly svg: RefObject<SVGSVGElement | null>;
}

/**
 * The fast-moving part of the ring: election timers and messages, redrawn on a canvas every
 * display frame from the latest worker frame and the render clock. Hundreds of moving SVG
 * elements cost far more to restyle and repaint than one canvas (measured with bench:ui).
 */
export function CanvasLayer({ svg }: Props) {
  const { layoutVersion, partitionGap, peekPosition } = useRingGeometry();
  const lab = useLab();
  const { onAnimationFrame } = lab.actions;
  const { live } = lab;
  const canvas = useRef<HTMLCanvasElement>(null);
  const reduced = useReducedMotion() ?? false;
  useEffect(() => {
    const memory: ResetMemory = new Map();
    let cutList: readonly (readonly [string, string])[] = [];
    let cut: ReadonlySet<string> | null = null;
    // What the last picture was drawn from: while none of it changes (paused, nothing moving),
    // the canvas is left as it is.
    let drawn = { t: NaN, flights: live.flights, nodes: live.nodes, cut: cutList, layout: -1, width: 0, height: 0, glowing: false };
    let width = 0;
    let height = 0;
    const resize = () => {
      const s = svg.current;
      const c = canvas.current;
      if (!s || !c) return;
      width = s.clientWidth;
      height = s.clientHeight;
      const dpr = window.devicePixelRatio || 1;
      c.width = Math.round(width * dpr);
      c.height = Math.round(height * dpr);
      c.style.width = `${width}px`;
      c.style.height = `${height}px`;
    };
    const observer = new ResizeObserver(resize);
    if (svg.current) observer.observe(svg.current);
    resize();
    const pos = (id: string): Point | null => {
      const p = peekPosition(id);
      return p ? { x: p.x.get(), y: p.y.get() } : null;
    };
    const stop = onAnimationFrame((t) => {
      const c = canvas.current;
      const ctx = c?.getContext('2d');
      if (!c || !ctx || width === 0) return;
      const latestCut = lab.sim.getState().cut;
      const same =
        drawn.t === t &&
        drawn.flights === live.flights &&
        drawn.nodes === live.nodes &&
        drawn.cut === latestCut &&
        drawn.layout === layoutVersion.value &&
        drawn.width === c.width &&
        drawn.height === c.height &&
        !drawn.glowing;
      if (same) return;
      const dpr = c.width / width;
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      ctx.clearRect(0, 0, c.width, c.height);
      // The same mapping as the SVG's viewBox with preserveAspectRatio "xMidYMid meet".
      const scale = Math.min(width / VIEW_W, height / VIEW_H);
      ctx.setTransform(dpr * scale, 0, 0, dpr * scale, (dpr * (width - VIEW_W * scale)) / 2, (dpr * (height - VIEW_H * scale)) / 2);
      if (latestCut !== cutList) {
        cutList = latestCut;
        cut = cutList.length > 0 ? new Set(cutList.map(([a, b]) => `${a}>${b}`)) : null;
      }
      const glowing = drawTimers(ctx, live.nodes, pos, t, memory, performance.now(), !reduced);
      const servers = live.nodes.flatMap((x) => {
        const at = pos(x.id);
        return at ? [{ x: at.x, y: at.y, candidate: x.alive && x.role === 'candidate' }] : [];
      });
      // A test asks (data-probe) for the drawn messages' boxes, to check that nothing is covered.
      const boxes: { x: number; y: number; n: number }[] | undefined = c.dataset.probe === undefined ? undefined : [];
      const n = drawMessages(ctx, live.flights, pos, t, cut, partitionGap.x, reduced, servers, boxes);
      c.dataset.messages = String(n);
      // Held messages (drawn standing still with a pause mark), for tests and tools.
      c.dataset.held = live.flights
        .filter((f) => f.held)
        .map((f) => f.id)
        .join(',');
      if (boxes)
        c.dataset.boxes = JSON.stringify(
          boxes.map((b) => [(width - VIEW_W * scale) / 2 + b.x * scale, (height - VIEW_H * scale) / 2 + b.y * scale, b.n]),
        );
      drawn = {
        t,
        flights: live.flights,
        nodes: live.nodes,
        cut: latestCut,
        layout: layoutVersion.value,
        width: c.width,
        height: c.height,
        glowing,
      };
    });
    return () => {
      stop();
      observer.disconnect();
    };
  }, [svg, reduced]);
  return <canvas ref={canvas} className="ring-canvas" aria-hidden="true" data-messages="0" />;
}
