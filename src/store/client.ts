import { SCENARIO_VERSION, type Scenario } from '../sim/scenario.ts';
import { PROTOCOL_VERSION, type ActionInput, type FromWorker, type ToWorker } from '../worker/protocol.ts';
import { live, resetLive } from './live.ts';
import { applyFrame, resetRun, useSim } from './simStore.ts';

/** A worker that has not answered a request in this long is treated as stuck, not as slow. */
const STUCK_AFTER_MS = 8000;

let worker: Worker | null = null;
let nextId = 1;
/** The one request in flight (frame or step), if any: the page never queues a second one. */
let outstanding: { readonly id: number; readonly at: number; readonly step: boolean } | null = null;
/** Answers to requests made before the latest load belong to the old run. */
let firstIdOfRun = 1;
let queuedStep: { readonly verbose: boolean } | null = null;
let watchdog: ReturnType<typeof setInterval> | null = null;

function post(message: ToWorker): void {
  worker?.postMessage(message);
}

function fail(message: string): void {
  outstanding = null;
  worker?.terminate();
  worker = null;
  useSim.setState({ status: 'failed', failure: message, playing: false });
}

function onMessage(msg: FromWorker): void {
  if (msg.v !== PROTOCOL_VERSION) return fail(`The simulation speaks protocol ${String(msg.v)}, the page ${PROTOCOL_VERSION}: reload the page.`);
  switch (msg.type) {
    case 'ready':
    case 'loaded':
      return;
    case 'frame':
      if (msg.id < firstIdOfRun) return;
      if (outstanding?.id === msg.id) {
        if (outstanding.step) live.clock = msg.frame.now;
        outstanding = null;
      }
      applyFrame(msg.frame);
      if (queuedStep && !outstanding) {
        const { verbose } = queuedStep;
        queuedStep = null;
        requestStep(live.clock, verbose);
      }
      return;
    case 'error':
      outstanding = null;
      if (msg.fatal) return fail(msg.message);
      useSim.setState({ notice: { message: msg.message, field: msg.field } });
      return;
  }
}

/** Start (or restart) the worker on a scenario. */
export function startWorker(scenario: Scenario): void {
  worker?.terminate();
  outstanding = null;
  try {
    worker = new Worker(new URL('../worker/sim.worker.ts', import.meta.url), { type: 'module' });
  } catch (error) {
    fail(`The simulation could not start: ${String(error)}`);
    return;
  }
  worker.onmessage = (e: MessageEvent<FromWorker>) => onMessage(e.data);
  worker.onerror = (e: ErrorEvent) => {
    e.preventDefault();
    fail(`The simulation crashed: ${e.message || 'unknown error'}`);
  };
  worker.onmessageerror = () => fail('The simulation sent a message the page could not read.');
  useSim.setState({ status: 'starting', failure: null });
  load(scenario);
  watchdog ??= setInterval(() => {
    if (outstanding && performance.now() - outstanding.at > STUCK_AFTER_MS) {
      fail(`The simulation stopped answering (no reply in ${STUCK_AFTER_MS / 1000} s).`);
    }
  }, 1000);
}

/** Start a new run in the running worker. */
export function load(scenario: Scenario): void {
  firstIdOfRun = nextId;
  outstanding = null;
  queuedStep = null;
  resetLive();
  resetRun(scenario.settings);
  post({ type: 'load', v: PROTOCOL_VERSION, scenario });
}

/** Ask for the state at simulated time `until`; false if a request is already outstanding. */
export function requestFrame(until: number, verbose: boolean): boolean {
  if (!worker || outstanding) return false;
  const id = nextId++;
  outstanding = { id, at: performance.now(), step: false };
  post({ type: 'frame', v: PROTOCOL_VERSION, id, until, verbose });
  return true;
}

/**
 * Step from the time on screen (the worker may be a frame behind it) to the next event. If a frame
 * is outstanding, the step goes out as soon as it is answered: still one request at a time.
 */
export function requestStep(from: number, verbose: boolean): boolean {
  if (!worker) return false;
  if (outstanding) {
    queuedStep = { verbose };
    return false;
  }
  const id = nextId++;
  outstanding = { id, at: performance.now(), step: true };
  post({ type: 'step', v: PROTOCOL_VERSION, id, from, verbose });
  return true;
}

export function sendAction(action: ActionInput, at: number): void {
  post({ type: 'act', v: PROTOCOL_VERSION, at, action });
}

/** After a failure: a fresh worker and a fresh run with the same settings. */
export function restartWorker(): void {
  const { settings } = useSim.getState();
  startWorker({ version: SCENARIO_VERSION, settings, actions: [] });
  useSim.setState({ playing: true });
}

export function workerAlive(): boolean {
  return worker !== null;
}
