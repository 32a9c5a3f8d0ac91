/**
 * Playback speed. At 1x (slow motion, the default) a message with the default 10-20 ms latency
 * takes about a second to cross the screen: 15 simulated ms per real second.
 */
export const SIM_MS_PER_REAL_MS_AT_1X = 0.015;
export const MIN_SPEED = 1;
export const MAX_SPEED = 100;

export function clampSpeed(x: number): number {
  if (!Number.isFinite(x)) return MIN_SPEED;
  return Math.min(MAX_SPEED, Math.max(MIN_SPEED, x));
}

/** How a speed reads to a person: how long one simulated second lasts on screen. */
export function describeSpeed(speed: number): string {
  const realSeconds = 1 / (SIM_MS_PER_REAL_MS_AT_1X * speed);
  return realSeconds >= 1.5
    ? `1 simulated second lasts ${Math.round(realSeconds)} s`
    : `1 simulated second lasts ${realSeconds.toFixed(1)} s`;
}

/** The ?speed= URL parameter, read as a number only (never rendered). */
export function speedFromUrl(search: string): number | null {
  const raw = new URLSearchParams(search).get('speed');
  if (raw === null) return null;
  const n = Number(raw);
  return Number.isFinite(n) ? clampSpeed(n) : null;
}
