import { DEFAULT_SETTINGS, type ClusterSettings } from '../src/sim/settings.ts';
import type { Action } from '../src/sim/scenario.ts';

/** The benchmark cluster: the app's defaults, five nodes, a heartbeat every 50 ms. */
export const BENCH_SETTINGS: ClusterSettings = { ...DEFAULT_SETTINGS, nodes: 5, heartbeat: 50, seed: 1 };

export const WRITES_PER_SECOND = 10;

/**
 * Client writes due in [fromMs, toMs), evenly spaced. Scheduled a slice at a time so the queue
 * holds the writes of one slice, not of the whole hour, as a live app's queue would.
 */
export function writesBetween(fromMs: number, toMs: number): Action[] {
  const gap = 1000 / WRITES_PER_SECOND;
  const writes: Action[] = [];
  for (let n = Math.ceil(fromMs / gap); n * gap < toMs; n++) {
    writes.push({ at: n * gap, type: 'write', key: `k${n % 16}`, value: `v${n}` });
  }
  return writes;
}
