import type { Scenario } from '../src/sim/scenario.ts';
import { settingsWarnings } from '../src/sim/warnings.ts';
import { DEFAULT_UNTIL, parseArgs, USAGE, UsageError, type CliArgs } from './args.ts';
import { runScenario, type Checkpoint, type LineSink } from './run.ts';
import { loadScenario, SourceError, type ReadText } from './source.ts';
import { formatSummary, formatSweep } from './summary.ts';

/** A trace destination that must be closed (flushed) when the runs are done. */
export interface TraceSink {
  readonly write: LineSink;
  close(): void;
}

/** Everything the CLI touches outside itself, so tests can run it in-process. */
export interface CliIO {
  readonly readText: ReadText;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Open a trace file for writing (throws if it cannot). */
  readonly openFile: (path: string) => TraceSink;
  /** The trace on stdout, for `--trace -`. */
  readonly openStdout: () => TraceSink;
  /** The terminal, for long runs: progress and Ctrl-C. Without it a run goes straight through. */
  readonly terminal?: Terminal;
}

/** What a long run needs from the terminal it runs in. */
export interface Terminal {
  /** Wall-clock milliseconds (any origin). */
  now(): number;
  /** Show one status line in place of the previous one; '' clears it. */
  progress(line: string): void;
  /** True once the person asked to stop (Ctrl-C). */
  interrupted(): boolean;
  /** Let pending events (a Ctrl-C) be handled. */
  yield(): Promise<void>;
}

export const EXIT_OK = 0;
export const EXIT_VIOLATIONS = 1;
export const EXIT_USAGE = 2;
/** Stopped by Ctrl-C (128 + SIGINT, as shells report it); the summary covers the time reached. */
export const EXIT_INTERRUPTED = 130;

/** Wall ms before a run starts showing its progress, and between updates. */
const PROGRESS_AFTER_MS = 1000;
const PROGRESS_EVERY_MS = 250;
/** Wall ms between chances for a Ctrl-C to be handled. */
const YIELD_EVERY_MS = 50;

/** Progress for one run: percent of simulated time and events per second, once it is slow enough to need it. */
function watch(terminal: Terminal, label: string, until: number): Checkpoint {
  const start = terminal.now();
  let shownAt = -Infinity;
  let yieldedAt = start;
  return (now, events) => {
    const wall = terminal.now();
    if (wall - start >= PROGRESS_AFTER_MS && wall - shownAt >= PROGRESS_EVERY_MS) {
      shownAt = wall;
      const rate = Math.round(events / ((wall - start) / 1000));
      const pct = ((100 * now) / until).toFixed(1);
      terminal.progress(`${label}: ${pct}% of ${until} ms simulated, ${rate.toLocaleString('en-US')} events/s (Ctrl-C stops)`);
    }
    if (wall - yieldedAt < YIELD_EVERY_MS) return !terminal.interrupted();
    yieldedAt = wall;
    return terminal.yield().then(() => !terminal.interrupted());
  };
}

/** The whole command: returns the exit status instead of exiting, so tests can call it. */
export async function main(argv: readonly string[], io: CliIO): Promise<number> {
  let args: CliArgs;
  let scenario: Scenario;
  try {
    args = parseArgs(argv);
    if (args.help) {
      io.stdout(USAGE + '\n');
      return EXIT_OK;
    }
    scenario = await loadScenario(args.source, io.readText);
  } catch (err) {
    if (err instanceof UsageError || err instanceof SourceError) {
      io.stderr(`sim: ${err.message}\n`);
      if (err instanceof UsageError) io.stderr(`${USAGE}\n`);
      return EXIT_USAGE;
    }
    throw err;
  }

  let sink: TraceSink | null = null;
  if (args.trace !== null) {
    try {
      sink = args.trace === '-' ? io.openStdout() : io.openFile(args.trace);
    } catch (err) {
      io.stderr(`sim: --trace: cannot write ${args.trace}: ${err instanceof Error ? err.message : String(err)}\n`);
      return EXIT_USAGE;
    }
  }
  // With the trace on stdout, the human summary must not mix into it.
  const say = args.trace === '-' ? io.stderr : io.stdout;
  const until = args.until ?? scenario.until ?? DEFAULT_UNTIL;
  for (const warning of settingsWarnings(scenario.settings)) io.stderr(`sim: warning: ${warning}\n`);
  const terminal = io.terminal;
  const checkpoint = (seed: number): Checkpoint | null => (terminal ? watch(terminal, `seed ${seed}`, until) : null);
  let status = EXIT_OK;
  try {
    if (args.seedRange === null) {
      const seed = args.seed ?? scenario.settings.seed;
      const report = await runScenario(scenario, seed, until, sink?.write ?? null, checkpoint(seed));
      terminal?.progress('');
      say(formatSummary(report));
      if (report.violations.length > 0) status = EXIT_VIOLATIONS;
      if (report.interrupted) status = EXIT_INTERRUPTED;
    } else {
      const { from, to } = args.seedRange;
      const badSeeds: number[] = [];
      let last = from - 1;
      for (let seed = from; seed <= to; seed++) {
        sink?.write(JSON.stringify({ type: 'run', seed }));
        const report = await runScenario(scenario, seed, until, sink?.write ?? null, checkpoint(seed));
        terminal?.progress('');
        say(formatSummary(report));
        if (report.violations.length > 0) badSeeds.push(seed);
        last = seed;
        if (report.interrupted || terminal?.interrupted()) {
          status = EXIT_INTERRUPTED;
          break;
        }
      }
      say(formatSweep(from, last, badSeeds));
      if (badSeeds.length > 0 && status === EXIT_OK) status = EXIT_VIOLATIONS;
    }
  } finally {
    sink?.close();
  }
  return status;
}
