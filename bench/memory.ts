// Memory for a lecture: one hour of real time at the top speed with a client write every 250 ms
// of real time, driven straight through the worker's driver (faster than real time), then seeks
// anywhere in it. Prints the worker-heap curve and seek times beside the goals; asserts nothing.
import { performance } from 'node:perf_hooks';
import { SimDriver } from '../src/worker/driver.ts';
import { DEFAULT_SETTINGS } from '../src/sim/settings.ts';
import { MAX_SPEED, SIM_MS_PER_REAL_MS_AT_1X } from '../src/store/speed.ts';
import { createRng, nextInt } from '../src/engine/rng.ts';
import { canCollect, heapUsed, mb, thousands } from './measure.ts';

const args = process.argv.slice(2);
const minutesArg = args.indexOf('--minutes');
/** Real minutes to simulate (default: the lecture's hour). */
const REAL_MINUTES = minutesArg >= 0 ? Number(args[minutesArg + 1]) : 60;
const SIM_PER_REAL_MS = MAX_SPEED * SIM_MS_PER_REAL_MS_AT_1X;
/** One display frame of real time (60 Hz), in simulated ms at the top speed. */
const FRAME_SIM_MS = (1000 / 60) * SIM_PER_REAL_MS;
const WRITE_EVERY_SIM_MS = 250 * SIM_PER_REAL_MS;
const KEYS = ['x', 'y', 'z', 'w'];

if (!canCollect()) console.log('(run with node --expose-gc for heap after collection: npm run bench:memory does)');
const driver = new SimDriver({ version: 1, settings: DEFAULT_SETTINGS, actions: [] });
const base = heapUsed();
console.log(
  `worker side: ${REAL_MINUTES} real minutes at the top speed (${SIM_PER_REAL_MS} simulated ms per real ms), ` +
    `a write every 250 ms real (${WRITE_EVERY_SIM_MS} simulated ms); heap at start ${mb(base)}`,
);
console.log('real min | sim min | events recorded | worker heap | wall s');
const endSim = REAL_MINUTES * 60_000 * SIM_PER_REAL_MS;
let nextWrite = WRITE_EVERY_SIM_MS;
let writes = 0;
let nextMark = 0;
const t0 = performance.now();
let peak = base;
for (let t = FRAME_SIM_MS; t <= endSim + 1e-9; t += FRAME_SIM_MS) {
  while (nextWrite <= t) {
    driver.advanceTo(nextWrite);
    writes++;
    driver.act({ type: 'write', key: KEYS[writes % KEYS.length]!, value: String(writes) });
    driver.frame();
    nextWrite += WRITE_EVERY_SIM_MS;
  }
  driver.advanceTo(t);
  driver.frame(2000);
  const realMin = t / SIM_PER_REAL_MS / 60_000;
  if (realMin >= nextMark - 1e-9) {
    const heap = heapUsed();
    peak = Math.max(peak, heap);
    console.log(
      `${realMin.toFixed(0).padStart(8)} | ${(t / 60_000).toFixed(0).padStart(7)} | ${thousands(driver.history.length).padStart(15)} | ` +
        `${mb(heap).padStart(11)} | ${((performance.now() - t0) / 1000).toFixed(0).padStart(6)}`,
    );
    nextMark += REAL_MINUTES >= 30 ? 5 : 1;
  }
}
const horizon = driver.horizon;
const rng = createRng(7);
const times: number[] = [];
for (let i = 0; i < 200; i++) {
  const target = nextInt(rng, 0, Math.floor(horizon));
  const s = performance.now();
  driver.seek(target);
  driver.frame(2000);
  times.push(performance.now() - s);
}
times.sort((a, b) => a - b);
const p = (q: number): number => times[Math.min(times.length - 1, Math.floor(q * times.length))]!;
const end = heapUsed();
console.log(`worker heap after the run: ${mb(end)} (peak seen ${mb(Math.max(peak, end))}); goal: under 150 MB`);
console.log(
  `seek anywhere + frame (200 seeks): p50 ${p(0.5).toFixed(1)} ms, p95 ${p(0.95).toFixed(1)} ms, max ${times.at(-1)!.toFixed(1)} ms; goal: p95 under 50 ms`,
);
