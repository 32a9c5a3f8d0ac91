/** Servers are named S1..Sn, as in the Raft paper's figures. */
export type NodeId = string;

export type Role = 'follower' | 'candidate' | 'leader';

/**
 * One log entry. Its index is its 1-based position in the log. The command is a write
 * to the small key-value state machine; writeId ties it to the client write that asked for it.
 *
 * A new leader's no-op entry (paper §5.4.2 and §8) has `noop: true`, key and value '' and
 * writeId 0: it changes no key, and exists so that committing it commits everything before it.
 * Client entries have no `noop` field at all, so logs and traces stay as compact as before.
 */
export interface LogEntry {
  readonly term: number;
  readonly key: string;
  readonly value: string;
  readonly writeId: number;
  readonly noop?: true;
  /**
   * A configuration entry (Raft thesis §4.1): the cluster's membership from this entry on. Like
   * the no-op it has key and value '' and writeId 0, and changes no key. Each server uses the
   * latest one in its log, committed or not (src/engine/membership.ts).
   */
  readonly config?: Membership;
}

/** Whether an entry is a leader's no-op rather than a client's write. */
export function isNoop(entry: LogEntry): boolean {
  return entry.noop === true;
}

/**
 * A cluster configuration (thesis §4.1, as etcd keeps it): the voters, whose majority elects and
 * commits, and the learners, new servers that receive the log but neither vote nor count until
 * they have caught up and the leader promotes them. A server in neither list is not a member.
 */
export interface Membership {
  readonly voters: readonly NodeId[];
  readonly learners: readonly NodeId[];
}

/** Why a vote was refused: the app explains each one in plain words. */
export type DenyReason =
  | 'staleTerm' // the candidate's term is older than ours
  | 'alreadyVoted' // we voted for someone else in this term (Figure 2: at most one vote per term)
  | 'logBehind' // the candidate's log is less up-to-date than ours (§5.4.1)
  | 'leaderAlive'; // PreVote/CheckQuorum: we heard from a live leader within the minimum election timeout

export interface RequestVote {
  readonly type: 'RequestVote';
  readonly term: number;
  readonly candidateId: NodeId;
  readonly lastLogIndex: number;
  readonly lastLogTerm: number;
  /** A PreVote probe (Raft thesis §9.6): asks "would you vote for me?" without raising any term. */
  readonly preVote: boolean;
  /**
   * The election of a leadership transfer (thesis §3.10): the leader itself asked for it with
   * TimeoutNow, so a voter that still hears from that leader must not refuse it for that reason
   * (the CheckQuorum lease of §4.2.3), as etcd's campaignTransfer votes are not refused.
   */
  readonly transfer: boolean;
}

export interface RequestVoteReply {
  readonly type: 'RequestVoteReply';
  readonly term: number;
  readonly voteGranted: boolean;
  readonly preVote: boolean;
  readonly reason: DenyReason | null;
  /** Whom the voter had voted for, when the reason is alreadyVoted. */
  readonly votedFor: NodeId | null;
}

export interface AppendEntries {
  readonly type: 'AppendEntries';
  readonly term: number;
  readonly leaderId: NodeId;
  readonly prevLogIndex: number;
  readonly prevLogTerm: number;
  readonly entries: readonly LogEntry[];
  readonly leaderCommit: number;
  /**
   * The leader's heartbeat round this message belongs to, when a client read waits on one
   * (ReadIndex, thesis §6.4) or the leader keeps a lease (§6.4.1); absent otherwise, so runs
   * without reads send exactly what they always did. The follower echoes it in its reply.
   */
  readonly round?: number;
}

export interface AppendEntriesReply {
  readonly type: 'AppendEntriesReply';
  readonly term: number;
  readonly success: boolean;
  /**
   * The prevLogIndex of the AppendEntries this answers, so the leader can tell which request a
   * reply is about and ignore a rejection of one it has since moved past (as etcd does).
   */
  readonly prevLogIndex: number;
  /** On success: the index of the last entry known to match the leader (prevLogIndex + entries). */
  readonly matchIndex: number;
  /**
   * On failure, the accelerated backtracking hint (Raft paper §5.3, last paragraphs):
   * conflictTerm is the term of our entry at prevLogIndex (0 if our log is too short),
   * conflictIndex the first index we hold of that term (or our log length + 1).
   */
  readonly conflictIndex: number;
  readonly conflictTerm: number;
  /** The round of the AppendEntries this answers, if it had one: the leader counts who answered it. */
  readonly round?: number;
}

/**
 * Leadership transfer (thesis §3.10): the leader tells a server whose log it has brought up to
 * date to start an election at once, as if its election timer had run out.
 */
export interface TimeoutNow {
  readonly type: 'TimeoutNow';
  readonly term: number;
}

export type Rpc = RequestVote | RequestVoteReply | AppendEntries | AppendEntriesReply | TimeoutNow;

/** A message as the network carries it. */
export interface Message {
  readonly id: number;
  readonly from: NodeId;
  readonly to: NodeId;
  readonly rpc: Rpc;
}

/** What a node sends: the simulator gives it an id and a delivery time. */
export interface Outgoing {
  readonly to: NodeId;
  readonly rpc: Rpc;
}

/**
 * Deliberate protocol faults for the "what if Raft were broken" mode. All false in normal runs;
 * each one removes exactly one rule of Figure 2 so a class can see what that rule prevents.
 */
export interface BrokenRules {
  /** A candidate declares itself leader without waiting for a majority. */
  readonly winWithoutMajority: boolean;
  /** A node may grant a second vote in the same term. */
  readonly voteTwice: boolean;
  /** votedFor is not persisted: a restarted node forgets whom it voted for. */
  readonly forgetVoteOnRestart: boolean;
  /** Votes ignore whether the candidate's log is up to date. */
  readonly ignoreLogCheck: boolean;
  /** A leader commits as soon as it appends, without a majority. */
  readonly commitWithoutMajority: boolean;
  /** A leader commits an earlier term's entry by counting replicas (the paper's Figure 8). */
  readonly commitOldTermByCount: boolean;
}

export const NO_BROKEN_RULES: BrokenRules = Object.freeze({
  winWithoutMajority: false,
  voteTwice: false,
  forgetVoteOnRestart: false,
  ignoreLogCheck: false,
  commitWithoutMajority: false,
  commitOldTermByCount: false,
});

/**
 * How a server answers a client's read (thesis §6.4):
 * - `readIndex`: the leader notes its commit index, confirms with a heartbeat round that a
 *   majority still follows it (having committed an entry of its own term first), and answers
 *   once it has applied up to that index;
 * - `lease`: as readIndex, but while a majority answered a heartbeat sent less than the minimum
 *   election timeout ago the leader answers without a round (§6.4.1). It leans on CheckQuorum's
 *   rule that followers refuse votes for that long; without CheckQuorum it always takes the round;
 * - `anyServer`: deliberately unsafe: the server asked answers from its own state machine at
 *   once, whatever its role, so a deposed leader or a lagging follower can return a stale value.
 */
export type ReadMode = 'readIndex' | 'lease' | 'anyServer';

export const READ_MODES: readonly ReadMode[] = ['readIndex', 'lease', 'anyServer'];

export interface NodeConfig {
  /** Election timeout range in simulated ms; a fresh value is drawn from it at every reset. */
  readonly electionTimeoutMin: number;
  readonly electionTimeoutMax: number;
  readonly heartbeatInterval: number;
  /** Most entries one AppendEntries carries, so a far-behind follower catches up in batches. */
  readonly maxEntriesPerMessage: number;
  readonly preVote: boolean;
  readonly checkQuorum: boolean;
  /** Use the conflict hint in AppendEntries replies instead of stepping nextIndex back by one. */
  readonly fastBacktrack: boolean;
  /**
   * A new leader appends a no-op entry of its term (paper §8, thesis §6.4), as real
   * implementations do, so entries of earlier terms commit without waiting for a client write.
   * Off shows the paper's bare Figure 8.
   */
  readonly noopOnElection: boolean;
  readonly readMode: ReadMode;
  readonly broken: BrokenRules;
}
