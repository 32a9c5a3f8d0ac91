import { SCENARIO_VERSION, type Scenario } from '../sim/scenario.ts';
import { PROTOCOL_VERSION, type ActionInput, type FromWorker, type ToWorker } from '../worker/protocol.ts';
import { live, resetLive } from './live.ts';
import { applyFrame, resetRun, useSim } from './simStore.ts';
import { applyTravel, resetTravel, useTravel } from './travelStore.ts';

/** A worker that has not answered a request in this long is treated as stuck, not as slow. */
const STUCK_AFTER_MS = 8000;

let worker: Worker | null = null;
let nextId = 1;
/**
 * The one request in flight, if any: the page never sends a second one before the answer, so
 * the worker never piles up work. `jump` requests move the view's clock to the frame they answer.
 */
let outstanding: { readonly id: number; readonly at: number; readonly jump: boolean } | null = null;
/** Answers to requests made before the latest load belong to the old run. */
let firstIdOfRun = 1;
let watchdog: ReturnType<typeof setInterval> | null = null;

/**
 * What a person asked for, in order, waiting for the request in flight. Order matters: an action
 * after a seek lands at the moment sought. Consecutive seeks (dragging the timeline) collapse into
 * the last one, so a fast drag never queues up stale moments.
 */
type Command =
  | { readonly type: 'step' }
  | { readonly type: 'stepBack' }
  | { readonly type: 'seek'; readonly t: number }
  | { readonly type: 'act'; readonly action: ActionInput; readonly at: number };
let queue: Command[] = [];

/** While playing, the space-time window is sent at most this often (real ms): it is an SVG, not a canvas. */
const SPACETIME_EVERY_MS = 100;
let spacetimeSentAt = -Infinity;

function spacetimeSpan(force: boolean): number | null {
  const span = useTravel.getState().spacetimeSpan;
  if (span === null) return null;
  const now = performance.now();
  if (!force && useSim.getState().playing && now - spacetimeSentAt < SPACETIME_EVERY_MS) return null;
  spacetimeSentAt = now;
  return span;
}

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
  if (msg.v !== PROTOCOL_VERSION)
    return fail(`The simulation speaks protocol ${String(msg.v)}, the page ${PROTOCOL_VERSION}: reload the page.`);
  switch (msg.type) {
    case 'ready':
    case 'loaded':
      return;
    case 'frame':
      if (msg.id < firstIdOfRun) return;
      if (outstanding?.id === msg.id) {
        if (outstanding.jump) live.clock = msg.frame.now;
        outstanding = null;
      }
      applyFrame(msg.frame);
      applyTravel(msg.frame);
      pump();
      return;
    case 'error':
      outstanding = null;
      if (msg.fatal) return fail(msg.message);
      useSim.setState({ notice: { message: msg.message, field: msg.field } });
      pump();
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
  queue = [];
  resetLive();
  resetRun(scenario.settings);
  resetTravel();
  post({ type: 'load', v: PROTOCOL_VERSION, scenario });
}

/** Ask for the state at simulated time `until`; false if a request is already outstanding or queued. */
export function requestFrame(until: number, verbose: boolean): boolean {
  if (!worker || outstanding || queue.length > 0) return false;
  const id = nextId++;
  outstanding = { id, at: performance.now(), jump: false };
  post({ type: 'frame', v: PROTOCOL_VERSION, id, until, verbose, spacetime: spacetimeSpan(false) });
  return true;
}

function enqueue(command: Command): void {
  const last = queue.at(-1);
  if (command.type === 'seek' && last?.type === 'seek') queue[queue.length - 1] = command;
  else queue.push(command);
  pump();
}

/** Send the next queued command once nothing is in flight. */
function pump(): void {
  const command = queue[0];
  if (!worker || outstanding || !command) return;
  queue.shift();
  const id = nextId++;
  const verbose = useSim.getState().verbose;
  const spacetime = spacetimeSpan(true);
  const v = PROTOCOL_VERSION;
  outstanding = { id, at: performance.now(), jump: command.type !== 'act' };
  switch (command.type) {
    case 'step':
      // From the time on screen: the worker may be a frame behind it.
      return post({ type: 'step', v, id, from: live.clock, verbose, spacetime });
    case 'stepBack':
      return post({ type: 'stepBack', v, id, from: live.clock, verbose, spacetime });
    case 'seek':
      return post({ type: 'seek', v, id, t: command.t, verbose, spacetime });
    case 'act':
      return post({ type: 'act', v, id, at: command.at, action: command.action, verbose, spacetime });
  }
}

/** Step from the time on screen to the next event (after whatever is in flight or queued). */
export function requestStep(): void {
  enqueue({ type: 'step' });
}

/** Step from the time on screen back to the previous event. */
export function requestStepBack(): void {
  enqueue({ type: 'stepBack' });
}

/** Travel to simulated time t. The clock shows it at once; the picture follows with the answer. */
export function requestSeek(t: number): void {
  live.clock = Math.max(0, t);
  enqueue({ type: 'seek', t: live.clock });
}

/** Take an action at `at`, the simulated time on screen when it was asked for. */
export function sendAction(action: ActionInput, at: number): void {
  enqueue({ type: 'act', action, at });
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
