import type { MembershipRefusal } from '../engine/events.ts';
import { majority } from '../engine/quorum.ts';
import type { DenyReason, Rpc } from '../engine/types.ts';
import type { MessageActionType } from '../sim/scenario.ts';
import type { FigureThreeProperty, TraceEvent } from '../sim/trace.ts';

/** The Figure 3 properties as the paper writes them. */
const PROPERTY_NAMES: Readonly<Record<FigureThreeProperty, string>> = {
  ElectionSafety: 'Election Safety',
  LeaderAppendOnly: 'Leader Append-Only',
  LogMatching: 'Log Matching',
  LeaderCompleteness: 'Leader Completeness',
  StateMachineSafety: 'State Machine Safety',
};

/** How a line reads in the feed; `routine` lines (every message, every apply) are hidden by default. */
export interface Narration {
  readonly text: string;
  readonly tone: Tone;
  readonly routine: boolean;
}

export type Tone = 'election' | 'leader' | 'vote' | 'deny' | 'write' | 'commit' | 'fault' | 'network' | 'danger' | 'info';

const say = (text: string, tone: Tone, routine = false): Narration => ({ text, tone, routine });

const group = (g: readonly string[]): string => `{${g.join(', ')}}`;

function denial(reason: DenyReason | null, candidate: string, votedFor: string | null, term: number): string {
  switch (reason) {
    case 'alreadyVoted':
      return `already voted for ${votedFor ?? 'someone else'} in term ${term}`;
    case 'staleTerm':
      return `term ${term} is out of date`;
    case 'logBehind':
      return `${candidate}'s log is less up to date (§5.4.1)`;
    case 'leaderAlive':
      return 'it still hears from a live leader';
    case null:
      return 'no reason given';
  }
}

/** A read reaching a server: how it will be answered (thesis §6.4), or why it is refused. */
function narrateRead(e: Extract<TraceEvent, { type: 'clientRead' }>): Narration {
  if (!e.accepted) {
    return say(
      `${e.node} refused the read of ${e.key}: it is not the leader${e.leaderHint ? ` (it points to ${e.leaderHint})` : ''}`,
      'deny',
    );
  }
  switch (e.via) {
    case 'anyServer':
      return say(`${e.node} answers the read of ${e.key} from its own state, without checking it is up to date (unsafe)`, 'write');
    case 'lease':
      return say(`${e.node} (leader) reads ${e.key}: its lease holds, so no other leader can exist yet and it needs no round`, 'write');
    default:
      return say(
        `${e.node} (leader) reads ${e.key}: it first confirms with a round of heartbeats that a majority still follows it`,
        'write',
      );
  }
}

/** Each step of a leadership transfer (Raft thesis §3.10), as the feed says it. */
function narrateTransfer(e: Extract<TraceEvent, { type: 'transfer' }>): Narration {
  switch (e.step) {
    case 'start':
      return say(`${e.from} stops taking writes to hand leadership to ${e.to}`, 'leader');
    case 'catchUp':
      return say(`${e.from} brings ${e.to}'s log up to date`, 'write');
    case 'timeoutNow':
      return say(`${e.from} tells ${e.to} to start an election now (TimeoutNow)`, 'election');
    case 'done':
      return say(`${e.to} won term ${e.term}: the handover is done`, 'leader');
    case 'abandoned':
      return say(`The handover to ${e.to} timed out; ${e.from} takes writes again`, 'fault');
    case 'refused':
      switch (e.reason) {
        case 'notLeader':
          return say(`${e.from} cannot hand leadership to ${e.to}: ${e.from} is not the leader`, 'deny');
        case 'self':
          return say(`${e.from} is the leader already: there is no one to hand over to`, 'deny');
        case 'alreadyHanding':
          return say(`${e.from} is already handing leadership to ${e.to}`, 'deny');
        case 'notVoter':
          return say(`${e.from} cannot hand leadership to ${e.to}: ${e.to} is a learner and does not vote yet`, 'deny');
        case 'unknownServer':
        case null:
          return say(`${e.from} cannot hand leadership to ${e.to}: no such server`, 'deny');
      }
  }
}

/** A configuration and the majority it implies: "6 servers: a leader needs 4". */
export function configWords(voters: readonly string[], learners: readonly string[] = []): string {
  const n = voters.length;
  const base = `${n} server${n === 1 ? '' : 's'}: a leader needs ${majority(n)}`;
  return learners.length === 0 ? base : `${base}, + learner ${learners.join(', ')}`;
}

const CHANGE_REFUSED: Readonly<Record<MembershipRefusal, string>> = {
  notLeader: 'it is not the leader',
  changePending: 'an earlier change is not committed yet (one change at a time)',
  termNotStarted: 'it has not yet committed an entry of its own term',
  transferring: 'it is handing its leadership over',
  alreadyMember: 'that server is already in the cluster',
  notMember: 'that server is not in the cluster',
  lastVoter: 'it is the only voter left',
};

/** A membership change (thesis §4.1), as the feed says it. */
function narrateMembership(e: Extract<TraceEvent, { type: 'membership' }>): Narration {
  const config = configWords(e.voters, e.learners);
  if (e.step === 'refused') {
    const what = e.change === 'remove' ? `remove ${e.server}` : `add ${e.server}`;
    return say(`${e.node} cannot ${what}: ${CHANGE_REFUSED[e.reason ?? 'notLeader']}`, 'deny');
  }
  if (e.step === 'committed') {
    switch (e.change) {
      case 'addLearner':
        return say(`${e.server} is in the cluster as a learner (committed at index ${e.index}): it votes once caught up`, 'commit');
      case 'promote':
        return say(`${e.server}'s promotion committed at index ${e.index}: ${config}`, 'commit');
      case 'remove':
        return e.server === e.node
          ? say(`${e.node} removed itself and stepped down: its removal committed at index ${e.index} (${config})`, 'leader')
          : say(`${e.server} is out of the cluster: its removal committed at index ${e.index} (${config})`, 'commit');
    }
  }
  switch (e.change) {
    case 'addLearner':
      return say(`${e.server} joined as a learner: ${e.node} sends it the log; it does not vote yet`, 'leader');
    case 'promote':
      return say(`${e.server} caught up and now votes: ${config}`, 'leader');
    case 'remove':
      return e.server === e.node
        ? say(`${e.node} is removing itself: it leads until that commits, without counting itself (${config})`, 'leader')
        : say(`${e.node} removes ${e.server} from the cluster: ${config}`, 'leader');
  }
}

/** A message in a few words, for the verbose feed. */
export function describeRpc(rpc: Rpc): string {
  switch (rpc.type) {
    case 'RequestVote':
      return `${rpc.preVote ? 'PreVote' : 'RequestVote'} for term ${rpc.term}`;
    case 'RequestVoteReply':
      return `${rpc.voteGranted ? 'vote granted' : 'vote denied'} (term ${rpc.term})`;
    case 'AppendEntries':
      return rpc.entries.length === 0
        ? `heartbeat (term ${rpc.term})`
        : `AppendEntries with ${rpc.entries.length} entr${rpc.entries.length === 1 ? 'y' : 'ies'}`;
    case 'AppendEntriesReply':
      return rpc.success ? `AppendEntries ok up to ${rpc.matchIndex}` : 'AppendEntries refused (logs differ)';
    case 'TimeoutNow':
      return `TimeoutNow (term ${rpc.term}): start an election now`;
  }
}

/** A message by what it is and whose: "S3's vote for S1", "S1's heartbeat to S4". */
export function messageWords(from: string, to: string, rpc: Rpc): string {
  switch (rpc.type) {
    case 'RequestVote':
      return `${from}'s ${rpc.preVote ? 'PreVote request' : 'vote request'} to ${to} (term ${rpc.term})`;
    case 'RequestVoteReply':
      if (rpc.preVote) return `${from}'s PreVote ${rpc.voteGranted ? 'yes' : 'no'} to ${to}`;
      return rpc.voteGranted ? `${from}'s vote for ${to}` : `${from}'s refusal to vote for ${to}`;
    case 'AppendEntries':
      return rpc.entries.length === 0
        ? `${from}'s heartbeat to ${to}`
        : `${from}'s AppendEntries to ${to} (${rpc.entries.length} entr${rpc.entries.length === 1 ? 'y' : 'ies'})`;
    case 'AppendEntriesReply':
      return rpc.success ? `${from}'s acknowledgement to ${to}` : `${from}'s refusal of ${to}'s entries`;
    case 'TimeoutNow':
      return `${from}'s TimeoutNow to ${to} (the handover)`;
  }
}

const VERB: Readonly<Record<MessageActionType, string>> = {
  dropMessage: 'drop',
  holdMessage: 'hold',
  releaseMessage: 'release',
  deliverMessage: 'deliver',
  delayMessage: 'delay',
  duplicateMessage: 'duplicate',
};

/** What a person's action on one message did, in their words ("You dropped S3's vote for S1"). */
function messageAction(e: Extract<TraceEvent, { type: 'messageAction' }>): Narration {
  const a = e.action;
  if (e.from === null || e.to === null || e.rpc === null || e.why === 'gone') {
    return say(`Message #${a.message} is no longer on the wire (it arrived or was dropped): nothing to ${VERB[a.type]}`, 'info');
  }
  const m = messageWords(e.from, e.to, e.rpc);
  const at = e.deliverAt === null ? '' : `${e.deliverAt} ms`;
  if (e.why === 'notHeld') return say(`${m} is not held: nothing to release`, 'info');
  if (e.why === 'alreadyHeld') return say(`${m} is already held`, 'info');
  switch (a.type) {
    case 'dropMessage':
      return say(`You dropped ${m}: it never arrives`, 'network');
    case 'holdMessage':
      return say(`You held ${m}: it waits where it is until released`, 'network');
    case 'releaseMessage':
      return say(`You released ${m}: it moves on and arrives at ${at}`, 'network');
    case 'deliverMessage':
      return say(`You delivered ${m} at once`, 'network');
    case 'delayMessage':
      return say(`You delayed ${m} by ${a.ms} ms${at === '' ? '' : `: it arrives at ${at}`}`, 'network');
    case 'duplicateMessage':
      return say(`You duplicated ${m}: a copy (#${e.copy}) leaves ${e.from} now and arrives at ${at}`, 'network');
  }
}

/**
 * Every trace event as one plain sentence: the feed, the callouts and the explanations all read
 * it, so each sentence must stand on its own and name the servers involved.
 */
export function narrate(e: TraceEvent): Narration {
  switch (e.type) {
    case 'electionTimeout':
      if (e.preVote) return say(`${e.node}'s timer ran out: it asks whether it could win term ${e.term} (PreVote)`, 'election');
      // Forced by a message: only a leader's TimeoutNow does that (a leadership transfer).
      if (e.forced && e.by.kind === 'message')
        return say(`${e.node} got TimeoutNow: it starts term ${e.term} at once and asks for votes`, 'election');
      return e.forced
        ? say(`${e.node} was told to time out: it starts term ${e.term} and asks for votes`, 'election')
        : say(`${e.node}'s timer ran out: it starts term ${e.term} and asks for votes`, 'election');
    case 'role':
      switch (e.role) {
        case 'leader':
          return say(`${e.node} won the election: it is the leader of term ${e.term}`, 'leader');
        case 'candidate':
          return say(`${e.node} is a candidate in term ${e.term}`, 'election', true);
        case 'follower':
          switch (e.cause) {
            case 'start':
              return say(
                e.term === 0
                  ? `${e.node} starts as a follower`
                  : `${e.node} is back as a follower in term ${e.term}, remembering its term, vote and log`,
                'info',
                e.term === 0,
              );
            case 'higherTerm':
              return say(`${e.node} saw a higher term and stepped down: follower in term ${e.term}`, 'fault');
            case 'leaderOfTerm':
              return say(`${e.node} heard from the leader of term ${e.term} and became its follower`, 'info');
            case 'lostQuorum':
              return say(`${e.node} heard from no majority and stepped down (CheckQuorum)`, 'fault');
            case 'removed':
              return say(`${e.node} stepped down: it is no longer in the cluster's configuration`, 'info', true);
            default:
              return say(`${e.node} is a follower in term ${e.term}`, 'info');
          }
      }
      break;
    case 'term':
      return e.cause === 'election'
        ? say(`${e.node} moved from term ${e.from} to term ${e.to} to run for leader`, 'election', true)
        : say(`${e.node} learned of term ${e.to} and adopted it (was ${e.from})`, 'info', true);
    case 'vote': {
      const pre = e.preVote ? 'PreVote: ' : '';
      return e.granted
        ? say(`${pre}${e.node} voted for ${e.candidate} in term ${e.term}`, 'vote')
        : say(`${pre}${e.node} refused ${e.candidate}: ${denial(e.reason, e.candidate, e.votedFor, e.term)}`, 'deny');
    }
    case 'voteCount':
      return e.granted >= e.needed
        ? say(`${e.node} has ${e.granted} votes for term ${e.term}: a majority (${e.needed} needed)`, 'vote')
        : say(`${e.node} has ${e.granted} of the ${e.needed} votes it needs for term ${e.term}`, 'vote');
    case 'clientWrite':
      if (e.accepted)
        return say(`${e.node} (leader) appended ${e.key}=${e.value} at index ${e.index}, term ${e.term}: not committed yet`, 'write');
      if (e.handingTo !== null)
        return say(`${e.node} refused the write ${e.key}=${e.value}: ${e.node} is handing leadership to ${e.handingTo}`, 'deny');
      return say(
        `${e.node} refused the write ${e.key}=${e.value}: it is not the leader${e.leaderHint ? ` (it points to ${e.leaderHint})` : ''}`,
        'deny',
      );
    case 'transfer':
      return narrateTransfer(e);
    case 'membership':
      return narrateMembership(e);
    case 'serverAdded':
      return say(`${e.node} starts with an empty log, to join the cluster`, 'info', true);
    case 'membershipRefused':
      switch (e.reason) {
        case 'noLeader':
          return say(
            `No leader to ${e.change === 'add' ? `add ${e.server}` : `remove ${e.server}`}: the cluster has no leader now`,
            'deny',
          );
        case 'full':
          return say('Nine servers have been in this cluster: no more can be added', 'deny');
        case 'unknownServer':
          return say(`There is no server ${e.server} to remove`, 'deny');
      }
      break;
    case 'transferRefused':
      switch (e.reason) {
        case 'noLeader':
          return say(`No leader can hand leadership to ${e.to}: the cluster has no leader now`, 'deny');
        case 'crashed':
          return say(`${e.from ?? 'The leader'} cannot hand leadership to ${e.to}: ${e.to} is down`, 'deny');
        case 'unknownServer':
          return say(`There is no server ${e.to} to hand leadership to`, 'deny');
      }
      break;
    case 'truncate':
      return say(
        `${e.node} deleted ${e.removed} conflicting entr${e.removed === 1 ? 'y' : 'ies'} from index ${e.fromIndex} on, to match the leader`,
        'fault',
      );
    case 'commit':
      return say(`${e.node} committed up to index ${e.to} (term ${e.term})`, 'commit');
    case 'apply':
      if (e.noop) return say(`${e.node} applied the no-op of term ${e.term} (index ${e.index}): no key changes`, 'commit', true);
      if (e.config)
        return say(
          `${e.node} applied the configuration at index ${e.index}: ${configWords(e.config.voters, e.config.learners)}`,
          'commit',
          true,
        );
      return say(`${e.node} applied ${e.key}=${e.value} (index ${e.index})`, 'commit', true);
    case 'clientAck':
      return say(`${e.node} told the client: write #${e.writeId} is committed at index ${e.index}`, 'commit');
    case 'clientRead':
      return narrateRead(e);
    case 'readAnswer':
      return e.value === null
        ? say(`${e.node} answered read #${e.readId}: ${e.key} is not set (applied up to index ${e.index})`, 'commit')
        : say(`${e.node} answered read #${e.readId}: ${e.key}=${e.value} (applied up to index ${e.index})`, 'commit');
    case 'readUnanswered':
      return say(`${e.node} is no longer the leader: read #${e.readId} of ${e.key} gets no answer`, 'fault');
    case 'readLost':
      return say(`The read of ${e.key} reached no live server and was lost`, 'danger');
    case 'staleRead':
      return say(
        `${e.node} answered ${e.value === null ? `that ${e.key} is not set` : `${e.key}=${e.value}`}, but ${e.key}=${e.newerValue} had already been acknowledged: a stale read`,
        'danger',
      );
    case 'start':
      return say(`A new run: ${e.nodes.length} servers, seed ${e.settings.seed}`, 'info');
    case 'send':
      return say(`${e.from} → ${e.to}: ${describeRpc(e.rpc)}`, 'network', true);
    case 'deliver':
      return say(`${e.to} received message #${e.id} from ${e.from}`, 'network', true);
    case 'drop': {
      const why =
        e.reason === 'loss'
          ? 'was lost on the network'
          : e.reason === 'partition'
            ? 'died at the partition'
            : e.reason === 'action'
              ? 'was dropped by hand'
              : e.reason === 'removed'
                ? `was refused: ${e.to} knows ${e.from} was removed from the cluster`
                : `reached ${e.to}, which is down`;
      return say(`A message from ${e.from} to ${e.to} ${why}`, 'network', true);
    }
    case 'crash':
      return e.unsent > 0
        ? say(
            `${e.node} crashed while writing to disk: ${e.unsent} message${e.unsent === 1 ? '' : 's'} waiting for the write never left`,
            'danger',
          )
        : say(`${e.node} crashed`, 'danger');
    case 'persist':
      return say(`${e.node} writes its term, vote and log to disk (done at ${e.doneAt} ms); its messages wait for it`, 'info', true);
    case 'restart':
      return say(`${e.node} restarted`, 'info');
    case 'partition':
      return say(`The network split into ${e.groups.map(group).join(' and ')}`, 'danger');
    case 'cut':
      return say(
        e.oneWay
          ? `Messages from ${e.from} to ${e.to} are now dropped (one way)`
          : `The link between ${e.from} and ${e.to} is cut both ways`,
        'danger',
      );
    case 'restore':
      return say(
        e.oneWay ? `Messages from ${e.from} to ${e.to} get through again` : `The link between ${e.from} and ${e.to} works again`,
        'info',
      );
    case 'heal':
      return say('The network healed: every link works again', 'info');
    case 'action':
      return say(`Action: ${e.action.type}`, 'info', true);
    case 'messageAction':
      return messageAction(e);
    case 'writeLost':
      return say(`The write ${e.key}=${e.value} reached no live server and was lost`, 'danger');
    case 'lockAnswer':
      return e.granted
        ? say(`${e.node} told client ${e.client}: you hold the lock, fencing token ${e.token}`, 'leader')
        : say(`${e.node} told client ${e.client}: the lock is held by ${e.heldBy}`, 'deny');
    case 'store':
      if (e.accepted)
        return say(`The storage accepted ${e.client}'s write ${e.value}: token ${e.token} is the newest it has seen`, 'commit');
      return e.token === null
        ? say(`The storage refused ${e.client}'s write ${e.value}: ${e.client} has no lock token`, 'deny')
        : say(
            `The storage refused ${e.client}'s write ${e.value}: token ${e.token} is older than ${e.highest}, which it has seen`,
            'danger',
          );
    case 'violation':
      return say(`Safety broken (${PROPERTY_NAMES[e.property]}): ${e.message}`, 'danger');
    case 'final':
      return say('The run ended', 'info', true);
  }
}
