import { leaderState, roleOf, type RaftNode } from '../engine/node.ts';
import type { Action } from '../sim/scenario.ts';
import type { Simulation } from '../sim/simulation.ts';

/**
 * Builds the paper's starting point on a fresh simulation, with scenario actions only, so the
 * finished trial opens in the live view as an ordinary scenario:
 *
 *   S1 is a stable leader; S2 and S3 hold its whole log; S4 and S5 are one entry behind, so only
 *   two of the four survivors can win the next election (§5.4.1).
 *
 * A healthy leader brings a follower up to date at its next heartbeat, so S4 and S5 are kept
 * behind by cutting their replies to S1. A new leader assumes every follower holds its whole log
 * (nextIndex starts past its last entry, Figure 2); with no reply S1 never learns otherwise and
 * keeps sending heartbeats that start past S4's and S5's log end. They refuse each one but still
 * reset their election timers on it, as a follower does on any AppendEntries of the current term.
 * This only works for a leader elected after the entry was written, hence two leaders:
 *
 *   1. At time 0, S4 and S5 crash (so no timer of theirs can fire while the others set up) and
 *      S2 is forced to campaign; it wins with S1's and S3's votes.
 *   2. A client write goes to S2; S1 and S3 receive the entry.
 *   3. S1 is forced to campaign and wins with S2's and S3's votes (their logs are equal to its).
 *   4. At one of S1's heartbeats, S4->S1 and S5->S1 are cut and S4 and S5 restart, empty-logged.
 *      The heartbeat sent that moment reaches them within one message delay.
 *
 * Each step is checked. With timeouts close to the message delay (12-24 ms against 6-9 ms), a
 * follower sometimes times out before a forced election completes; the caller then retries with
 * another seed.
 */
export const LEADER = 'S1';
export const ELIGIBLE = ['S2', 'S3'] as const;
export const BEHIND = ['S4', 'S5'] as const;
const FIRST_LEADER = 'S2';

export interface PreparedCluster {
  /** The setup actions, in time order, all already scheduled on the simulation. */
  readonly actions: Action[];
  /** The moment of the synchronized heartbeat the crash follows; the simulation stands here. */
  readonly heartbeatAt: number;
  /** S1's term as leader. */
  readonly term: number;
}

export function prepareCluster(sim: Simulation): PreparedCluster | null {
  const { electionTimeout, latency, heartbeat } = sim.settings;
  // Generous bound for each step: several election timeouts plus message round trips.
  const patience = 4 * (electionTimeout[1] + 2 * latency[1]);
  const actions: Action[] = [];
  const node = (id: string): RaftNode => sim.nodeStates[sim.ids.indexOf(id)]!;
  // Actions are scheduled for the current moment and run at once: in the replay they run at the
  // same moment, after everything else due then, exactly as here.
  const take = (batch: Action[]): void => {
    for (const action of batch) {
      actions.push(action);
      sim.schedule(action);
    }
    sim.runUntil(sim.now);
  };

  // 1. S4 and S5 go down; S2 campaigns at once and becomes a stable leader of S1 and S3.
  take([
    { at: 0, type: 'crash', node: BEHIND[0] },
    { at: 0, type: 'crash', node: BEHIND[1] },
    { at: 0, type: 'timeoutNow', node: FIRST_LEADER },
  ]);
  if (!waitFor(sim, () => leads(sim, FIRST_LEADER), patience)) return null;

  // 2. The entry S4 and S5 will lack.
  take([{ at: sim.now, type: 'write', key: 'x', value: '1', node: FIRST_LEADER }]);
  const length = node(FIRST_LEADER).log.length;
  if (length === 0) return null;
  if (!waitFor(sim, () => node(LEADER).log.length === length && node('S3').log.length === length, patience)) return null;

  // 3. S1 takes over.
  take([{ at: sim.now, type: 'timeoutNow', node: LEADER }]);
  if (!waitFor(sim, () => leads(sim, LEADER), patience)) return null;

  // 4. At S1's next heartbeat, S4 and S5 come back with their replies to S1 cut.
  sim.runUntil(heartbeatDue(node(LEADER)));
  take([
    { at: sim.now, type: 'cut', from: BEHIND[0], to: LEADER, oneWay: true },
    { at: sim.now, type: 'cut', from: BEHIND[1], to: LEADER, oneWay: true },
    { at: sim.now, type: 'restart', node: BEHIND[0] },
    { at: sim.now, type: 'restart', node: BEHIND[1] },
  ]);

  // Settle for two heartbeats, then stand at the next synchronized heartbeat.
  sim.runUntil(sim.now + 2 * heartbeat);
  const heartbeatAt = heartbeatDue(node(LEADER));
  if (!Number.isFinite(heartbeatAt)) return null;
  sim.runUntil(heartbeatAt);
  // S1's whole log: x=1 and the no-op entries of the leaders' terms (when they append one).
  if (!isPaperState(sim, Math.max(length, node(LEADER).log.length))) return null;
  return { actions, heartbeatAt, term: node(LEADER).currentTerm };
}

/** Step moment by moment until `done` holds; false if it did not within `patience` ms. */
function waitFor(sim: Simulation, done: () => boolean, patience: number): boolean {
  const limit = sim.now + patience;
  while (!done()) {
    const next = sim.nextEventTime();
    if (next === null || next > limit) return false;
    sim.stepMoment();
  }
  return true;
}

/** When a leader sends its next heartbeat; never, for a node that is not leading. */
function heartbeatDue(node: RaftNode): number {
  return leaderState(node)?.heartbeatDue ?? Infinity;
}

/** `leader` leads and every other live node follows it in its term. */
function leads(sim: Simulation, leader: string): boolean {
  const lead = sim.nodeStates[sim.ids.indexOf(leader)];
  if (!lead || lead.state.role !== 'leader') return false;
  return sim.nodeStates.every(
    (n) => n === lead || !sim.isAlive(n.id) || (roleOf(n) === 'follower' && n.currentTerm === lead.currentTerm && n.leaderId === leader),
  );
}

/** All five up; S1 leads, all follow; S2 and S3 hold S1's whole log, S4 and S5 are behind it. */
function isPaperState(sim: Simulation, length: number): boolean {
  if (!sim.ids.every((id) => sim.isAlive(id)) || !leads(sim, LEADER)) return false;
  const len = (id: string): number => sim.nodeStates[sim.ids.indexOf(id)]!.log.length;
  return len(LEADER) === length && ELIGIBLE.every((id) => len(id) === length) && BEHIND.every((id) => len(id) < length);
}
