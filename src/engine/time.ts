import { nextInt, type Rng } from './rng.ts';

// Simulated time is in milliseconds with microsecond resolution: every time is a multiple of
// 0.001 ms. Drawing on a microsecond grid makes a 150-151 ms timeout range a near continuum (1,001
// values, not the 2 of whole milliseconds, so ties are as rare as on real clocks), and rounding
// each sum to the grid keeps times exact to read and print (153.275, never 153.27499999999998).

/** Steps per millisecond. */
export const TICKS_PER_MS = 1000;

/** `t` on the microsecond grid. Every time the engine or simulator computes goes through this. */
export function onGrid(t: number): number {
  return Math.round(t * TICKS_PER_MS) / TICKS_PER_MS;
}

/** `now + delay`, on the grid. */
export function later(now: number, delay: number): number {
  return onGrid(now + delay);
}

/** A duration drawn uniformly from [min, max] ms (both inclusive), to the microsecond. */
export function drawDuration(rng: Rng, min: number, max: number): number {
  if (max <= min) return min;
  return onGrid(min + nextInt(rng, 0, Math.round((max - min) * TICKS_PER_MS)) / TICKS_PER_MS);
}
