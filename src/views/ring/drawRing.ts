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

function drawShape(ctx: CanvasRenderingContext2D, parts: readonly ShapePart[], x: number, y: number, alpha: number): void {
  ctx.save();
  ctx.translate(x, y);
  ctx.scale(MESSAGE_SCALE, MESSAGE_SCALE);
  ctx.globalAlpha = alpha;
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
  ctx.restore();
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
    if (!n.alive || n.role === 'leader') continue;
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
    drawShape(ctx, at.dead ? BURST : MESSAGE_SHAPES[f.kind], at.x, at.y, at.opacity);
    if (at.held) drawPause(ctx, at.x, at.y);
    drawn++;
  }
  ctx.font = '700 12px system-ui, sans-serif';
  ctx.textBaseline = 'middle';
  for (const onLink of stacks.values()) {
    for (const m of onLink) {
      boxes?.push(m);
      if (m.n < 2) continue;
      const label = `×${m.n}`;
      const w = ctx.measureText(label).width + 6;
      ctx.fillStyle = '#1f2430';
      ctx.beginPath();
      ctx.roundRect(m.x + ICON_HALF - 2, m.y - ICON_HALF - 6, w, 14, 7);
      ctx.fill();
      ctx.fillStyle = '#ffffff';
      ctx.fillText(label, m.x + ICON_HALF + 1, m.y - ICON_HALF + 1);
    }
  }
  return drawn;
}
