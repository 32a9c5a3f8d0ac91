// The bundled, self-contained worker file (Vite builds it and gives its URL).
import simWorkerUrl from '../worker/sim.worker.ts?worker&url';

/**
 * The simulation's worker, started by a small script of its own before the app's bundle is
 * parsed: loading and starting the worker (about 150 ms on a 2-core machine) then overlaps the
 * page's own start-up instead of following it, so a run link shows its moment, and a class sees
 * its first election, that much sooner (bench:link -- --page). What the worker says before the
 * app takes it is kept and handed over in order.
 */
export interface EarlyWorker {
  readonly worker: Worker;
  /** Messages (and errors) that arrived before the app took the worker, oldest first. */
  readonly early: readonly Event[];
  /** Stop keeping messages: the app's handlers take over from here. */
  release(): void;
}

let started: EarlyWorker | null = null;

function start(): EarlyWorker | null {
  if (typeof Worker === 'undefined' || typeof window === 'undefined') return null;
  let worker: Worker;
  try {
    worker = new Worker(new URL(simWorkerUrl, window.location.href), { type: 'module' });
  } catch {
    // A sandboxed iframe (opaque origin) may not start one from a URL: the app falls back itself.
    return null;
  }
  const early: Event[] = [];
  const keep = (e: Event) => {
    // As the app's own handler does: the failure banner reports it, not the console.
    if (e.type === 'error') e.preventDefault();
    early.push(e);
  };
  worker.addEventListener('message', keep);
  worker.addEventListener('error', keep);
  worker.addEventListener('messageerror', keep);
  return {
    worker,
    early,
    release() {
      worker.removeEventListener('message', keep);
      worker.removeEventListener('error', keep);
      worker.removeEventListener('messageerror', keep);
    },
  };
}

/** Start the worker now (once). */
export function startEarlyWorker(): void {
  started ??= start();
}

/** The worker started early, once: a second lab on the page (or none started) gets null. */
export function takeEarlyWorker(url: URL): EarlyWorker | null {
  const taken = started;
  started = null;
  // Only the simulation's worker is started early.
  if (taken && url.href !== new URL(simWorkerUrl, window.location.href).href) {
    started = taken;
    return null;
  }
  return taken;
}
