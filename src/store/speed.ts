/**
 * Playback speed, the rate of the shown clock while something a class should follow is on the
 * wire. Speed 1 (the default) shows 1 s of cluster time in 50 s: a message with the default
 * 10-20 ms latency takes about 0.75 s to cross the screen. Quiet moments run faster (pace.ts).
 */
export const SIM_MS_PER_REAL_MS_AT_1X = 0.02;
/** Slow motion: a default message takes 3 s to cross. */
export const MIN_SPEED = 0.25;
/** 10 s of cluster time per real second. */
export const MAX_SPEED = 500;

/** The steps of the Slower/Faster buttons. */
export const SPEED_STEPS: readonly number[] = [0.25, 0.5, 1, 2, 5, 10, 25, 50, 100, 250, 500];

export function clampSpeed(x: number): number {
  if (!Number.isFinite(x)) return 1;
  return Math.min(MAX_SPEED, Math.max(MIN_SPEED, x));
}

/** The next step up (+1) or down (-1) from `speed`, staying within the range. */
export function stepSpeed(speed: number, direction: 1 | -1): number {
  if (direction > 0) return SPEED_STEPS.find((s) => s > speed * 1.001) ?? MAX_SPEED;
  return [...SPEED_STEPS].reverse().find((s) => s < speed * 0.999) ?? MIN_SPEED;
}

/** Simulated ms per real ms at `speed`. */
export function simRate(speed: number): number {
  return SIM_MS_PER_REAL_MS_AT_1X * speed;
}

function round(x: number): string {
  if (x >= 10) return String(Math.round(x));
  const r = Math.round(x * 10) / 10;
  return Number.isInteger(r) ? String(r) : r.toFixed(1);
}

/** A speed in real terms: how long 1 s of cluster time takes on screen, or how many pass per second. */
export function describeSpeed(speed: number): string {
  const rate = simRate(speed);
  if (rate < 0.99) return `1 s of cluster time takes ${round(1 / rate)} s`;
  if (rate < 1.01) return 'real time: 1 s of cluster time takes 1 s';
  return `${round(rate)} s of cluster time pass each second`;
}

/** How long a message with the settings' mean latency takes to cross the screen at `speed`. */
export function describeCrossing(speed: number, latency: readonly [number, number]): string {
  const realMs = (latency[0] + latency[1]) / 2 / simRate(speed);
  if (realMs < 100) return 'messages flash across';
  return `a message crosses in about ${round(realMs / 1000)} s`;
}

/** The ?speed= URL parameter, read as a number only (never rendered). */
export function speedFromUrl(search: string): number | null {
  const raw = new URLSearchParams(search).get('speed');
  if (raw === null) return null;
  const n = Number(raw);
  return Number.isFinite(n) ? clampSpeed(n) : null;
}
