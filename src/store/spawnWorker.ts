import { takeEarlyWorker } from './earlyWorker.ts';

/** A worker the page can post to before it has started (messages wait in order). */
export interface WorkerPort {
  post(message: unknown): void;
  terminate(): void;
}

export interface WorkerHandlers {
  message(data: unknown): void;
  /** The worker stopped, or could not be made: one sentence for the failure banner. */
  error(message: string): void;
  /** A message arrived that could not be deserialized. */
  unreadable(): void;
}

function wire(worker: Worker, on: WorkerHandlers): void {
  worker.onmessage = (e: MessageEvent<unknown>) => on.message(e.data);
  worker.onerror = (e: ErrorEvent) => {
    e.preventDefault();
    on.error(e.message || 'unknown error');
  };
  worker.onmessageerror = () => on.unreadable();
}

/**
 * Start the module worker at `url`. A page embedded in `<iframe sandbox="allow-scripts">` has an
 * opaque origin, and a browser refuses it a worker from any URL (SecurityError). The worker
 * bundles are self-contained files, so the page then reads the same file (the host must allow
 * that with Access-Control-Allow-Origin, as it already must for the page's module scripts) and
 * starts it from a blob: URL of its own making (e2e/embed.spec.ts). Messages posted meanwhile wait in order.
 */
export function spawnWorker(url: URL, on: WorkerHandlers): WorkerPort {
  const ready = takeEarlyWorker(url);
  if (ready) {
    const { worker } = ready;
    ready.release();
    wire(worker, on);
    // What it said before the handlers were there, in order, as if just arrived: after this
    // returns (the caller keeps the port first), before any later message (those are tasks,
    // this is a microtask).
    queueMicrotask(() => {
      for (const e of ready.early) {
        if (e instanceof MessageEvent && e.type === 'message') on.message(e.data);
        else if (e.type === 'messageerror') on.unreadable();
        else on.error(e instanceof ErrorEvent && e.message ? e.message : 'unknown error');
      }
    });
    return { post: (m) => worker.postMessage(m), terminate: () => worker.terminate() };
  }
  try {
    const worker = new Worker(url, { type: 'module' });
    wire(worker, on);
    return { post: (m) => worker.postMessage(m), terminate: () => worker.terminate() };
  } catch (error) {
    if (!(error instanceof DOMException) || error.name !== 'SecurityError') throw error;
  }
  let worker: Worker | null = null;
  let stopped = false;
  const waiting: unknown[] = [];
  void fetch(url)
    .then((response) => {
      if (!response.ok) throw new Error(`the worker's script answered ${response.status}`);
      return response.text();
    })
    .then((code) => {
      if (stopped) return;
      const blobUrl = URL.createObjectURL(new Blob([code], { type: 'text/javascript' }));
      // Started as a classic worker: Chromium refuses a module worker from an opaque origin's blob:
      // URL, and the bundles have no import or export, so they run the same either way.
      worker = new Worker(blobUrl);
      // The browser reads the blob after this returns: let it go only once the worker answers.
      wire(worker, {
        ...on,
        message: (data) => {
          URL.revokeObjectURL(blobUrl);
          on.message(data);
        },
      });
      for (const m of waiting.splice(0)) worker.postMessage(m);
    })
    .catch((error: unknown) => {
      const why = error instanceof Error ? error.message : String(error);
      on.error(
        `this embedded page could not load its worker (${why}); the host must serve the app's files with Access-Control-Allow-Origin`,
      );
    });
  return {
    post: (m) => (worker ? worker.postMessage(m) : waiting.push(m)),
    terminate: () => {
      stopped = true;
      worker?.terminate();
    },
  };
}
