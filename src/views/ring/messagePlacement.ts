import { wayAlong } from '../../sim/messageActions.ts';
import type { FlightFrame } from '../../worker/protocol.ts';
import { NODE_R, type Point } from './layout.ts';

/** Requests and replies on the same link travel in two lanes, so both stay visible. */
const LANE = 7;

export interface Placement {
  readonly x: number;
  readonly y: number;
  readonly opacity: number;
  /** Stopped at a cut link: drawn as a red cross where it died. */
  readonly dead: boolean;
  /** Held by a person: drawn standing still with a pause mark. */
  readonly held: boolean;
}

/** Where along its path (0..1) a message on a cut link dies: at the partition gap, else midway. */
export function deathPoint(x1: number, x2: number, gapX: number | null): number {
  if (gapX === null || (x1 - gapX) * (x2 - gapX) >= 0 || x1 === x2) return 0.5;
  return (gapX - x1) / (x2 - x1);
}

/**
 * A message's place at simulated time t, interpolated between its send and delivery times along
 * the line between the two servers (rim to rim). A message on a cut link stops at the gap and
 * fades; a lost one fades out over the last part of its way. With reduced motion, messages are
 * still shown, standing still halfway. Null once delivered.
 */
export function placeMessage(
  f: FlightFrame,
  t: number,
  a: Point,
  b: Point,
  cut: boolean,
  gapX: number | null,
  reduced: boolean,
): Placement | null {
  const len = Math.hypot(b.x - a.x, b.y - a.y) || 1;
  const ux = (b.x - a.x) / len;
  const uy = (b.y - a.y) / len;
  const trim = Math.min(0.45, (NODE_R + 10) / len);
  // Evenly from send to arrival, or on from where a person's hold, release or delay left it.
  let p = wayAlong(f, t);
  let opacity = 1;
  let dead = false;
  if (cut) {
    // The gap is a fraction of the centre-to-centre line; messages travel rim to rim.
    const stop = Math.min(1, Math.max(0, (deathPoint(a.x, b.x, gapX) - trim) / (1 - 2 * trim)));
    if (p > stop) {
      opacity = Math.max(0, 1 - (p - stop) / Math.max(1 - stop, 0.01));
      p = stop;
      dead = true;
    } else if (reduced) p = stop;
  } else if (f.held) {
    // Where it was held, with reduced motion too: where it stands is the point of holding it.
  } else if (f.lost) {
    opacity = p < 0.55 ? 1 : Math.max(0, 1 - (p - 0.55) / 0.45);
    if (reduced) p = 0.5;
  } else if (reduced) {
    p = 0.5;
  } else if (p >= 1) {
    return null;
  }
  const q = trim + p * (1 - 2 * trim);
  return { x: a.x + (b.x - a.x) * q - uy * LANE, y: a.y + (b.y - a.y) * q + ux * LANE, opacity, dead, held: f.held && !dead };
}
