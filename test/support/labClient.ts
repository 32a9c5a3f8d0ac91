import { ExperimentRunner } from '../../src/experiments/runner.ts';
import { SCENARIO_VERSION } from '../../src/sim/scenario.ts';
import { DEFAULT_SETTINGS } from '../../src/sim/settings.ts';
import type { LabClient } from '../../src/store/client.ts';
import { SimDriver } from '../../src/worker/driver.ts';
import { EXPERIMENT_PROTOCOL_VERSION } from '../../src/worker/experimentProtocol.ts';
import { PROTOCOL_VERSION } from '../../src/worker/protocol.ts';
import type { FromWorker } from '../../src/worker/protocol.ts';
import { WorkerSession, type Scheduler } from '../../src/worker/session.ts';

/**
 * The lab's workers run in-process: the simulation worker is the real worker code (a
 * `WorkerSession` around a `SimDriver`), its messages queued and structured-cloned as postMessage
 * would, and delivered when the test calls `flush()` (or `deliver()`), as if the worker had just
 * got the CPU. A long replay's next slice waits in the same queue, behind messages already sent.
 */
export class InProcessWorkers implements LabClient {
  readonly cores = 2;
  /** The driver of the latest simulation worker, to compare the page with what the worker knows. */
  driver: SimDriver | null = null;
  private readonly inbox: (() => void)[] = [];

  /** @param clock the worker's real time; a test may make each reading cost time (a slow machine). */
  constructor(private readonly clock: () => number = () => performance.now()) {}

  spawnSim: LabClient['spawnSim'] = (on) => {
    const driver = new SimDriver({ version: SCENARIO_VERSION, settings: DEFAULT_SETTINGS, actions: [] });
    this.driver = driver;
    let alive = true;
    const send = (reply: FromWorker) => this.inbox.push(() => alive && on.message(structuredClone(reply)));
    const scheduler: Scheduler = { later: (fn) => this.inbox.push(() => alive && fn()), now: this.clock };
    const session = new WorkerSession(driver, send, scheduler);
    send({ type: 'ready', v: PROTOCOL_VERSION });
    return {
      post: (message) => this.inbox.push(() => alive && session.receive(structuredClone(message))),
      terminate: () => {
        alive = false;
      },
    };
  };

  spawnExperiment: LabClient['spawnExperiment'] = (on) => {
    let alive = true;
    return {
      post: (message) =>
        this.inbox.push(() => {
          if (!alive || message.type !== 'run') return;
          const runner = new ExperimentRunner(message.config, message.shard);
          const trials = [];
          while (!runner.done) trials.push(...runner.runBatch(1));
          on.message({ type: 'trials', v: EXPERIMENT_PROTOCOL_VERSION, runId: message.runId, trials, done: true });
        }),
      terminate: () => {
        alive = false;
      },
    };
  };

  /** Deliver the oldest message in flight (or run the worker's next slice); false when all is quiet. */
  deliver(): boolean {
    const next = this.inbox.shift();
    next?.();
    return next !== undefined;
  }

  /** Deliver every message in flight, and those their answers cause, until all is quiet. */
  flush(): void {
    for (let guard = 0; this.inbox.length > 0; guard++) {
      if (guard > 100_000) throw new Error('the page and the worker never stop talking');
      this.inbox.shift()!();
    }
  }
}
