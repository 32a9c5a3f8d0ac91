import type { FlightFrame, NodeFrame } from '../../worker/protocol.ts';
import { ROLE_COLOR } from '../theme.ts';
import { NODE_R, type Point } from './layout.ts';
import { placeMessage } from './messagePlacement.ts';
import { BURST, MESSAGE_SHAPES, type ShapePart } from './messageShapes.ts';

/** Messages a little larger than the legend's, to read from the back of a classroom. */
const MESSAGE_SCALE = 1.25;

/** Parsed once per shape: a cache of constants, not state of the run. */
const paths = new Map<string, Path2D>();
const path = (d: string): Path2D => {
  let p = paths.get(d);
  if (!p) paths.set(d, (p = new Path2D(d)));
  return p;
};

function traceShape(ctx: CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D, parts: readonly ShapePart[]): void {
  for (const part of parts) {
    const p = path(part.d);
    if (part.fill) {
      ctx.fillStyle = part.fill;
      ctx.fill(p);
    }
    if (part.stroke) {
      ctx.strokeStyle = part.stroke;
      ctx.lineWidth = part.width ?? 1;
      ctx.setLineDash(part.dash ?? []);
      ctx.stroke(p);
    }
  }
}

/** Every shape fits in this half-size (ring units, before MESSAGE_SCALE), strokes included. */
const SPRITE_HALF = 15;

/**
 * Each shape drawn once per pixel scale into a small bitmap, then stamped: filling and stroking
 * a dozen paths with dashes per message per frame was the ring's largest script cost (measured
 * with a CPU profile of bench:vs), a bitmap copy costs a fraction of it. Keyed by the shape's
 * parts (constants) and the scale from ring units to device pixels, so a resize or a zoom draws
 * them afresh at the new size, crisp.
 */
const sprites = new Map<readonly ShapePart[], { scale: number; image: OffscreenCanvas }>();

function spriteOf(parts: readonly ShapePart[], scale: number): OffscreenCanvas | null {
  const cached = sprites.get(parts);
  if (cached && cached.scale === scale) return cached.image;
  if (typeof OffscreenCanvas === 'undefined') return null;
  const size = Math.ceil(2 * SPRITE_HALF * MESSAGE_SCALE * scale);
  const image = new OffscreenCanvas(size, size);
  const g = image.getContext('2d');
  if (!g) return null;
  g.setTransform(scale * MESSAGE_SCALE, 0, 0, scale * MESSAGE_SCALE, size / 2, size / 2);
  traceShape(g, parts);
  sprites.set(parts, { scale, image });
  return image;
}

function drawShape(ctx: CanvasRenderingContext2D, parts: readonly ShapePart[], x: number, y: number, alpha: number, scale: number): void {
  ctx.globalAlpha = alpha;
  const sprite = spriteOf(parts, scale);
  if (sprite) {
    const half = SPRITE_HALF * MESSAGE_SCALE;
    ctx.drawImage(sprite, x - half, y - half, 2 * half, 2 * half);
  } else {
    ctx.save();
    ctx.translate(x, y);
    ctx.scale(MESSAGE_SCALE, MESSAGE_SCALE);
    traceShape(ctx, parts);
    ctx.restore();
  }
  ctx.globalAlpha = 1;
}

export const TIMER_R = NODE_R + 8;
const FLASH_MS = 450;

/** Per node: the last timer reset seen (sim ms) and when its flash started (real ms). */
export type ResetMemory = Map<string, { reset: number; flashAt: number }>;

/**
 * Election timers: an arc that drains from full (just reset) to empty (times out now), with a
 * brief glow when it refills on a heartbeat or a granted vote. Leaders and crashed servers run none.
 */
/** Returns whether a refill glow is still fading (the canvas must keep redrawing until it is done). */
export function drawTimers(
  ctx: CanvasRenderingContext2D,
  nodes: readonly NodeFrame[],
  pos: (id: string) => Point | null,
  t: number,
  memory: ResetMemory,
  realNow: number,
  flash: boolean,
): boolean {
  let glowing = false;
  ctx.lineCap = 'round';
  ctx.setLineDash([]);
  for (const n of nodes) {
    if (!n.alive || n.role === 'leader' || !n.timer) continue;
    const at = pos(n.id);
    if (!at) continue;
    const left = Math.min(1, Math.max(0, (n.electionDeadline - t) / n.electionTimeout));
    const color = ROLE_COLOR[n.role];
    let seen = memory.get(n.id);
    if (!seen) memory.set(n.id, (seen = { reset: n.electionResetAt, flashAt: -Infinity }));
    if (seen.reset !== n.electionResetAt) {
      seen.reset = n.electionResetAt;
      // Flash only when resets are far enough apart to be seen; at high speed they blur together.
      if (realNow - seen.flashAt > 600) seen.flashAt = realNow;
    }
    const since = realNow - seen.flashAt;
    if (flash && since < FLASH_MS) {
      glowing = true;
      ctx.globalAlpha = 0.5 * (1 - since / FLASH_MS);
      ctx.strokeStyle = color;
      ctx.lineWidth = 11;
      ctx.beginPath();
      ctx.arc(at.x, at.y, TIMER_R, 0, Math.PI * 2);
      ctx.stroke();
    }
    if (left <= 0) continue;
    ctx.globalAlpha = 1;
    ctx.strokeStyle = color;
    ctx.lineWidth = 6;
    ctx.beginPath();
    ctx.arc(at.x, at.y, TIMER_R, -Math.PI / 2, -Math.PI / 2 + left * Math.PI * 2);
    ctx.stroke();
  }
  ctx.globalAlpha = 1;
  return glowing;
}

/** Half a drawn message's size, in ring units. */
const ICON_HALF = 12;

/** A server as the message layer keeps clear of it: where it is, and whether it shows a vote tally. */
export interface ServerSpot extends Point {
  readonly candidate: boolean;
}

/**
 * Whether a message's icon at (x, y) would cover a server's circle (with its timer ring), its
 * icon, its role label or its vote tally: it is not drawn there (it slips under them and comes
 * out on the far side). Sizes in ring units, as NodeGlyph draws them in the presenter view.
 */
export function coversServer(x: number, y: number, servers: readonly ServerSpot[]): boolean {
  for (const n of servers) {
    const dx = Math.max(Math.abs(x - n.x) - ICON_HALF, 0);
    const dy = y - n.y;
    const ady = Math.max(Math.abs(dy) - ICON_HALF, 0);
    if (dx * dx + ady * ady < (NODE_R + 14) ** 2) return true;
    // The role icon above, the role label below, and a candidate's tally under that.
    if (dx < 16 && dy > -NODE_R - 34 - ICON_HALF && dy < 0) return true;
    if (dx < 56 && dy > 46 - ICON_HALF && dy < 72 + ICON_HALF) return true;
    if (n.candidate && dx < 88 && dy > 70 - ICON_HALF && dy < 112 + ICON_HALF) return true;
  }
  return false;
}

/**
 * A held message's mark: a dark ring around it and a pause sign (two bars) on its shoulder, so a
 * message standing still reads as held on purpose, not as a stalled picture.
 */
function drawPause(ctx: CanvasRenderingContext2D, x: number, y: number): void {
  ctx.save();
  ctx.globalAlpha = 1;
  ctx.setLineDash([3, 2]);
  ctx.strokeStyle = '#1f2430';
  ctx.lineWidth = 2;
  ctx.beginPath();
  ctx.arc(x, y, ICON_HALF + 4, 0, Math.PI * 2);
  ctx.stroke();
  ctx.setLineDash([]);
  const cx = x + ICON_HALF + 2;
  const cy = y - ICON_HALF - 2;
  ctx.fillStyle = '#1f2430';
  ctx.beginPath();
  ctx.arc(cx, cy, 8, 0, Math.PI * 2);
  ctx.fill();
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(cx - 4, cy - 4.5, 3, 9);
  ctx.fillRect(cx + 1, cy - 4.5, 3, 9);
  ctx.restore();
}

const LABEL_FONT = '700 12px system-ui, sans-serif';

/**
 * A stack's "×n" badge, drawn once per count and pixel scale and then stamped. Text on a canvas
 * goes through the font lookup (system-ui, and a fallback font for "×") at every measure or
 * fill: about 1.6 ms a frame on a 2-core machine, the ring's largest script cost in a CPU profile
 * of bench:vs. Sizes in ring units; the bitmap is at device pixels, so it stays crisp.
 */
const badges = new Map<string, { image: OffscreenCanvas; w: number }>();

function badgeOf(n: number, scale: number): { image: OffscreenCanvas; w: number } | null {
  const key = `${n}@${scale}`;
  const cached = badges.get(key);
  if (cached) return cached;
  if (typeof OffscreenCanvas === 'undefined') return null;
  const label = `×${n}`;
  const probe = new OffscreenCanvas(1, 1).getContext('2d');
  if (!probe) return null;
  probe.font = LABEL_FONT;
  const w = probe.measureText(label).width + 6;
  const image = new OffscreenCanvas(Math.ceil(w * scale), Math.ceil(14 * scale));
  const g = image.getContext('2d');
  if (!g) return null;
  g.scale(scale, scale);
  g.fillStyle = '#1f2430';
  g.beginPath();
  g.roundRect(0, 0, w, 14, 7);
  g.fill();
  g.fillStyle = '#ffffff';
  g.font = LABEL_FONT;
  g.textBaseline = 'middle';
  g.fillText(label, 3, 7);
  const badge = { image, w };
  // Counts seen in a run are few; a bound keeps a long run at many zoom levels from growing it.
  if (badges.size > 400) badges.clear();
  badges.set(key, badge);
  return badge;
}

/** Messages on one link closer than this (ring units) are drawn as one, with their count. */
const STACK = 18;

/**
 * Every message in flight at simulated time t, but none over a server and its labels; messages
 * bunched on one link are drawn once with "×n", not piled into a blob. `boxes`, when given,
 * receives each drawn icon's box in ring units (for tests that check what is covered).
 */
export function drawMessages(
  ctx: CanvasRenderingContext2D,
  flights: readonly FlightFrame[],
  pos: (id: string) => Point | null,
  t: number,
  cut: ReadonlySet<string> | null,
  gapX: number | null,
  reduced: boolean,
  servers: readonly ServerSpot[] = [],
  boxes?: { x: number; y: number; n: number }[],
): number {
  let drawn = 0;
  // Ring units to device pixels, rounded so sprites are not redrawn for a sub-pixel resize.
  const tm = ctx.getTransform();
  const scale = Math.max(0.25, Math.round(Math.hypot(tm.a, tm.b) * 4) / 4);
  const stacks = new Map<string, { x: number; y: number; n: number }[]>();
  for (const f of flights) {
    const a = pos(f.from);
    const b = pos(f.to);
    if (!a || !b) continue;
    const at = placeMessage(f, t, a, b, cut !== null && cut.has(`${f.from}>${f.to}`), gapX, reduced);
    if (!at || at.opacity <= 0 || coversServer(at.x, at.y, servers)) continue;
    const link = `${f.from}>${f.to}`;
    let onLink = stacks.get(link);
    if (!onLink) stacks.set(link, (onLink = []));
    // A held message is always drawn on its own, with its mark.
    const near = f.held ? undefined : onLink.find((m) => Math.hypot(m.x - at.x, m.y - at.y) < STACK);
    if (near) {
      near.n++;
      drawn++;
      continue;
    }
    onLink.push({ x: at.x, y: at.y, n: 1 });
    drawShape(ctx, at.dead ? BURST : MESSAGE_SHAPES[f.kind], at.x, at.y, at.opacity, scale);
    if (at.held) drawPause(ctx, at.x, at.y);
    drawn++;
  }
  for (const onLink of stacks.values()) {
    for (const m of onLink) {
      boxes?.push(m);
      if (m.n < 2) continue;
      const badge = badgeOf(m.n, scale);
      if (badge) ctx.drawImage(badge.image, m.x + ICON_HALF - 2, m.y - ICON_HALF - 6, badge.w, 14);
    }
  }
  return drawn;
}
