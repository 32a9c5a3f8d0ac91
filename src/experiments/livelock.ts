import type { Simulation } from '../sim/simulation.ts';

/**
 * With no randomness at all (a zero-width timeout range such as 150-150) the survivors can fall
 * into a split-vote loop that provably never ends. The experiment recognises that state and
 * writes down the rest of the capped trial instead of simulating a minute of identical rounds:
 * it is most of the run time, and the outcome is already certain.
 *
 * The state: every live server is a candidate of the same term T and voted for itself; their
 * next timeouts D_i lie within a window narrower than the shortest message delay; and that
 * window plus the longest delay is shorter than the timeout w. Then, round after round:
 *   - each server times out at D_i + k*w and stands for term T+k+1, voting for itself;
 *   - another's RequestVote for that term leaves at D_j + k*w and arrives at least one minimum
 *     delay later, after every server has already voted for itself in that term: refused, and a
 *     refusal resets no timer (Figure 2 resets it only on granting a vote or hearing a leader);
 *   - it arrives at most one maximum delay later, before the receiver's next timeout, so no
 *     server ever answers with a higher term than the asker holds, and nobody adopts a term
 *     from anyone: the offsets D_i never change, and no vote is ever granted.
 * (Links are FIFO, but a link carries one RequestVote and one refusal per round, in that order,
 * so the order only ever delays a refusal, which changes nothing.) Messages to the crashed leader
 * are dropped. PreVote and CheckQuorum change the rules, so the shortcut is only taken without them.
 */
export interface Livelock {
  /** The term every live server is a candidate of now. */
  readonly term: number;
  /** Each live server's next timeout. */
  readonly deadlines: readonly number[];
  /** The (fixed) election timeout. */
  readonly timeout: number;
}

export function provenLivelock(sim: Simulation): Livelock | null {
  const { electionTimeout, latency, preVote, checkQuorum, loss, duplicate, reorder } = sim.settings;
  const [timeout, max] = electionTimeout;
  if (timeout !== max || preVote || checkQuorum || loss > 0 || duplicate > 0 || reorder) return null;
  let term = -1;
  const deadlines: number[] = [];
  for (const n of sim.nodeStates) {
    if (!sim.isAlive(n.id)) continue;
    if (n.state.role !== 'candidate' || n.votedFor !== n.id) return null;
    if (term === -1) term = n.currentTerm;
    else if (n.currentTerm !== term) return null;
    deadlines.push(n.electionDeadline);
  }
  if (deadlines.length < 2) return null;
  const spread = Math.max(...deadlines) - Math.min(...deadlines);
  if (spread >= latency[0] || spread + latency[1] >= timeout) return null;
  // Nothing in flight may carry a newer term, or a leader's AppendEntries.
  for (const f of sim.inFlight()) {
    if (f.message.rpc.term > term || f.message.rpc.type === 'AppendEntries') return null;
  }
  return { term, deadlines, timeout };
}

/**
 * The terms stood for from now until `limit` (inclusive, as the trial loop runs events due at
 * or before it), each with how many servers stand: term T+m is stood for by server i if
 * D_i + (m-1)*w <= limit.
 */
export function remainingRounds(livelock: Livelock, limit: number): { readonly term: number; readonly candidates: number }[] {
  const rounds: { term: number; candidates: number }[] = [];
  for (let m = 1; ; m++) {
    const candidates = livelock.deadlines.filter((d) => d + (m - 1) * livelock.timeout <= limit).length;
    if (candidates === 0) return rounds;
    rounds.push({ term: livelock.term + m, candidates });
  }
}
