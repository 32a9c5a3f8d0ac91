import { createRng, hash32 } from '../engine/rng.ts';
import { drawDuration, later, onGrid } from '../engine/time.ts';
import type { NodeId } from '../engine/types.ts';
import { SCENARIO_VERSION, type Action, type Scenario } from '../sim/scenario.ts';
import { DEFAULT_SETTINGS, type ClusterSettings } from '../sim/settings.ts';
import { Simulation } from '../sim/simulation.ts';
import { CLUSTER_SIZE, heartbeatFor, rangeLabel, type ExperimentConfig, type TimeoutRange } from './config.ts';
import { provenLivelock, remainingRounds } from './livelock.ts';
import { ElectionProbe } from './probe.ts';
import { BEHIND, LEADER, prepareCluster } from './setup.ts';

/** One trial: the leader crashes, the survivors elect a new one. Plain data. */
export interface TrialResult {
  readonly rangeIndex: number;
  readonly range: TimeoutRange;
  /** The trial's number within its range, from 0. */
  readonly trial: number;
  /** The simulation seed the trial ran with (in its scenario's settings). */
  readonly seed: number;
  /** How many seeds the setup needed; more than 1 when a timer fired mid-setup (short timeouts). */
  readonly setupAttempts: number;
  /** Simulated time of the crash, and how long after the synchronized heartbeat it came. */
  readonly crashAt: number;
  readonly crashOffset: number;
  /** Crash to a follower receiving the new leader's first heartbeat; the cap if capped. */
  readonly downtimeMs: number;
  /** Crash to a server becoming leader; null if capped. */
  readonly electedMs: number | null;
  readonly capped: boolean;
  readonly newLeader: NodeId | null;
  /** Terms in which someone stood for election after the crash. */
  readonly elections: number;
  /** Terms in which two or more stood and nobody won. */
  readonly splitVotes: number;
  /** Terms that ended with no winner, split or refused. */
  readonly failedElections: number;
  /** Mean broadcast time measured in this trial's elections (start to each vote reply), or null. */
  readonly broadcastMs: number | null;
  /** Open this to watch the trial: settings, setup actions and the crash. */
  readonly scenario: Scenario;
}

/** Setup attempts before a trial gives up: only timeouts barely above the message delay need more than one. */
const MAX_SETUP_ATTEMPTS = 50;

/**
 * The seed of trial `trial`: the same for every range, so ranges are compared on the same draws
 * of latency and crash moment where they can be (common random numbers).
 */
export function trialSeed(experimentSeed: number, trial: number, attempt = 0): number {
  return hash32(hash32(experimentSeed ^ 0x9e3779b9) ^ Math.imul(trial + 1, 0x85ebca6b) ^ Math.imul(attempt, 0xc2b2ae35));
}

export function trialSettings(config: ExperimentConfig, range: TimeoutRange, seed: number): ClusterSettings {
  return {
    ...DEFAULT_SETTINGS,
    nodes: CLUSTER_SIZE,
    seed,
    electionTimeout: [range[0], range[1]],
    heartbeat: heartbeatFor(config, range),
    latency: config.latency,
    diskWrite: config.diskWrite,
    loss: 0,
    duplicate: 0,
    reorder: false,
    preVote: config.preVote,
    checkQuorum: config.checkQuorum,
    broken: [],
  };
}

export interface TrialOptions {
  /**
   * Simulate a proven split-vote livelock to the cap instead of counting its remaining rounds
   * (tests use it to check that the shortcut changes nothing).
   */
  readonly exhaustive?: boolean;
}

/** Run trial `trial` of range `rangeIndex`. Same config, same arguments: the same result. */
export function runTrial(config: ExperimentConfig, rangeIndex: number, trial: number, options: TrialOptions = {}): TrialResult {
  const range = config.ranges[rangeIndex];
  if (!range) throw new RangeError(`no range ${rangeIndex}`);
  for (let attempt = 0; attempt < MAX_SETUP_ATTEMPTS; attempt++) {
    const seed = trialSeed(config.seed, trial, attempt);
    const result = attemptTrial(config, rangeIndex, range, trial, seed, attempt + 1, options);
    if (result) return result;
  }
  throw new Error(`trial ${trial} of ${rangeLabel(range)}: the setup failed ${MAX_SETUP_ATTEMPTS} times`);
}

function attemptTrial(
  config: ExperimentConfig,
  rangeIndex: number,
  range: TimeoutRange,
  trial: number,
  seed: number,
  attempts: number,
  options: TrialOptions,
): TrialResult | null {
  const settings = trialSettings(config, range, seed);
  const probe = new ElectionProbe();
  const sim = new Simulation(settings, { onEvent: probe.observe, checkInvariants: false });
  const prepared = prepareCluster(sim);
  if (!prepared) return null;

  // The paper crashes the leader at a uniformly random moment within its heartbeat interval.
  const crashOffset = drawDuration(createRng(seed ^ 0x6a09e667), 0, settings.heartbeat);
  const crashAt = later(prepared.heartbeatAt, crashOffset);
  // Restoring S4/S5's links to the dead S1 changes nothing in the run; it only leaves the live
  // view a whole network to show after the crash.
  const crash: Action[] = [
    { at: crashAt, type: 'crash', node: LEADER },
    { at: crashAt, type: 'restore', from: BEHIND[0], to: LEADER, oneWay: true },
    { at: crashAt, type: 'restore', from: BEHIND[1], to: LEADER, oneWay: true },
  ];
  for (const action of crash) sim.schedule(action);
  probe.arm(prepared.term, crashAt);
  sim.runUntil(crashAt);

  const limit = crashAt + config.capMs;
  const watchLivelock = settings.electionTimeout[0] === settings.electionTimeout[1] && !options.exhaustive;
  while (!probe.done) {
    const next = sim.nextEventTime();
    if (next === null || next > limit) break;
    sim.stepMoment();
    const livelock = watchLivelock ? provenLivelock(sim) : null;
    if (livelock) {
      // The rest of the trial is certain (see livelock.ts): count its rounds, skip simulating them.
      for (const round of remainingRounds(livelock, limit)) probe.addCandidates(round.term, round.candidates);
      break;
    }
  }
  const downtime = probe.downtime;
  const capped = downtime === null;
  const downtimeMs = downtime ?? config.capMs;
  const label = rangeLabel(range);
  const scenario: Scenario = {
    version: SCENARIO_VERSION,
    name: `Figure 16, ${label} ms, trial ${trial}`,
    description:
      'Setup: S4 and S5 are down while S2 leads and writes x=1 to S1 and S3; S1 takes over; S4 and S5 restart with their ' +
      'replies to S1 cut, so S1 never learns they lack the entry and only S2 and S3 can win the next election. ' +
      `S1 crashes ${crashOffset} ms after a heartbeat, at ${crashAt} ms. ` +
      (capped
        ? `No new leader within ${config.capMs} ms (${probe.splitVotes} split votes).`
        : `A follower hears from the new leader ${probe.leader} ${downtimeMs} ms later (${probe.splitVotes} split votes).`),
    settings,
    actions: [...prepared.actions, ...crash],
    until: onGrid(crashAt + downtimeMs + settings.heartbeat),
  };
  return {
    rangeIndex,
    range,
    trial,
    seed,
    setupAttempts: attempts,
    crashAt,
    crashOffset,
    downtimeMs,
    electedMs: probe.electedAt === null ? null : probe.electedAt - crashAt,
    capped,
    newLeader: probe.leader,
    elections: probe.elections,
    splitVotes: probe.splitVotes,
    failedElections: probe.failedElections,
    broadcastMs: probe.broadcastCount === 0 ? null : probe.broadcastSum / probe.broadcastCount,
    scenario,
  };
}
