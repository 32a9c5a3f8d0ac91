import type { EventLog } from '../sim/eventLog.ts';
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
 * Explain history[index], where `history` is the whole run up to it (the worker's timeline). The
 * trigger is the cause the simulator stamped on the event (`by`), so it is exact: the message
 * delivered, the server's own timer or the action taken.
 */
const READ_INDEX_PAPER = 'Processing read-only queries (Raft thesis §6.4)';
/** Where the thesis explains how a read was answered. */
const readPaper = (via: string | null): string => (via === 'lease' ? 'Leader lease (Raft thesis §6.4.1)' : READ_INDEX_PAPER);

export function explain(history: EventLog, index: number): Explanation | null {
  const e = history.at(index);
  if (!e) return null;
  const cause = triggerOf(history, index);
  switch (e.type) {
    case 'electionTimeout':
      if (e.forced && cause?.kind === 'message')
        return {
          rule: 'The leader, handing its leadership over, told this server to start an election now (TimeoutNow): it raises its term at once, skipping PreVote, and asks everyone for votes. Its log holds the whole of the leader’s, so it can win.',
          paper: 'Leadership transfer (Raft thesis §3.10)',
          cause,
        };
      return e.preVote
        ? {
            rule: 'A follower that hears no leader for a whole election timeout first asks whether it could win, without raising its term.',
            paper: 'PreVote (Raft thesis §9.6)',
            cause,
          }
        : {
            rule: 'A follower that hears nothing from a leader for a whole election timeout becomes a candidate: it raises its term, votes for itself and asks everyone for votes.',
            paper: 'Rules for Servers, Followers and Candidates (Figure 2)',
            cause,
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
      if (e.handingTo !== null)
        return {
          rule: 'A leader handing its leadership over takes no new writes, so the server taking over can catch up with its log; the client tries again with the new leader.',
          paper: 'Leadership transfer (Raft thesis §3.10)',
          cause,
        };
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
    case 'clientRead':
      return {
        rule: !e.accepted
          ? 'A server that is not the leader refuses the read and names the leader it knows: only the leader can vouch that a value is up to date.'
          : e.via === 'anyServer'
            ? 'Reads are set to be answered by any server: this one answers from its own state at once, without checking that it is up to date. That is unsafe.'
            : e.via === 'lease'
              ? 'A majority answered a heartbeat less than the minimum election timeout ago, so no other leader can have been elected yet: the leader needs no round to answer.'
              : 'Before answering, the leader notes its commit index and sends a round of heartbeats: only if a majority still answers it is it surely still the leader.',
        paper: readPaper(e.via),
        cause,
      };
    case 'readAnswer':
      return {
        rule:
          e.via === 'anyServer'
            ? 'The server answered from whatever it had applied, which may be old.'
            : 'The leader answers once its leadership is confirmed and it has applied everything committed when the read came, so the client sees every write acknowledged before it asked.',
        paper: readPaper(e.via),
        cause,
      };
    case 'readUnanswered':
      return {
        rule: 'A leader that steps down cannot vouch for any value any more: its unanswered reads get no answer, and the client must ask the new leader.',
        paper: READ_INDEX_PAPER,
        cause,
      };
    case 'staleRead':
      return {
        rule: `The read began after ${e.key}=${e.newerValue} had been acknowledged, yet returned an older value: no order of the operations explains that, so the history is not linearizable.`,
        paper: 'Linearizability (Raft thesis §6.3); reads served without ReadIndex or a lease',
        cause,
      };
    case 'drop':
      return {
        rule:
          e.reason === 'partition'
            ? 'The link between these servers is cut, so the message is lost.'
            : e.reason === 'crashed'
              ? 'The receiver is down, so the message is lost.'
              : e.reason === 'action'
                ? 'A person (or the scenario) dropped this message by hand, as a faulty network may.'
                : 'The network lost this message at random.',
        paper: 'Raft assumes messages may be lost, delayed or duplicated (§5.1)',
        cause,
      };
    case 'messageAction':
      return {
        rule: 'A person (or the scenario) acted on one message in flight: dropped, held, released, delayed, delivered or duplicated it.',
        paper: 'Raft assumes messages may be lost, delayed, duplicated or reordered (§5.1); it stays safe whatever the network does',
        cause,
      };
    case 'transfer':
      return { rule: TRANSFER_RULE[e.step], paper: 'Leadership transfer (Raft thesis §3.10)', cause };
    case 'transferRefused':
      return {
        rule: 'Only a leader can hand its leadership over, and only to a live server of the cluster.',
        paper: 'Leadership transfer (Raft thesis §3.10)',
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

const TRANSFER_RULE: Readonly<Record<Extract<TraceEvent, { type: 'transfer' }>['step'], string>> = {
  start: 'Asked to hand over, the leader first stops taking client writes: otherwise the target might never catch up with its log.',
  catchUp: "The target's log is behind: the leader sends it the missing entries with AppendEntries, as to any follower.",
  timeoutNow:
    'The target holds all of the leader’s log: the leader tells it to start an election now (TimeoutNow), before anyone else times out.',
  done: 'The target won the election TimeoutNow started: it leads the next term, and the old leader, seeing the higher term, steps down.',
  abandoned: 'No new leader within an election timeout: the leader gives up the transfer and takes client writes again.',
  refused: 'Only a leader can hand its leadership over, to another server of the cluster, one transfer at a time.',
};

/** What set off history[index], read from its stamp; the message is described by its sending. */
function triggerOf(history: EventLog, index: number): Explanation['cause'] {
  const by = history.at(index)!.by;
  switch (by.kind) {
    case 'run':
      return null;
    case 'timer':
      return { kind: 'timer', node: by.node };
    case 'action': {
      for (let i = index; i >= 0; i--) {
        const p = history.at(i)!;
        if (p.type === 'action' && p.by.kind === 'action' && p.by.index === by.index) return { kind: 'action', what: p.action.type };
        // Actions are numbered in order: an earlier one means this one is not in the history.
        if (p.type === 'action' && p.by.kind === 'action' && p.by.index < by.index) break;
      }
      return { kind: 'action', what: 'action' };
    }
    case 'message': {
      // Message ids are unique on a branch: the nearest sending before the event is this message's.
      for (let i = index; i >= 0; i--) {
        const p = history.at(i)!;
        if (p.type === 'send' && p.id === by.id) return { kind: 'message', id: p.id, from: p.from, to: p.to, what: p.rpc.type };
        // Ids are given in sending order: past an earlier one, the search would read the whole
        // run (and a long run's timeline rebuilds old messages to show them) for nothing.
        if (p.type === 'send' && p.id < by.id) break;
      }
      return null;
    }
  }
}
