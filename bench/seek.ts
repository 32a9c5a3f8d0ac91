// Time-travel benchmark: how long a seek takes anywhere in a 10-minute run.
// Prints figures; asserts nothing (timings depend on the machine and its load).
import { performance } from 'node:perf_hooks';
import type { Action, Scenario } from '../src/sim/scenario.ts';
import { DEFAULT_SETTINGS } from '../src/sim/settings.ts';
import { Timeline } from '../src/sim/timeline.ts';
import { createRng, nextInt } from '../src/engine/rng.ts';

const RUN_MS = 10 * 60 * 1000;
const actions: Action[] = [];
for (let t = 500; t < RUN_MS; t += 1000) actions.push({ at: t, type: 'write', key: 'k', value: String(t) });
for (let t = 30_000; t < RUN_MS; t += 60_000) {
  actions.push({ at: t, type: 'crashLeader' });
  actions.push({ at: t + 5000, type: 'restart', node: `S${1 + (Math.floor(t / 60_000) % 5)}` });
}
actions.sort((a, b) => a.at - b.at);
const scenario: Scenario = { version: 1, settings: DEFAULT_SETTINGS, actions };

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

for (const every of [500, 1000, 2000]) {
  const timeline = new Timeline(scenario, { snapshotEvery: every });
  const t0 = performance.now();
  timeline.advance(RUN_MS);
  const build = performance.now() - t0;
  const rng = createRng(99);
  const times: number[] = [];
  for (let i = 0; i < 300; i++) {
    const target = nextInt(rng, 0, RUN_MS);
    const s = performance.now();
    timeline.seek(target);
    times.push(performance.now() - s);
  }
  times.sort((a, b) => a - b);
  const heap = process.memoryUsage().heapUsed / 1e6;
  console.log(
    `snapshot every ${every} ms: recording 10 min took ${build.toFixed(0)} ms, ${timeline.events.length} events; ` +
      `seek p50 ${pct(times, 50).toFixed(2)} ms, p95 ${pct(times, 95).toFixed(2)} ms (goal under 50 ms), max ${times.at(-1)!.toFixed(2)} ms; heap ${heap.toFixed(0)} MB`,
  );
}
