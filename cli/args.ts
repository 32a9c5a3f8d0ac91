import { LIMITS } from '../src/sim/settings.ts';

export const USAGE = `usage: npm run sim -- <scenario.json> [--seed N | --seeds A-B] [--until MS] [--trace FILE|-]

  <scenario.json>  a scenario document (see src/scenarios/ for examples)
  --seed N         run with seed N instead of the scenario's settings.seed
  --seeds A-B      run every seed from A to B in turn; each run's trace starts with {"type":"run","seed":N}
  --until MS       simulated milliseconds to run (default: the scenario's "until", else 10000)
  --trace FILE     write the trace as JSON lines to FILE; with "-", to stdout (the summary then goes to stderr)

A long run shows its progress on the terminal; Ctrl-C stops it, writing the summary (and the trace's
final line) for the time reached.

exit status: 0 ran without Figure 3 violations, 1 ran and some run had violations, 2 bad arguments or scenario,
130 stopped by Ctrl-C`;

export const DEFAULT_UNTIL = 10_000;
const MAX_UNTIL = LIMITS.runTime.max;

export interface SeedRange {
  readonly from: number;
  readonly to: number;
}

export interface CliArgs {
  /** The scenario argument as given: today a file path. */
  readonly source: string;
  /** --seed: replaces the scenario's settings.seed. */
  readonly seed: number | null;
  /** --seeds A-B: run every seed from A to B, both included. */
  readonly seedRange: SeedRange | null;
  readonly until: number | null;
  /** Where the trace goes: a file path, '-' for stdout, or null for no trace. */
  readonly trace: string | null;
  readonly help: boolean;
}

/** A problem with the command line itself; the message says which argument and why. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

const VALUE_FLAGS = new Set(['--seed', '--seeds', '--until', '--trace']);

export function parseArgs(argv: readonly string[]): CliArgs {
  const values = new Map<string, string>();
  const positional: string[] = [];
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '-h' || arg === '--help') {
      help = true;
      continue;
    }
    // "-" alone is a value (stdout), never a flag.
    if (!arg.startsWith('-') || arg === '-') {
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const flag = eq < 0 ? arg : arg.slice(0, eq);
    if (!VALUE_FLAGS.has(flag)) throw new UsageError(`unknown option ${flag}`);
    if (values.has(flag)) throw new UsageError(`${flag} is given twice`);
    const value = eq < 0 ? argv[++i] : arg.slice(eq + 1);
    if (value === undefined || value === '') throw new UsageError(`${flag} needs a value`);
    values.set(flag, value);
  }
  if (help) return { source: '', seed: null, seedRange: null, until: null, trace: null, help };
  if (positional.length === 0) throw new UsageError('no scenario given');
  if (positional.length > 1) throw new UsageError(`one scenario at a time (got ${positional.map((p) => `"${p}"`).join(', ')})`);

  const seed = values.get('--seed');
  const seedRange = values.get('--seeds');
  if (seed !== undefined && seedRange !== undefined) throw new UsageError('give --seed or --seeds, not both');
  const until = values.get('--until');
  return {
    source: positional[0]!,
    seed: seed === undefined ? null : parseSeed(seed, '--seed'),
    seedRange: seedRange === undefined ? null : parseSeedRange(seedRange),
    until: until === undefined ? null : parseWhole(until, '--until', 0, MAX_UNTIL),
    trace: values.get('--trace') ?? null,
    help,
  };
}

function parseWhole(text: string, flag: string, min: number, max: number): number {
  if (!/^\d+$/.test(text)) throw new UsageError(`${flag} must be a whole number (got "${text}")`);
  const n = Number(text);
  if (n < min || n > max) throw new UsageError(`${flag} must be between ${min} and ${max} (got ${text})`);
  return n;
}

function parseSeed(text: string, flag: string): number {
  return parseWhole(text, flag, LIMITS.seed.min, LIMITS.seed.max);
}

function parseSeedRange(text: string): SeedRange {
  const match = /^(\d+)-(\d+)$/.exec(text);
  if (!match) throw new UsageError(`--seeds must be a range A-B, such as 1-20 (got "${text}")`);
  const from = parseSeed(match[1]!, '--seeds');
  const to = parseSeed(match[2]!, '--seeds');
  if (to < from) throw new UsageError(`--seeds ${text}: the range ends before it starts`);
  return { from, to };
}
