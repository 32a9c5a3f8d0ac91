import type { Scenario } from '../src/sim/scenario.ts';
import { DEFAULT_UNTIL, parseArgs, USAGE, UsageError, type CliArgs } from './args.ts';
import { runScenario, type LineSink } from './run.ts';
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
}

export const EXIT_OK = 0;
export const EXIT_VIOLATIONS = 1;
export const EXIT_USAGE = 2;

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
  let status = EXIT_OK;
  try {
    if (args.seedRange === null) {
      const report = runScenario(scenario, args.seed ?? scenario.settings.seed, until, sink?.write ?? null);
      say(formatSummary(report));
      if (report.violations.length > 0) status = EXIT_VIOLATIONS;
    } else {
      const { from, to } = args.seedRange;
      const badSeeds: number[] = [];
      for (let seed = from; seed <= to; seed++) {
        sink?.write(JSON.stringify({ type: 'run', seed }));
        const report = runScenario(scenario, seed, until, sink?.write ?? null);
        say(formatSummary(report));
        if (report.violations.length > 0) badSeeds.push(seed);
      }
      say(formatSweep(from, to, badSeeds));
      if (badSeeds.length > 0) status = EXIT_VIOLATIONS;
    }
  } finally {
    sink?.close();
  }
  return status;
}
