import { onGrid } from '../engine/time.ts';
import type { NodeId } from '../engine/types.ts';
import type { TraceEvent } from '../sim/trace.ts';

/**
 * Reads the trace after the crash and notes what the experiment measures. Downtime ends, as in
 * the paper, when a follower receives the new leader's first heartbeat: the delivery of an
 * AppendEntries of a term newer than the crashed leader's. Before `arm`, events are ignored.
 */
export class ElectionProbe {
  private armedTerm = -1;
  private crashAt = 0;
  /** Ids of AppendEntries sent in a new term, waiting to be delivered. */
  private readonly newTermAppends = new Set<number>();
  /** Term -> how many servers stood as candidates in it. */
  private readonly candidates = new Map<number, number>();
  private readonly wonTerms = new Set<number>();
  /** Candidate and term -> when that election started, to time its vote round trips. */
  private readonly electionStart = new Map<string, number>();
  /** Vote reply ids -> when their election started. */
  private readonly replyStart = new Map<number, number>();
  /** Broadcast times seen: election start to each granted vote's arrival (the voter's disk write included). */
  broadcastSum = 0;
  broadcastCount = 0;
  heartbeatAt: number | null = null;
  electedAt: number | null = null;
  leader: NodeId | null = null;
  leaderTerm = 0;

  /** Start watching: the leader of `term` crashed at `crashAt`. */
  arm(term: number, crashAt: number): void {
    this.armedTerm = term;
    this.crashAt = crashAt;
  }

  get done(): boolean {
    return this.heartbeatAt !== null;
  }

  readonly observe = (e: TraceEvent): void => {
    if (this.armedTerm < 0 || this.heartbeatAt !== null) return;
    switch (e.type) {
      case 'electionTimeout':
        if (!e.preVote) {
          this.candidates.set(e.term, (this.candidates.get(e.term) ?? 0) + 1);
          this.electionStart.set(`${e.node}@${e.term}`, e.t);
        }
        return;
      case 'role':
        if (e.role === 'leader' && e.term > this.armedTerm) {
          this.wonTerms.add(e.term);
          if (this.electedAt === null) {
            this.electedAt = e.t;
            this.leader = e.node;
            this.leaderTerm = e.term;
          }
        }
        return;
      case 'send': {
        if (e.rpc.type === 'AppendEntries' && e.rpc.term > this.armedTerm) this.newTermAppends.add(e.id);
        const start =
          e.rpc.type === 'RequestVoteReply' && !e.rpc.preVote && e.rpc.voteGranted
            ? this.electionStart.get(`${e.to}@${e.rpc.term}`)
            : undefined;
        if (start !== undefined) this.replyStart.set(e.id, start);
        return;
      }
      case 'deliver': {
        if (this.newTermAppends.has(e.id)) this.heartbeatAt = e.t;
        const start = this.replyStart.get(e.id);
        if (start !== undefined) {
          this.broadcastSum += e.t - start;
          this.broadcastCount++;
        }
        return;
      }
      default:
        return;
    }
  };

  /** Count candidacies the trial did not simulate (a proven livelock's remaining rounds). */
  addCandidates(term: number, count: number): void {
    this.candidates.set(term, (this.candidates.get(term) ?? 0) + count);
  }

  /** Terms in which some server stood for election after the crash. */
  get elections(): number {
    return this.candidates.size;
  }

  /**
   * Split votes: terms in which two or more servers stood and none won, so the votes were
   * divided. A lone candidate that loses (one of the servers whose log is behind) is not one:
   * the votes were refused, not split.
   */
  get splitVotes(): number {
    let split = 0;
    for (const [term, count] of this.candidates) if (count >= 2 && !this.wonTerms.has(term)) split++;
    return split;
  }

  /** Terms that ended with no winner, split or not. */
  get failedElections(): number {
    let failed = 0;
    for (const term of this.candidates.keys()) if (!this.wonTerms.has(term)) failed++;
    return failed;
  }

  get downtime(): number | null {
    return this.heartbeatAt === null ? null : onGrid(this.heartbeatAt - this.crashAt);
  }
}
