import type { TimeoutRange } from './config.ts';

/**
 * The paper's back-of-the-envelope model of an election (§9.3), as numbers to set beside the
 * measurements. Continuous uniform timeouts; the simulator draws whole milliseconds, which for
 * narrow ranges makes ties more likely than the model says.
 */
export interface ModelPrediction {
  /** Live servers racing to time out. */
  readonly servers: number;
  /** Expected first timeout among them, in ms after their timers were reset: min + width/(s+1). */
  readonly firstTimeoutMs: number;
  /** The same among the servers whose logs allow them to win. */
  readonly firstEligibleTimeoutMs: number;
  /**
   * Probability that another server times out within one message delay of the first, before
   * the first one's RequestVote can reach it: 1 - (1 - delay/width)^s. Such a near-tie is
   * what a split vote needs, so this bounds the chance that a round of voting splits.
   */
  readonly nearTieProbability: number;
  /**
   * Expected downtime if the first eligible server to time out wins at once: its timeout,
   * less the time from the last heartbeat to the crash (half an interval on average), plus the
   * heartbeat's, the vote request's, the vote's and the new heartbeat's delays.
   */
  readonly downtimeMs: number;
}

export interface ModelInputs {
  readonly range: TimeoutRange;
  /** Survivors of the crash (4 in the paper). */
  readonly servers: number;
  /** Survivors whose log lets them win (2 in the paper's setup). */
  readonly eligible: number;
  /** Mean one-way message delay in ms (network plus disk write). */
  readonly delayMs: number;
  readonly heartbeatMs: number;
}

/** Expected minimum of n uniform draws from [min, max]: the minimum plus width/(n+1). */
export function expectedFirstTimeout(range: TimeoutRange, n: number): number {
  return range[0] + (range[1] - range[0]) / (n + 1);
}

/** P(some other of n servers times out within `delay` of the first), for uniform timeouts. */
export function nearTieProbability(range: TimeoutRange, n: number, delay: number): number {
  const width = range[1] - range[0];
  if (n < 2) return 0;
  if (width <= delay) return 1;
  // n uniform draws cut the range into n + 1 gaps that are exchangeable, each longer than d
  // with probability (1 - d/w)^n; the gap from the earliest draw to the next is one of them.
  return 1 - Math.pow(1 - delay / width, n);
}

export function predict(inputs: ModelInputs): ModelPrediction {
  const { range, servers, eligible, delayMs, heartbeatMs } = inputs;
  const firstEligibleTimeoutMs = expectedFirstTimeout(range, eligible);
  return {
    servers,
    firstTimeoutMs: expectedFirstTimeout(range, servers),
    firstEligibleTimeoutMs,
    nearTieProbability: nearTieProbability(range, servers, delayMs),
    downtimeMs: firstEligibleTimeoutMs - heartbeatMs / 2 + 4 * delayMs,
  };
}
