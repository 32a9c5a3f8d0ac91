import { requestFrame, workerAlive } from './client.ts';
import { live } from './live.ts';
import { useSim } from './simStore.ts';
import { SIM_MS_PER_REAL_MS_AT_1X } from './speed.ts';

const MAX_LEAD_REAL_MS = 50;

type FrameListener = (clock: number) => void;

const listeners = new Set<FrameListener>();
let lastReal = 0;
let dirty = true;
let running = false;

/** Run `fn` on every display frame with the simulated time being shown. */
export function onAnimationFrame(fn: FrameListener): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

/** Something changed while paused (an action): fetch one fresh frame. */
export function markDirty(): void {
  dirty = true;
}

function tick(realNow: number): void {
  const dt = Math.min(realNow - lastReal, 100);
  lastReal = realNow;
  const s = useSim.getState();
  if (s.playing && s.status === 'running') {
    const rate = SIM_MS_PER_REAL_MS_AT_1X * s.speed;
    // Never run more than ~3 display frames past the time the latest frame is known to be exact
    // for: if the worker falls behind, the picture slows down instead of drifting from the truth.
    const limit = Math.max(live.frameNow, live.validUntil) + Math.max(rate * MAX_LEAD_REAL_MS, 1);
    live.clock = Math.max(live.clock, Math.min(live.clock + dt * rate, limit));
  }
  // Ask for a frame only when the simulation has something to say: at slow speed most display
  // frames fall between two events, and the latest frame draws them exactly.
  const due = s.playing && live.clock >= live.validUntil;
  if ((due || dirty) && workerAlive() && requestFrame(live.clock, s.verbose)) dirty = false;
  for (const fn of listeners) fn(live.clock);
  requestAnimationFrame(tick);
}

/** Start the display loop (once). */
export function startPlayback(): void {
  if (running) return;
  running = true;
  lastReal = performance.now();
  requestAnimationFrame(tick);
}
