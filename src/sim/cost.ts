import type { Action } from './scenario.ts';
import type { ClusterSettings } from './settings.ts';

/**
 * What replaying a run costs, estimated before it starts: a link or file that would take the page
 * minutes or gigabytes to reach its moment is refused with a message naming what to change,
 * instead of freezing the tab. The figures are events the simulator records (sends, deliveries,
 * role and term changes, votes, commits...), which is what replay time and the worker's memory
 * grow with.
 *
 * Calibrated against measured runs (cost.test.ts keeps the estimate within a factor of two of
 * the real count for the library's kinds of settings): a five-server cluster with the default
 * 50 ms heartbeat records about 320 events per simulated second, and each client write about 30.
 */

/**
 * Most events the page replays to open a run at a moment. Measured on a 2-core machine: the
 * worker records about 300,000 events a second and keeps 150-700 bytes an event, so this is a
 * few seconds of replay and well under a gigabyte; it admits an hour of the default five-server
 * cluster taking a write every 250 ms (about 1.6 million events).
 */
export const REPLAY_EVENT_BUDGET = 1_800_000;

export interface RunCost {
  /** Events recorded per simulated second in steady state. */
  readonly eventsPerSecond: number;
  /** Events to reach the moment asked for, actions included. */
  readonly events: number;
  /** Messages on the wire at once, on average. */
  readonly inFlight: number;
  /** True when followers cannot hear a heartbeat before timing out: elections never stop. */
  readonly churning: boolean;
}

export function estimateCost(settings: ClusterSettings, actions: readonly Action[], until: number): RunCost {
  const n = settings.nodes;
  const peers = n - 1;
  const dup = 1 + Math.min(1, Math.max(0, settings.duplicate));
  const [latMin, latMax] = settings.latency;
  const [toMin, toMax] = settings.electionTimeout;
  const meanLatency = (latMin + latMax) / 2;
  // A leader's heartbeats (and their replies, each copy answered) with a send and a delivery each.
  const heartbeatMsgsPerMs = peers > 0 ? (peers * dup + peers * dup * dup) / settings.heartbeat : 0;
  // A follower that cannot hear the leader before its timeout runs out starts an election every
  // timeout: every server asks every other, and each vote request and answer also reports a vote,
  // a tally or a term change.
  const churning = peers > 0 && settings.heartbeat + 2 * latMax >= toMin;
  const meanTimeout = Math.max(0.5, (toMin + toMax) / 2);
  const electionMsgsPerMs = churning ? (n * (peers * dup + peers * dup * dup)) / meanTimeout : 0;
  const eventsPerMs = 2 * heartbeatMsgsPerMs + 3 * electionMsgsPerMs;
  let actionEvents = 0;
  for (const a of actions) {
    if (a.at > until) continue;
    // A write: replicated to every follower and answered (2 events a message), then committed
    // and applied on every server, and acknowledged.
    actionEvents += a.type === 'write' ? 4 * peers * dup + 2 * n + 3 : 1 + n;
  }
  return {
    eventsPerSecond: eventsPerMs * 1000,
    events: eventsPerMs * Math.max(0, until) + actionEvents,
    inFlight: (heartbeatMsgsPerMs + electionMsgsPerMs) * meanLatency,
    churning,
  };
}

const round = (x: number): string =>
  x >= 1e6 ? `${(x / 1e6).toFixed(x >= 1e7 ? 0 : 1)} million` : x >= 1e4 ? `${Math.round(x / 1000)} thousand` : String(Math.round(x));

// No separate limit on writes that arrive together: a burst is simulated inside one simulated
// millisecond that no replay slice can split, but the leader's commit rule is linear in it (it
// was quadratic until the commit index was found directly: 10,000 writes then took 8 s, and 38 s
// for the next 40 ms, past the page's watchdog). Measured on a 2-core machine: 10,000 writes at
// one moment, the most a link or file may hold (MAX_ACTIONS), and the 200 ms after take 0.7 s.

/**
 * Why a run is too costly to replay to `until`, in words a person can act on, or null if it fits.
 */
export function replayRefusal(settings: ClusterSettings, actions: readonly Action[], until: number): string | null {
  const cost = estimateCost(settings, actions, until);
  if (cost.events <= REPLAY_EVENT_BUDGET) return null;
  const seconds = Math.round(until / 1000);
  const what =
    `${settings.nodes} servers with a ${settings.heartbeat} ms heartbeat` +
    (cost.churning ? ` and ${settings.electionTimeout[0]}-${settings.electionTimeout[1]} ms timeouts (elections never stop)` : '');
  return (
    `${what} for ${seconds} s of cluster time is about ${round(cost.events)} events to replay; ` +
    `this page replays at most ${round(REPLAY_EVENT_BUDGET)}. Open it at an earlier moment, or with fewer servers or a longer heartbeat.`
  );
}

/**
 * Most events per simulated second a run started live may record: at that rate the replay
 * budget lasts 90 s of cluster time (and a 9-server cluster with a 10 ms heartbeat records about
 * 3,200). Past it, the worker spends the lecture recording elections no one can follow.
 */
export const MAX_EVENTS_PER_SECOND = REPLAY_EVENT_BUDGET / 90;

/**
 * Why settings are too busy to run live, naming what to change, or null if they are fine. For
 * settings changed in the form and files imported: a run that starts at time 0 costs its rate.
 */
export function rateRefusal(settings: ClusterSettings): string | null {
  const cost = estimateCost(settings, [], 1000);
  if (cost.eventsPerSecond <= MAX_EVENTS_PER_SECOND) return null;
  const what =
    `${settings.nodes} servers with a ${settings.heartbeat} ms heartbeat` +
    (cost.churning ? ` and ${settings.electionTimeout[0]}-${settings.electionTimeout[1]} ms timeouts (elections never stop)` : '');
  return (
    `${what} record about ${round(cost.eventsPerSecond)} events per simulated second; this page keeps up with at most ` +
    `${round(MAX_EVENTS_PER_SECOND)}. Use a longer heartbeat, longer election timeouts or fewer servers.`
  );
}
