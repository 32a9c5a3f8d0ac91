import type { MessageKind } from '../worker/protocol.ts';

/**
 * How fast the shown clock runs, moment by moment. Pacing only chooses how fast the picture
 * advances through a run the worker computes anyway: it never changes what happens, so a link
 * replays the same states whatever the pace.
 *
 * - chosen: a vote, a write or its acknowledgement is on the wire. The clock runs at the chosen
 *   speed, so such a message crosses slowly enough to follow by eye.
 * - routine: only heartbeats and their empty replies are on the wire. They cross twice as fast:
 *   a stable leader's traffic is the background, not the story.
 * - fastForward: nothing is on the wire and only timers drain. The clock fast-forwards, and eases back
 *   to the chosen speed as the next event (a timeout firing, a heartbeat going out) comes near,
 *   so the class sees it happen.
 */
export type PaceMode = 'chosen' | 'routine' | 'fastForward';

export interface Pace {
  readonly mode: PaceMode;
  /** Simulated ms per real ms. */
  readonly rate: number;
}

export interface PacedFlight {
  readonly kind: MessageKind;
  readonly deliverAt: number;
}

/** Routine traffic runs this many times the chosen speed. */
export const ROUTINE_FACTOR = 2;
/** Fast-forward is at most this many times the chosen speed (real time, at the default speed). */
export const QUIET_FACTOR = 50;
/**
 * In quiet, the clock stays this many real ms ahead of the next event: as it approaches, the
 * gap shrinks smoothly, and the last few simulated ms before the event play at the chosen speed.
 */
export const EASE_REAL_MS = 120;

const ROUTINE_KINDS: ReadonlySet<MessageKind> = new Set(['heartbeat', 'heartbeatReply']);

/**
 * The pace at simulated time `clock`: `flights` are the messages of the latest frame (those with
 * deliverAt > clock are still on the wire) and `nextEvent` is when anything next happens.
 * `speed` is the chosen rate (simulated ms per real ms); without `fastForward` it is used throughout.
 */
export function paceAt(
  clock: number,
  flights: readonly PacedFlight[],
  nextEvent: number | null,
  speed: number,
  fastForward: boolean,
): Pace {
  if (!fastForward) return { mode: 'chosen', rate: speed };
  let onWire = false;
  let news = false;
  for (const f of flights) {
    if (f.deliverAt <= clock) continue;
    onWire = true;
    if (!ROUTINE_KINDS.has(f.kind)) {
      news = true;
      break;
    }
  }
  if (news) return { mode: 'chosen', rate: speed };
  if (onWire) return { mode: 'routine', rate: speed * ROUTINE_FACTOR };
  const fast = speed * QUIET_FACTOR;
  if (nextEvent === null || !Number.isFinite(nextEvent)) return { mode: 'fastForward', rate: fast };
  const eased = (nextEvent - clock) / EASE_REAL_MS;
  if (eased <= speed) return { mode: 'chosen', rate: speed };
  return { mode: 'fastForward', rate: Math.min(fast, eased) };
}
