import { writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import {
  checkConfig,
  DEFAULT_CONFIG,
  ExperimentConfigError,
  ExperimentRunner,
  formatTable,
  PAPER_RANGES_RANDOMNESS,
  PAPER_RANGES_SCALE,
  summarize,
  summaryCsv,
  trialsCsv,
  type ExperimentConfig,
  type Shard,
  type TimeoutRange,
  type TrialResult,
} from '../src/experiments/index.ts';

// npm run experiment -- [--trials N] [--ranges 150-150,150-155,...] [--seed N] [--latency A-B]
//   [--disk MS] [--heartbeat MS] [--cap MS] [--prevote] [--checkquorum] [--workers N]
//   [--csv FILE] [--summary-csv FILE]
// Reproduces the Raft paper's Figure 16 and prints the table with the paper's figures beside it.

const USAGE = `usage: npm run experiment -- [options]
  --trials N          trials per range (default ${DEFAULT_CONFIG.trials})
  --ranges LIST       election timeout ranges, e.g. 150-150,150-155 (default: the paper's top graph);
                      "paper" for the top graph, "scale" for the bottom one (12-24 ... 150-300)
  --seed N            experiment seed (default ${DEFAULT_CONFIG.seed})
  --latency A-B       one-way network latency in ms (default ${DEFAULT_CONFIG.latency.join('-')})
  --disk MS           disk write whenever a server changes its term, vote or log (default ${DEFAULT_CONFIG.diskWrite})
  --heartbeat MS      heartbeat interval (default: half the minimum election timeout)
  --cap MS            give up on a trial this long after the crash (default ${DEFAULT_CONFIG.capMs})
  --prevote, --checkquorum   turn the extensions on
  --workers N         worker threads (default 1; each costs about a second to start, so 2 pays off
                      only on an idle machine or with more trials); results do not depend on it
  --csv FILE          write one row per trial
  --summary-csv FILE  write one row per range`;

interface CliOptions {
  readonly config: ExperimentConfig;
  readonly workers: number;
  readonly csv: string | null;
  readonly summaryCsv: string | null;
}

function pair(text: string, what: string): [number, number] {
  const m = /^(\d+)-(\d+)$/.exec(text.trim());
  if (!m) throw new ExperimentConfigError(`${what} must look like A-B (got "${text}")`);
  return [Number(m[1]), Number(m[2])];
}

function whole(text: string | undefined, what: string): number {
  if (text === undefined || !/^\d+$/.test(text)) throw new ExperimentConfigError(`${what} must be a whole number (got "${text ?? ''}")`);
  return Number(text);
}

function parseArgs(argv: readonly string[]): CliOptions {
  let config: ExperimentConfig = DEFAULT_CONFIG;
  let workers = 1;
  let csv: string | null = null;
  let summary: string | null = null;
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new ExperimentConfigError(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case '--trials':
        config = { ...config, trials: whole(value(), flag) };
        break;
      case '--seed':
        config = { ...config, seed: whole(value(), flag) };
        break;
      case '--latency':
        config = { ...config, latency: pair(value(), flag) };
        break;
      case '--disk':
        config = { ...config, diskWrite: whole(value(), flag) };
        break;
      case '--heartbeat':
        config = { ...config, heartbeat: whole(value(), flag) };
        break;
      case '--cap':
        config = { ...config, capMs: whole(value(), flag) };
        break;
      case '--prevote':
        config = { ...config, preVote: true };
        break;
      case '--checkquorum':
        config = { ...config, checkQuorum: true };
        break;
      case '--ranges': {
        const v = value();
        const ranges: readonly TimeoutRange[] =
          v === 'paper' ? PAPER_RANGES_RANDOMNESS : v === 'scale' ? PAPER_RANGES_SCALE : v.split(',').map((r) => pair(r, 'a range'));
        config = { ...config, ranges };
        break;
      }
      case '--workers':
        workers = Math.max(1, Math.min(availableParallelism(), whole(value(), flag)));
        break;
      case '--csv':
        csv = value();
        break;
      case '--summary-csv':
        summary = value();
        break;
      case '--help':
      case '-h':
        console.log(USAGE);
        process.exit(0);
        break;
      default:
        throw new ExperimentConfigError(`unknown option ${flag}`);
    }
  }
  checkConfig(config);
  return { config, workers, csv, summaryCsv: summary };
}

interface WorkerTask {
  readonly config: ExperimentConfig;
  readonly shard: Shard;
}

type WorkerMessage =
  { readonly type: 'progress'; readonly done: number } | { readonly type: 'done'; readonly trials: readonly TrialResult[] };

/** Runs one shard; posts progress between batches, as the browser's worker will. */
function workerMain(task: WorkerTask): void {
  const runner = new ExperimentRunner(task.config, task.shard);
  while (!runner.done) {
    runner.runBatch(50);
    parentPort!.postMessage({ type: 'progress', done: runner.completed } satisfies WorkerMessage);
  }
  parentPort!.postMessage({ type: 'done', trials: runner.trials() } satisfies WorkerMessage);
}

/**
 * Each worker loads this same file. Run as a compiled bundle (cli/launch.mjs) it imports it
 * directly; run through tsx, whose loader worker threads do not inherit, it registers tsx first.
 */
function startWorker(task: WorkerTask): Worker {
  const self = JSON.stringify(import.meta.url);
  const source = import.meta.url.endsWith('.ts')
    ? `import('tsx/esm/api').then((api) => { api.register(); return import(${self}); })`
    : `import(${self})`;
  return new Worker(source, { eval: true, workerData: task });
}

async function runSharded(config: ExperimentConfig, count: number, onProgress: (done: number) => void): Promise<TrialResult[]> {
  const done = new Array<number>(count).fill(0);
  const parts = await Promise.all(
    Array.from(
      { length: count },
      (_, index) =>
        new Promise<readonly TrialResult[]>((resolve, reject) => {
          const worker = startWorker({ config, shard: { index, count } });
          worker.on('message', (m: WorkerMessage) => {
            if (m.type === 'progress') {
              done[index] = m.done;
              onProgress(done.reduce((a, b) => a + b, 0));
            } else {
              resolve(m.trials);
              void worker.terminate();
            }
          });
          worker.on('error', reject);
        }),
    ),
  );
  return parts.flat();
}

async function main(): Promise<void> {
  let options: CliOptions;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (e) {
    if (e instanceof ExperimentConfigError) {
      console.error(`experiment: ${e.message}\n\n${USAGE}`);
      process.exit(2);
    }
    throw e;
  }
  const { config } = options;
  const total = config.trials * config.ranges.length;
  const workers = Math.min(options.workers, total);
  const progress = (done: number): void => {
    if (process.stderr.isTTY) process.stderr.write(`\r${done}/${total} trials`);
  };
  const started = performance.now();
  let trials: TrialResult[];
  if (workers <= 1) {
    const runner = new ExperimentRunner(config);
    while (!runner.done) {
      runner.runBatch(50);
      progress(runner.completed);
    }
    trials = runner.trials().slice();
  } else {
    trials = await runSharded(config, workers, progress);
  }
  const seconds = (performance.now() - started) / 1000;
  if (process.stderr.isTTY) process.stderr.write('\r\x1b[K');
  const result = summarize(config, trials);
  console.log(formatTable(result));
  console.log(
    `\n${total} trials in ${seconds.toFixed(2)} s on ${workers} thread${workers === 1 ? '' : 's'} (${(total / seconds).toFixed(0)} trials/s).`,
  );
  const slowest = result.ranges.map((r) => `${r.label}: trial ${r.slowestTrial}`).join(', ');
  console.log(`Slowest trials (open their scenario from the --csv seed, or runTrial(config, range, trial)): ${slowest}.`);
  if (options.csv) writeFileSync(options.csv, trialsCsv(trials));
  if (options.summaryCsv) writeFileSync(options.summaryCsv, summaryCsv(result));
}

if (isMainThread) {
  void main();
} else {
  workerMain(workerData as WorkerTask);
}
