/**
 * A small seeded PRNG (mulberry32). Its whole state is one 32-bit number, so a node or the
 * simulator can be snapshotted and restored by copying a field. Never use the platform random in the
 * engine or simulator: the seed must decide everything.
 */
export interface Rng {
  state: number;
}

export function createRng(seed: number): Rng {
  // Scramble the seed so nearby seeds (1, 2, 3...) give unrelated streams.
  return { state: hash32(seed >>> 0) };
}

/** A float in [0, 1). */
export function nextFloat(rng: Rng): number {
  rng.state = (rng.state + 0x6d2b79f5) >>> 0;
  let t = rng.state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

/** An integer in [min, max], both inclusive. */
export function nextInt(rng: Rng, min: number, max: number): number {
  if (max <= min) return min;
  return min + Math.floor(nextFloat(rng) * (max - min + 1));
}

export function hash32(x: number): number {
  let h = x >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
