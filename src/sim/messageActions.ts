import { later } from '../engine/time.ts';

/**
 * Where a message stands on its way, as the simulator keeps it and the page draws it. A message
 * nobody touched moves evenly from its sending to its arrival. Once a person holds, releases or
 * delays it, it moves on from the point it had reached (`leg`), so it never jumps back along its
 * path; while held it stands still there.
 */
export interface Way {
  readonly sentAt: number;
  /** When it arrives; for a held message, when it would arrive were it released at `leg.at`. */
  readonly deliverAt: number;
  /** From `leg.at` on it moves from `leg.from` (0..1 of its way); absent until a person acts on it. */
  readonly leg?: Leg | null;
  /** Held by a person: it stands at `leg.from` until released. */
  readonly held?: boolean;
}

export interface Leg {
  readonly at: number;
  readonly from: number;
}

const clamp01 = (x: number): number => Math.min(1, Math.max(0, x));

/** How far along its way (0 at the sender, 1 at the receiver) a message is at time t. */
export function wayAlong(w: Way, t: number): number {
  const leg = w.leg;
  if (!leg) {
    const span = w.deliverAt - w.sentAt;
    return span > 0 ? clamp01((t - w.sentAt) / span) : 1;
  }
  if (w.held) return leg.from;
  const span = w.deliverAt - leg.at;
  return span > 0 ? leg.from + (1 - leg.from) * clamp01((t - leg.at) / span) : 1;
}

/** Held at `now`: it stops where it is; `deliverAt` keeps when it would arrive if let go at once. */
export function heldAt<W extends Way>(w: W, now: number): W {
  return { ...w, held: true, leg: { at: now, from: wayAlong(w, now) } };
}

/** Released at `now`: it takes the rest of its trip (what was left when it was held) from now. */
export function releasedAt<W extends Way>(w: W, now: number): W {
  const leg = w.leg!;
  return { ...w, held: false, deliverAt: later(now, w.deliverAt - leg.at), leg: { at: now, from: leg.from } };
}

/** Delayed by `ms` at `now`: it slows down from here so as to arrive `ms` later (a held one just has further to go). */
export function delayedAt<W extends Way>(w: W, now: number, ms: number): W {
  if (w.held) return { ...w, deliverAt: later(w.deliverAt, ms) };
  return { ...w, deliverAt: later(w.deliverAt, ms), leg: { at: now, from: wayAlong(w, now) } };
}
