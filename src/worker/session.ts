import type { SimDriver } from './driver.ts';
import { PROTOCOL_VERSION, type FromWorker, type ToWorker } from './protocol.ts';
import { failure, serve, type Request } from './serve.ts';

/**
 * Real ms of work between two progress reports. Short enough that a cancel is read within a
 * blink and the page's watchdog hears from the worker many times a second, long enough that the
 * slicing costs nothing measurable.
 */
export const SLICE_MS = 50;

/** How the session waits and tells time: the worker's timers, or a test's. */
export interface Scheduler {
  /** Run `fn` after the messages already waiting (a cancel among them) have been read. */
  later(fn: () => void): void;
  /** Real milliseconds, for sizing slices. */
  now(): number;
}

/** A request answered by a frame: every one that moves the run. */
type Moving = Exclude<Request, { readonly type: 'load' } | { readonly type: 'explain' }>;

interface Job {
  readonly msg: Moving;
  readonly from: number;
  readonly target: number;
  /** Simulated ms per call into the driver, grown or shrunk so one call stays well under a slice. */
  step: number;
  cancelled: boolean;
}

/**
 * The worker's side of the conversation over time. Most requests are answered at once by
 * `serve`. A request that must first run the simulation far forward (opening a link at an hour,
 * a long seek) is replayed in slices: between slices the worker reports how far it is and reads
 * its messages, so the page can show progress and cancel, and never mistakes long work for a
 * dead worker. Slicing changes nothing in the run: advancing in pieces is how a run grows anyway.
 */
export class WorkerSession {
  private job: Job | null = null;
  /** Requests that arrived while a replay was running, answered in order after it. */
  private waiting: ToWorker[] = [];

  constructor(
    private readonly driver: SimDriver,
    private readonly post: (message: FromWorker) => void,
    private readonly clock: Scheduler,
  ) {}

  receive(msg: ToWorker): void {
    if (msg.type === 'cancel') {
      if (this.job && this.job.msg.id === msg.id) this.job.cancelled = true;
      return;
    }
    if (msg.type === 'load') {
      // A new run: the old run's replay and whatever waited behind it are moot.
      this.job = null;
      this.waiting = [];
      return this.post(serve(this.driver, msg));
    }
    if (msg.type === 'explain') return this.post(serve(this.driver, msg));
    if (this.job) {
      this.waiting.push(msg);
      return;
    }
    const target = msg.v === PROTOCOL_VERSION ? targetOf(msg) : null;
    if (target === null || target <= this.driver.now) return this.post(serve(this.driver, msg));
    const job: Job = { msg, from: this.driver.now, target, step: 50, cancelled: false };
    this.job = job;
    this.run(job);
  }

  /** Work on `job` for one slice; answer it when done (or cancelled), else report and come back. */
  private run(job: Job): void {
    if (this.job !== job) return;
    const start = this.clock.now();
    try {
      while (!job.cancelled && this.driver.now < job.target) {
        const t0 = this.clock.now();
        this.driver.seek(Math.min(job.target, this.driver.now + job.step));
        const took = this.clock.now() - t0;
        if (took < SLICE_MS / 8) job.step *= 2;
        else if (took > SLICE_MS / 2) job.step = Math.max(1, Math.floor(job.step / 2));
        if (this.driver.now < job.target && this.clock.now() - start >= SLICE_MS) {
          const reached = this.driver.now;
          this.post({ type: 'progress', v: PROTOCOL_VERSION, id: job.msg.id, from: job.from, reached, target: job.target });
          this.clock.later(() => this.run(job));
          return;
        }
      }
    } catch (error) {
      this.job = null;
      this.waiting = [];
      return this.post(failure(error));
    }
    this.job = null;
    // Cancelled: answer with the moment reached, whatever was asked (an action is not taken).
    const { id, verbose, spacetime } = job.msg;
    const answer: Request = job.cancelled ? { type: 'seek', v: PROTOCOL_VERSION, id, t: this.driver.now, verbose, spacetime } : job.msg;
    this.post(serve(this.driver, answer));
    for (const next of this.waiting.splice(0)) this.receive(next);
  }
}

/** The simulated time a request first goes to (all but `watchGoal` move the run), or null. */
function targetOf(msg: Moving): number | null {
  const t =
    msg.type === 'frame'
      ? msg.until
      : msg.type === 'seek'
        ? msg.t
        : msg.type === 'act'
          ? msg.at
          : msg.type === 'step' || msg.type === 'stepBack'
            ? msg.from
            : null;
  return t !== null && Number.isFinite(t) ? Math.floor(t) : null;
}
