import type { Goal } from '../lessons/types.ts';
import { DEFAULT_SETTINGS } from '../sim/settings.ts';
import { SCENARIO_VERSION, type Scenario } from '../sim/scenario.ts';
import type { FromExperimentWorker, ToExperimentWorker } from '../worker/experimentProtocol.ts';
import { PROTOCOL_VERSION, type ActionInput, type FromWorker, type ToWorker } from '../worker/protocol.ts';
import type { LabStore } from './lab.ts';
import { resetLive } from './live.ts';
import { applyFacts } from './facts.ts';
import { frameProblem } from './frameShape.ts';
import { applyFrame, resetRun } from './simStore.ts';
import { applyTravel, resetTravel } from './travelStore.ts';

/** One end of a worker as the store uses it: what it sends and how it stops. */
export interface WorkerPort<In> {
  post(message: In): void;
  terminate(): void;
}

/** What a worker tells its owner: each message it sends, or that it failed (in plain words). */
export interface WorkerHandlers<Out> {
  message(message: Out): void;
  error(message: string): void;
}

/**
 * How the store reaches its workers. The page passes real Web Workers (`browserClient.ts`);
 * tests pass workers that run the same worker code in-process.
 */
export interface LabClient {
  spawnSim(on: WorkerHandlers<FromWorker>): WorkerPort<ToWorker>;
  spawnExperiment(on: WorkerHandlers<FromExperimentWorker>): WorkerPort<ToExperimentWorker>;
  /** Cores the experiment may use (one is left to the page). */
  readonly cores: number;
}

/**
 * A worker that has sent nothing about the request in flight for this long is treated as stuck.
 * A long replay reports progress many times a second (worker/session.ts), and each report counts
 * as an answer: only a worker that stopped talking trips this.
 */
const STUCK_AFTER_MS = 8000;

/** While playing, the space-time window is sent at most this often (real ms): it is an SVG, not a canvas. */
const SPACETIME_EVERY_MS = 100;
/**
 * The same while the diagram is scrolled out of sight: it is still kept nearly current (a person
 * scrolling to it, a test reading it), but its few hundred arrows are not rebuilt ten times a
 * second for no one (about a third of the page's script time in bench:vs's scene).
 */
const SPACETIME_UNSEEN_EVERY_MS = 500;

/**
 * What a person asked for, in order, waiting for the request in flight. Order matters: an action
 * after a seek lands at the moment sought. Consecutive seeks (dragging the timeline) collapse into
 * the last one, so a fast drag never queues up stale moments.
 */
type Command =
  | { readonly type: 'step' }
  | { readonly type: 'stepBack' }
  | { readonly type: 'seek'; readonly t: number }
  | { readonly type: 'act'; readonly action: ActionInput; readonly at: number }
  | { readonly type: 'watchGoal'; readonly watch: number; readonly goal: Goal | null; readonly since: number | null };

/**
 * The page's side of the simulation worker: one request in flight at a time, the commands
 * waiting behind it, and every answer folded into the lab's store.
 */
export class SimConnection {
  private worker: WorkerPort<ToWorker> | null = null;
  private nextId = 1;
  /**
   * The one request in flight, if any: the page never sends a second one before the answer, so
   * the worker never piles up work. `jump` requests move the view's clock to the frame they answer.
   */
  private outstanding: { readonly id: number; at: number; readonly jump: boolean } | null = null;
  /** Answers to requests made before the latest load belong to the old run. */
  private firstIdOfRun = 1;
  private watchdog: ReturnType<typeof setInterval> | null = null;
  private queue: Command[] = [];
  private spacetimeSentAt = -Infinity;
  private nextWatch = 1;

  constructor(
    private readonly client: LabClient,
    private readonly lab: LabStore,
  ) {}

  /** Start (or restart) the worker on a scenario. */
  start(scenario: Scenario): void {
    this.worker?.terminate();
    this.outstanding = null;
    try {
      this.worker = this.client.spawnSim({ message: (m) => this.onMessage(m), error: (m) => this.fail(m) });
    } catch (error) {
      this.fail(`The simulation could not start: ${String(error)}`);
      return;
    }
    this.lab.sim.setState({ status: 'starting', failure: null });
    this.load(scenario);
    this.watchdog ??= setInterval(() => {
      if (this.outstanding && performance.now() - this.outstanding.at > STUCK_AFTER_MS) {
        this.fail(`The simulation stopped answering (no reply in ${STUCK_AFTER_MS / 1000} s).`);
      }
    }, 1000);
  }

  /**
   * After a failure: a fresh worker and the default run. Not the failed run's settings: when a
   * link or a setting made the run fail, restarting with it would fail again, every time.
   */
  restart(): void {
    this.start({ version: SCENARIO_VERSION, settings: DEFAULT_SETTINGS, actions: [] });
    this.lab.sim.setState({ playing: true });
  }

  /** Start a new run in the running worker. */
  load(scenario: Scenario): void {
    this.firstIdOfRun = this.nextId;
    this.outstanding = null;
    this.queue = [];
    this.lab.sim.setState({ replay: null });
    resetLive(this.lab.live);
    resetRun(this.lab, scenario.settings);
    resetTravel(this.lab.travel);
    this.post({ type: 'load', v: PROTOCOL_VERSION, scenario });
  }

  get alive(): boolean {
    return this.worker !== null;
  }

  /** Nothing in flight and nothing waiting: the picture is the worker's latest answer. */
  get idle(): boolean {
    return this.outstanding === null && this.queue.length === 0;
  }

  /** Ask for the state at simulated time `until`; false if a request is already outstanding or queued. */
  requestFrame(until: number, verbose: boolean): boolean {
    if (!this.worker || !this.idle) return false;
    const id = this.nextId++;
    this.outstanding = { id, at: performance.now(), jump: false };
    this.post({ type: 'frame', v: PROTOCOL_VERSION, id, until, verbose, spacetime: this.spacetimeSpan(false) });
    return true;
  }

  /** Step from the time on screen to the next event (after whatever is in flight or queued). */
  requestStep(): void {
    this.enqueue({ type: 'step' });
  }

  /** Step from the time on screen back to the previous event. */
  requestStepBack(): void {
    this.enqueue({ type: 'stepBack' });
  }

  /** Travel to simulated time t. The clock shows it at once; the picture follows with the answer. */
  requestSeek(t: number): void {
    this.lab.live.clock = Math.max(0, t);
    this.enqueue({ type: 'seek', t: this.lab.live.clock });
  }

  /** Take an action at `at`, the simulated time on screen when it was asked for. */
  sendAction(action: ActionInput, at: number): void {
    this.enqueue({ type: 'act', action, at });
  }

  /**
   * A lesson step appeared: the worker watches for its goal from here (after whatever is queued,
   * so a step's scene is set up first). Returns the watch's number, which its progress carries.
   */
  watchGoal(goal: Goal | null, since: number | null): number {
    const watch = this.nextWatch++;
    this.enqueue({ type: 'watchGoal', watch, goal, since });
    return watch;
  }

  /** Ask why event `eventId` happened; returns the request's id, which the answer carries. */
  explain(eventId: number): number {
    const id = this.nextId++;
    this.post({ type: 'explain', v: PROTOCOL_VERSION, id, eventId });
    return id;
  }

  /**
   * Stop the long replay in flight, if any: the worker answers with the moment it reached, which
   * is shown paused (a link opened that far can be replayed on from there, or left).
   */
  cancelReplay(): void {
    const replay = this.lab.sim.getState().replay;
    if (!this.worker || !this.outstanding || !replay) return;
    this.post({ type: 'cancel', v: PROTOCOL_VERSION, id: this.outstanding.id });
    this.lab.sim.setState({ playing: false });
  }

  dispose(): void {
    if (this.watchdog) clearInterval(this.watchdog);
    this.watchdog = null;
    this.worker?.terminate();
    this.worker = null;
  }

  private spacetimeSpan(force: boolean): number | null {
    const { spacetimeSpan: span, spacetimeInView } = this.lab.travel.getState();
    if (span === null) return null;
    const now = performance.now();
    const every = spacetimeInView ? SPACETIME_EVERY_MS : SPACETIME_UNSEEN_EVERY_MS;
    if (!force && this.lab.sim.getState().playing && now - this.spacetimeSentAt < every) return null;
    this.spacetimeSentAt = now;
    return span;
  }

  private post(message: ToWorker): void {
    this.worker?.post(message);
  }

  private fail(message: string): void {
    this.outstanding = null;
    this.lab.sim.setState({ replay: null });
    this.worker?.terminate();
    this.worker = null;
    this.lab.sim.setState({ status: 'failed', failure: message, playing: false });
  }

  /**
   * Whatever the worker sends, the page either applies it or shows the failure banner: a message
   * it cannot read (a bug, a half-updated deployment) must not throw an uncaught error mid-frame.
   */
  private onMessage(msg: FromWorker): void {
    if (typeof msg !== 'object' || msg === null || typeof (msg as { type?: unknown }).type !== 'string') {
      return this.fail('The simulation sent a message the page cannot read.');
    }
    try {
      this.handle(msg);
    } catch (error) {
      this.fail(
        `The simulation sent a ${msg.type} message the page cannot read (${error instanceof Error ? error.message : String(error)}).`,
      );
    }
  }

  private handle(msg: FromWorker): void {
    if (msg.v !== PROTOCOL_VERSION)
      return this.fail(`The simulation speaks protocol ${String(msg.v)}, the page ${PROTOCOL_VERSION}: reload the page.`);
    switch (msg.type) {
      case 'ready':
      case 'loaded':
        return;
      case 'progress':
        if (this.outstanding?.id !== msg.id) return;
        this.outstanding.at = performance.now();
        this.lab.sim.setState({ replay: { from: msg.from, reached: msg.reached, target: msg.target } });
        return;
      case 'frame': {
        const problem = frameProblem(msg.frame);
        if (problem !== null) return this.fail(`The simulation sent a frame message the page cannot read (${problem}).`);
        if (msg.id < this.firstIdOfRun) return;
        if (this.outstanding?.id === msg.id) {
          if (this.outstanding.jump) this.lab.live.clock = msg.frame.now;
          this.outstanding = null;
          if (this.lab.sim.getState().replay) this.lab.sim.setState({ replay: null });
        }
        applyFrame(this.lab, msg.frame);
        applyTravel(this.lab.travel, msg.frame);
        applyFacts(this.lab, msg.frame);
        this.pump();
        return;
      }
      case 'explanation':
        return this.lab.actions.receiveExplanation(msg.id, msg.explanation);
      case 'error':
        this.outstanding = null;
        if (this.lab.sim.getState().replay) this.lab.sim.setState({ replay: null });
        if (msg.fatal) return this.fail(msg.message);
        this.lab.sim.setState({ notice: { message: msg.message, field: msg.field } });
        this.pump();
        return;
    }
  }

  private enqueue(command: Command): void {
    const last = this.queue.at(-1);
    if (command.type === 'seek' && last?.type === 'seek') this.queue[this.queue.length - 1] = command;
    else this.queue.push(command);
    this.pump();
  }

  /** Send the next queued command once nothing is in flight. */
  private pump(): void {
    const command = this.queue[0];
    if (!this.worker || this.outstanding || !command) return;
    this.queue.shift();
    const id = this.nextId++;
    const verbose = this.lab.sim.getState().verbose;
    const spacetime = this.spacetimeSpan(true);
    const v = PROTOCOL_VERSION;
    const from = this.lab.live.clock;
    this.outstanding = { id, at: performance.now(), jump: command.type !== 'act' && command.type !== 'watchGoal' };
    switch (command.type) {
      case 'step':
        // From the time on screen: the worker may be a frame behind it.
        return this.post({ type: 'step', v, id, from, verbose, spacetime });
      case 'stepBack':
        return this.post({ type: 'stepBack', v, id, from, verbose, spacetime });
      case 'seek':
        return this.post({ type: 'seek', v, id, t: command.t, verbose, spacetime });
      case 'act':
        return this.post({ type: 'act', v, id, at: command.at, action: command.action, verbose, spacetime });
      case 'watchGoal':
        return this.post({ type: 'watchGoal', v, id, watch: command.watch, goal: command.goal, since: command.since, verbose, spacetime });
    }
  }
}
