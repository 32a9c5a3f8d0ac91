import { paceAt, type PacedFlight } from '../../store/pace.ts';

/**
 * When each picture of a clip is taken, and which moment of the run it shows. MediaRecorder stamps
 * a canvas's frames with the wall clock when they are captured, so the clip plays at the pace the
 * pictures were captured at. Pictures are therefore captured on a fixed grid of real time (1/FPS
 * apart, skipping slots when drawing one takes longer), and each shows the moment the run reaches
 * at that slot at the chosen pace: however slow the machine, the clip lasts what the window takes
 * on screen and every picture is the run at the moment its timestamp says.
 */

/**
 * The next slot (real ms after the first picture) on the grid of `frameMs`: at least one frame
 * after `previous`, and no earlier than `ready`, when its picture can be drawn by.
 */
export function nextSlot(previous: number, ready: number, frameMs: number): number {
  const earliest = Math.max(previous + frameMs, ready);
  return Math.ceil(earliest / frameMs - 1e-9) * frameMs;
}

/** What the pace needs of the picture shown now. */
export interface PaceInput {
  readonly flights: readonly PacedFlight[];
  /** When anything next happens in the run (the latest frame's validUntil). */
  readonly nextEvent: number;
  /** Simulated ms per real ms at the chosen speed. */
  readonly rate: number;
  readonly fastForward: boolean;
}

/**
 * The moment `realMs` of real time after the moment `at`, played as the page plays it (store/pace.ts),
 * never past `to`. At the chosen pace that is exact; skipping quiet moments, the pace of `at` is
 * used for the step and the step stops at the next event, as the page's own clock eases into it.
 */
export function momentAfter(at: number, realMs: number, pace: PaceInput, to: number): number {
  const { mode, rate } = paceAt(at, pace.flights, pace.nextEvent, pace.rate, pace.fastForward);
  let next = at + realMs * rate;
  // Fast-forward never jumps over an event: the event itself is shown at the chosen speed.
  if (mode === 'fastForward' && at < pace.nextEvent) next = Math.min(next, pace.nextEvent);
  return Math.min(to, Math.max(at, next));
}
