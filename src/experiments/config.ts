import { LIMITS } from '../sim/settings.ts';

/** An election timeout range [min, max] in simulated ms, as in the paper's Figure 16 legend. */
export type TimeoutRange = readonly [number, number];

/** The paper's top graph: a fixed 150 ms minimum with more and more randomness. */
export const PAPER_RANGES_RANDOMNESS: readonly TimeoutRange[] = [
  [150, 150],
  [150, 151],
  [150, 155],
  [150, 175],
  [150, 200],
  [150, 300],
];

/** The paper's bottom graph: shorter timeouts, always with a range as wide as the minimum. */
export const PAPER_RANGES_SCALE: readonly TimeoutRange[] = [
  [12, 24],
  [25, 50],
  [50, 100],
  [100, 200],
  [150, 300],
];

/**
 * Everything that shapes an experiment. Plain data, so it crosses a worker boundary as is and a
 * result can carry the config that produced it.
 */
export interface ExperimentConfig {
  /** The experiment seed: trial i of every range runs with a seed derived from (seed, i). */
  readonly seed: number;
  /** Trials per range. */
  readonly trials: number;
  readonly ranges: readonly TimeoutRange[];
  /** One-way network latency range in ms, drawn per message. */
  readonly latency: readonly [number, number];
  /**
   * Time to write persistent state to disk, in ms (the simulator's `diskWrite`): as in real
   * servers, only a step that changes currentTerm, votedFor or the log writes, and its messages
   * wait for the write. A candidate writes its term and vote before asking, a voter its vote
   * before answering, a follower new entries before acknowledging; a heartbeat writes nothing.
   * Each hop of an election carries one write, which is what makes the paper's broadcast time.
   */
  readonly diskWrite: number;
  /** Heartbeat interval in ms; null means half the range's minimum election timeout (the paper's setup). */
  readonly heartbeat: number | null;
  /** Simulated ms after the crash after which a trial gives up and is reported as capped. */
  readonly capMs: number;
  readonly preVote: boolean;
  readonly checkQuorum: boolean;
}

/**
 * The experiment's default setup: five servers, 2-3 ms one way on the network and a 4 ms disk
 * write wherever a server's persistent state changes, so a vote takes about 9 ms to come back.
 * A LAN's delay varies little compared with its length (here 2-3 ms): so, as on the paper's
 * cluster, servers that time out in step stay in step (150-150 never elects), while 5 ms of
 * randomness already separates them. With it Figure 16 is reproduced (README, "Experiments").
 */
export const DEFAULT_CONFIG: ExperimentConfig = Object.freeze({
  seed: 1,
  trials: 1000,
  ranges: PAPER_RANGES_RANDOMNESS,
  latency: [2, 3] as const,
  diskWrite: 4,
  heartbeat: null,
  capMs: 60_000,
  preVote: false,
  checkQuorum: false,
});

/** Five servers, as in the paper: one leader crashes, four survive. */
export const CLUSTER_SIZE = 5;

export class ExperimentConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ExperimentConfigError';
  }
}

/** The heartbeat a range runs with. */
export function heartbeatFor(config: ExperimentConfig, range: TimeoutRange): number {
  return config.heartbeat ?? Math.max(1, Math.floor(range[0] / 2));
}

/**
 * The broadcast time the delays give, on average: a candidate's request crosses the network,
 * the voter writes its vote to disk, the granted vote crosses back.
 */
export function broadcastTime(config: ExperimentConfig): number {
  return config.latency[0] + config.latency[1] + config.diskWrite;
}

/** Refuse configs the simulator or the scenario format cannot run, naming the problem. */
export function checkConfig(config: ExperimentConfig): void {
  const whole = (x: number, name: string, min: number, max: number): void => {
    if (!Number.isInteger(x) || x < min || x > max) {
      throw new ExperimentConfigError(`${name} must be a whole number from ${min} to ${max} (got ${x})`);
    }
  };
  whole(config.seed, 'seed', LIMITS.seed.min, LIMITS.seed.max);
  whole(config.trials, 'trials', 1, 1_000_000);
  whole(config.diskWrite, 'diskWrite', 0, 1000);
  whole(config.capMs, 'capMs', 1, 3_600_000);
  whole(config.latency[0], 'latency min', 0, LIMITS.latency.max);
  whole(config.latency[1], 'latency max', config.latency[0], LIMITS.latency.max);
  if (config.latency[0] < LIMITS.latency.min) throw new ExperimentConfigError(`latency min must be at least ${LIMITS.latency.min} ms`);
  if (config.ranges.length === 0) throw new ExperimentConfigError('at least one election timeout range is needed');
  for (const range of config.ranges) {
    whole(range[0], 'election timeout min', 2, LIMITS.time.max);
    whole(range[1], 'election timeout max', range[0], LIMITS.time.max);
    const heartbeat = heartbeatFor(config, range);
    whole(heartbeat, 'heartbeat', 1, range[0] - 1);
  }
}

export function rangeLabel(range: TimeoutRange): string {
  return `${range[0]}-${range[1]}`;
}
