import type { TraceEvent } from '../sim/trace.ts';

/** Why an event happened: the rule that fired and what set it off. */
export interface Explanation {
  /** The rule, in plain words. */
  readonly rule: string;
  /** The Raft paper's name for it, for those who read on. */
  readonly paper: string;
  /** What triggered it, to highlight on the cluster. */
  readonly cause:
    | { readonly kind: 'message'; readonly id: number; readonly from: string; readonly to: string; readonly what: string }
    | { readonly kind: 'timer'; readonly node: string }
    | { readonly kind: 'action'; readonly what: string }
    | null;
}

/**
 * Explain history[index]. The trigger is found by looking back through events of the same
 * moment: the delivery to that node, the action taken, or (for a timeout) its own timer.
 */
export function explain(history: readonly TraceEvent[], index: number): Explanation | null {
  const e = history[index];
  if (!e) return null;
  const cause = triggerOf(history, index);
  switch (e.type) {
    case 'electionTimeout':
      return e.preVote
        ? {
            rule: 'A follower that hears no leader for a whole election timeout first asks whether it could win, without raising its term.',
            paper: 'PreVote (Raft thesis §9.6)',
            cause: timerOr(e.node, e.forced, cause),
          }
        : {
            rule: 'A follower that hears nothing from a leader for a whole election timeout becomes a candidate: it raises its term, votes for itself and asks everyone for votes.',
            paper: 'Rules for Servers, Followers and Candidates (Figure 2)',
            cause: timerOr(e.node, e.forced, cause),
          };
    case 'vote':
      if (e.granted)
        return {
          rule: "A server grants its vote if it has not voted in this term and the candidate's log is at least as up to date as its own.",
          paper: 'RequestVote RPC (Figure 2), election restriction (§5.4.1)',
          cause,
        };
      switch (e.reason) {
        case 'alreadyVoted':
          return {
            rule: 'Each server votes for at most one candidate per term, first come first served. That is why two leaders can never win the same term.',
            paper: 'Election Safety (Figure 3)',
            cause,
          };
        case 'staleTerm':
          return {
            rule: 'A request from an older term is refused: its sender is out of date.',
            paper: 'RequestVote RPC, step 1 (Figure 2)',
            cause,
          };
        case 'logBehind':
          return {
            rule: 'A server refuses a candidate whose log is less up to date (older last term, or same term but shorter). So a new leader always holds every committed entry.',
            paper: 'Election restriction (§5.4.1), Leader Completeness',
            cause,
          };
        case 'leaderAlive':
          return {
            rule: 'A server that heard from a working leader very recently will not help depose it.',
            paper: 'Disruptive servers (§6), CheckQuorum and PreVote',
            cause,
          };
        default:
          return { rule: 'The vote was refused.', paper: 'RequestVote RPC (Figure 2)', cause };
      }
    case 'voteCount':
      return {
        rule: `A candidate needs votes from a majority of the cluster (${e.needed}), counting its own.`,
        paper: 'Leader election (§5.2)',
        cause,
      };
    case 'role':
      switch (e.cause) {
        case 'wonElection':
          return {
            rule: 'A candidate that collects votes from a majority becomes leader and at once sends heartbeats so nobody else stands.',
            paper: 'Rules for Servers, Candidates (Figure 2)',
            cause,
          };
        case 'higherTerm':
          return {
            rule: 'Any server that sees a higher term in any message adopts it and becomes a follower.',
            paper: 'Rules for Servers, All Servers (Figure 2)',
            cause,
          };
        case 'leaderOfTerm':
          return {
            rule: 'A candidate that hears from a leader of its own term accepts it and becomes a follower.',
            paper: 'Rules for Servers, Candidates (Figure 2)',
            cause,
          };
        case 'lostQuorum':
          return {
            rule: 'A leader that has not heard from a majority for an election timeout steps down.',
            paper: 'CheckQuorum (Raft thesis §6.2)',
            cause,
          };
        case 'electionTimeout':
          return {
            rule: 'The election timer ran out, so the server stands for election.',
            paper: 'Rules for Servers, Followers (Figure 2)',
            cause,
          };
        case 'start':
          return {
            rule: 'Every server starts (and restarts) as a follower, keeping only its term, its vote and its log.',
            paper: 'Persistent state (Figure 2)',
            cause,
          };
      }
      break;
    case 'term':
      return { rule: 'Terms only grow. A server that sees a higher term takes it and forgets its vote.', paper: 'Terms (§5.1)', cause };
    case 'clientWrite':
      return e.accepted
        ? {
            rule: 'Only the leader accepts writes: it appends the entry to its own log, then copies it to the followers.',
            paper: 'Log replication (§5.3)',
            cause,
          }
        : {
            rule: 'A server that is not the leader refuses the write and tells the client who it thinks the leader is.',
            paper: 'Client interaction (§8)',
            cause,
          };
    case 'truncate':
      return {
        rule: "A follower whose entries conflict with the leader's deletes them and everything after: the leader's log wins. Only uncommitted entries can be lost this way.",
        paper: 'AppendEntries RPC, step 3 (Figure 2)',
        cause,
      };
    case 'commit':
      return {
        rule: 'A leader commits an entry of its own term once a majority stores it; followers commit up to what the leader tells them.',
        paper: 'Rules for Servers, Leaders (Figure 2), §5.4.2',
        cause,
      };
    case 'apply':
      return {
        rule: 'Committed entries are applied to the state machine in log order, on every server.',
        paper: 'State Machine Safety (Figure 3)',
        cause,
      };
    case 'clientAck':
      return {
        rule: 'The client is told its write succeeded only once the entry is committed and applied.',
        paper: 'Client interaction (§8)',
        cause,
      };
    case 'drop':
      return {
        rule:
          e.reason === 'partition'
            ? 'The link between these servers is cut, so the message is lost.'
            : e.reason === 'crashed'
              ? 'The receiver is down, so the message is lost.'
              : 'The network lost this message at random.',
        paper: 'Raft assumes messages may be lost, delayed or duplicated (§5.1)',
        cause,
      };
    case 'violation':
      return {
        rule: `A safety property of Raft was broken: ${e.message}. This only happens with a rule switched off.`,
        paper: `${e.property} (Figure 3)`,
        cause,
      };
    default:
      break;
  }
  return null;
}

function timerOr(node: string, forced: boolean, cause: Explanation['cause']): Explanation['cause'] {
  return forced ? (cause ?? { kind: 'action', what: `Time out now on ${node}` }) : { kind: 'timer', node };
}

function triggerOf(history: readonly TraceEvent[], index: number): Explanation['cause'] {
  return traceTrigger(history, index) ?? inferredTrigger(history, index);
}

/**
 * The message that must have caused an event, read from the event itself. The page receives
 * per-message events only when "every message" is on; without them the trigger is still known
 * for the events that can only come from one kind of message (id -1: not traced).
 */
function inferredTrigger(history: readonly TraceEvent[], index: number): Explanation['cause'] {
  const e = history[index]!;
  switch (e.type) {
    case 'vote':
      return { kind: 'message', id: -1, from: e.candidate, to: e.node, what: 'RequestVote' };
    case 'role': {
      if (e.cause !== 'wonElection') return null;
      // The majority was completed by the reply of the last server that granted its vote.
      for (let i = index - 1; i >= 0; i--) {
        const p = history[i]!;
        if (p.type === 'vote' && p.candidate === e.node && p.term === e.term && p.granted && !p.preVote && p.node !== e.node) {
          return { kind: 'message', id: -1, from: p.node, to: e.node, what: 'RequestVoteReply' };
        }
      }
      return null;
    }
    case 'clientWrite':
      return { kind: 'action', what: 'write' };
    default:
      return null;
  }
}

function traceTrigger(history: readonly TraceEvent[], index: number): Explanation['cause'] {
  const e = history[index]!;
  const node = 'node' in e ? e.node : null;
  for (let i = index - 1; i >= 0; i--) {
    const p = history[i]!;
    if (p.t !== e.t) break;
    if (p.type === 'deliver' && (node === null || p.to === node)) {
      const sent = findSend(history, i, p.id);
      return { kind: 'message', id: p.id, from: p.from, to: p.to, what: sent };
    }
    if (p.type === 'action') return { kind: 'action', what: p.action.type };
    if (p.type === 'electionTimeout' && p.node === node) return { kind: 'timer', node: p.node };
  }
  return null;
}

function findSend(history: readonly TraceEvent[], before: number, id: number): string {
  for (let i = before - 1; i >= 0; i--) {
    const p = history[i]!;
    if (p.type === 'send' && p.id === id) return p.rpc.type;
  }
  return 'message';
}
