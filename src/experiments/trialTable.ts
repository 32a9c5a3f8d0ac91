import type { ExperimentConfig } from './config.ts';
import type { TrialResult } from './trial.ts';

/** A trial's outcome without its scenario, which runTrial rebuilds from the trial's number when asked. */
export type TrialRecord = Omit<TrialResult, 'scenario'>;

/**
 * Experiments up to this many trials (all ranges together) keep every trial's details, for the
 * trials CSV; larger ones keep what the statistics need (9 bytes a trial), so the largest
 * experiment allowed (6 million trials) stays around 60 MB.
 */
export const DETAIL_LIMIT = 600_000;

interface Detail {
  readonly seed: Uint32Array;
  readonly setupAttempts: Uint32Array;
  readonly crashAt: Float64Array;
  readonly crashOffset: Float64Array;
  /** NaN where null. */
  readonly electedMs: Float64Array;
  /** The new leader's number (S3: 3), 0 for none. */
  readonly newLeader: Uint8Array;
  readonly elections: Uint32Array;
  readonly splitVotes: Uint32Array;
  readonly failedElections: Uint32Array;
  /** NaN where null. */
  readonly broadcastMs: Float64Array;
}

/** Per range, sums over its trials: integers (broadcast in whole nanoseconds), so exact in any order. */
interface RangeTotals {
  splitVotes: number;
  withSplit: number;
  failedElections: number;
  broadcastNs: number;
  broadcasts: number;
  count: number;
}

/**
 * The outcomes of an experiment's trials in columns of numbers, one slot per trial in the
 * interleaved order (trial t of range r at t * ranges + r). A million trials as objects with
 * their scenarios took 1.7 GB; here the statistics read the same figures whatever order the
 * shards' trials arrived in.
 */
export class TrialTable {
  readonly config: ExperimentConfig;
  readonly size: number;
  private count = 0;
  /** 0: not in yet; 1: in; 2: in and capped. */
  private readonly state: Uint8Array;
  private readonly downtime: Float64Array;
  private readonly detail: Detail | null;
  private readonly totals: RangeTotals[];
  /** Per range, the slowest trial so far (ties: the lowest number), -1 before any. */
  private readonly slowest: number[];

  constructor(config: ExperimentConfig) {
    this.config = config;
    this.size = config.trials * config.ranges.length;
    const n = this.size;
    this.state = new Uint8Array(n);
    this.downtime = new Float64Array(n);
    this.detail =
      n <= DETAIL_LIMIT
        ? {
            seed: new Uint32Array(n),
            setupAttempts: new Uint32Array(n),
            crashAt: new Float64Array(n),
            crashOffset: new Float64Array(n),
            electedMs: new Float64Array(n),
            newLeader: new Uint8Array(n),
            elections: new Uint32Array(n),
            splitVotes: new Uint32Array(n),
            failedElections: new Uint32Array(n),
            broadcastMs: new Float64Array(n),
          }
        : null;
    this.totals = config.ranges.map(() => ({ splitVotes: 0, withSplit: 0, failedElections: 0, broadcastNs: 0, broadcasts: 0, count: 0 }));
    this.slowest = config.ranges.map(() => -1);
  }

  /** How many trials are in. */
  get length(): number {
    return this.count;
  }

  /** Whether every trial's details are kept (records() and the trials CSV). */
  get detailed(): boolean {
    return this.detail !== null;
  }

  slot(rangeIndex: number, trial: number): number {
    return trial * this.config.ranges.length + rangeIndex;
  }

  has(rangeIndex: number, trial: number): boolean {
    const p = this.slot(rangeIndex, trial);
    return p >= 0 && p < this.size && this.state[p] !== 0;
  }

  add(t: TrialRecord): void {
    if (!(t.rangeIndex >= 0 && t.rangeIndex < this.config.ranges.length && t.trial >= 0 && t.trial < this.config.trials)) return;
    const p = this.slot(t.rangeIndex, t.trial);
    if (this.state[p] !== 0) return;
    this.state[p] = t.capped ? 2 : 1;
    this.downtime[p] = t.downtimeMs;
    this.count++;
    const sum = this.totals[t.rangeIndex]!;
    sum.count++;
    sum.splitVotes += t.splitVotes;
    if (t.splitVotes > 0) sum.withSplit++;
    sum.failedElections += t.failedElections;
    if (t.broadcastMs !== null) {
      sum.broadcastNs += Math.round(t.broadcastMs * 1e6);
      sum.broadcasts++;
    }
    const s = this.slowest[t.rangeIndex]!;
    const sd = s < 0 ? -Infinity : this.downtime[this.slot(t.rangeIndex, s)]!;
    if (s < 0 || t.downtimeMs > sd || (t.downtimeMs === sd && t.trial < s)) this.slowest[t.rangeIndex] = t.trial;
    const d = this.detail;
    if (!d) return;
    d.seed[p] = t.seed;
    d.setupAttempts[p] = t.setupAttempts;
    d.crashAt[p] = t.crashAt;
    d.crashOffset[p] = t.crashOffset;
    d.electedMs[p] = t.electedMs ?? NaN;
    d.newLeader[p] = t.newLeader === null ? 0 : Number(t.newLeader.slice(1));
    d.elections[p] = t.elections;
    d.splitVotes[p] = t.splitVotes;
    d.failedElections[p] = t.failedElections;
    d.broadcastMs[p] = t.broadcastMs ?? NaN;
  }

  /** Range r's downtimes, all and of the uncapped trials only, each ascending. */
  downtimes(r: number): { readonly all: Float64Array; readonly uncapped: Float64Array } {
    const n = this.totals[r]!.count;
    const all = new Float64Array(n);
    let k = 0;
    let u = 0;
    for (let p = r; p < this.size; p += this.config.ranges.length) {
      const st = this.state[p]!;
      if (st === 0) continue;
      all[k++] = this.downtime[p]!;
      if (st === 1) u++;
    }
    const uncapped = new Float64Array(u);
    u = 0;
    for (let p = r; p < this.size; p += this.config.ranges.length) if (this.state[p] === 1) uncapped[u++] = this.downtime[p]!;
    return { all: all.sort(), uncapped: uncapped.sort() };
  }

  totalsOf(r: number): Readonly<RangeTotals> & { readonly slowestTrial: number } {
    return { ...this.totals[r]!, slowestTrial: this.slowest[r]! };
  }

  /** The mean broadcast time over every trial's elections, or null before any. */
  broadcastMean(): number | null {
    let ns = 0;
    let n = 0;
    for (const t of this.totals) {
      ns += t.broadcastNs;
      n += t.broadcasts;
    }
    return n === 0 ? null : ns / 1e6 / n;
  }

  /** Every trial in, in the interleaved order; empty when details are not kept. */
  records(): TrialRecord[] {
    const d = this.detail;
    if (!d) return [];
    const ranges = this.config.ranges.length;
    const out: TrialRecord[] = [];
    for (let p = 0; p < this.size; p++) {
      if (this.state[p] === 0) continue;
      const rangeIndex = p % ranges;
      const elected = d.electedMs[p]!;
      const broadcast = d.broadcastMs[p]!;
      out.push({
        rangeIndex,
        range: this.config.ranges[rangeIndex]!,
        trial: Math.floor(p / ranges),
        seed: d.seed[p]!,
        setupAttempts: d.setupAttempts[p]!,
        crashAt: d.crashAt[p]!,
        crashOffset: d.crashOffset[p]!,
        downtimeMs: this.downtime[p]!,
        electedMs: Number.isNaN(elected) ? null : elected,
        capped: this.state[p] === 2,
        newLeader: d.newLeader[p] === 0 ? null : `S${d.newLeader[p]}`,
        elections: d.elections[p]!,
        splitVotes: d.splitVotes[p]!,
        failedElections: d.failedElections[p]!,
        broadcastMs: Number.isNaN(broadcast) ? null : broadcast,
      });
    }
    return out;
  }

  static of(config: ExperimentConfig, trials: readonly TrialRecord[]): TrialTable {
    const table = new TrialTable(config);
    for (const t of trials) table.add(t);
    return table;
  }
}
