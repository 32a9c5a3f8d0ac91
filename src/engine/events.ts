import type { DenyReason, Membership, NodeId, ReadMode, Role } from './types.ts';

/**
 * What a node reports about itself while it steps. The simulator stamps each with the
 * simulated time and writes it to the trace; the app's narration reads the same events.
 */
export type EngineEvent =
  | {
      readonly type: 'role';
      readonly node: NodeId;
      readonly role: Role;
      readonly term: number;
      /** Why the role changed, for narration. */
      readonly cause: RoleCause;
    }
  | { readonly type: 'term'; readonly node: NodeId; readonly from: number; readonly to: number; readonly cause: TermCause }
  | {
      readonly type: 'electionTimeout';
      readonly node: NodeId;
      /** The term the node is now asking votes for (for a PreVote, the term it would use). */
      readonly term: number;
      readonly preVote: boolean;
      readonly forced: boolean;
    }
  | {
      readonly type: 'vote';
      readonly node: NodeId;
      readonly candidate: NodeId;
      readonly term: number;
      readonly granted: boolean;
      readonly reason: DenyReason | null;
      /** Whom the voter had already voted for, when reason is alreadyVoted. */
      readonly votedFor: NodeId | null;
      readonly preVote: boolean;
    }
  | {
      readonly type: 'voteCount';
      readonly node: NodeId;
      readonly term: number;
      readonly granted: number;
      readonly needed: number;
      readonly preVote: boolean;
    }
  | {
      readonly type: 'clientWrite';
      readonly node: NodeId;
      readonly writeId: number;
      readonly key: string;
      readonly value: string;
      readonly accepted: boolean;
      /** Where the entry went in the leader's log, when accepted. */
      readonly index: number;
      readonly term: number;
      /** The leader this node believes in, when it refused. */
      readonly leaderHint: NodeId | null;
      /**
       * A leader refuses writes while it hands leadership over (thesis §3.10): the target, then;
       * else null.
       */
      readonly handingTo: NodeId | null;
    }
  | { readonly type: 'truncate'; readonly node: NodeId; readonly fromIndex: number; readonly removed: number }
  | { readonly type: 'commit'; readonly node: NodeId; readonly from: number; readonly to: number; readonly term: number }
  | {
      readonly type: 'apply';
      readonly node: NodeId;
      readonly index: number;
      readonly term: number;
      readonly key: string;
      readonly value: string;
      readonly writeId: number;
      /** A leader's no-op entry: it changes no key (key and value are '', writeId 0). */
      readonly noop: boolean;
      /** A configuration entry's configuration (it changes no key either); absent for the rest. */
      readonly config?: Membership;
    }
  /**
   * A client's read of `key` reached this node. Accepted: it will be answered (`via` says how:
   * at once from its own state for anyServer, without a round inside a lease, else after a
   * ReadIndex round). Refused: not the leader, naming the leader it knows of.
   */
  | {
      readonly type: 'clientRead';
      readonly node: NodeId;
      readonly readId: number;
      readonly key: string;
      readonly accepted: boolean;
      /** How it will be answered, when accepted; null when refused. */
      readonly via: ReadMode | null;
      readonly term: number;
      readonly leaderHint: NodeId | null;
    }
  /**
   * The node answered read `readId`: the key's value in its state machine (null: never written),
   * having applied up to `index` (for ReadIndex and lease reads, the commit index it recorded).
   */
  | {
      readonly type: 'readAnswer';
      readonly node: NodeId;
      readonly readId: number;
      readonly key: string;
      readonly value: string | null;
      readonly index: number;
      readonly term: number;
      readonly via: ReadMode;
    }
  /** A leader that stepped down drops the reads it had not answered: their clients hear nothing. */
  | { readonly type: 'readUnanswered'; readonly node: NodeId; readonly readId: number; readonly key: string; readonly term: number }
  /** The leader applied a client's entry: only now is the client told its write succeeded. */
  | { readonly type: 'clientAck'; readonly node: NodeId; readonly writeId: number; readonly index: number; readonly term: number }
  /**
   * A step of a leadership transfer (thesis §3.10) from `from` to `to`, reported by `node`: the
   * leader for every step but `done`, which the new leader reports.
   */
  | {
      readonly type: 'transfer';
      readonly node: NodeId;
      readonly step: TransferStep;
      readonly from: NodeId;
      readonly to: NodeId;
      readonly term: number;
      /** Why a transfer was refused (step `refused`), else null. */
      readonly reason: TransferRefusal | null;
    }
  /**
   * A membership change (thesis §4.1), reported by the leader: `proposed` when it appends the
   * configuration entry at `index`, `committed` when that entry commits, `refused` when it cannot
   * start the change (`reason`; index 0). `voters` and `learners` are the configuration the
   * change makes (for a refusal, the current one). `server` is the one added, promoted or removed.
   */
  | {
      readonly type: 'membership';
      readonly node: NodeId;
      readonly step: 'proposed' | 'committed' | 'refused';
      readonly change: MembershipChange;
      readonly server: NodeId;
      readonly index: number;
      readonly term: number;
      readonly voters: readonly NodeId[];
      readonly learners: readonly NodeId[];
      readonly reason: MembershipRefusal | null;
    };

/**
 * - `addLearner`: a new server joins as a learner: it receives the log but does not vote;
 * - `promote`: a learner that caught up with the leader's log becomes a voter;
 * - `remove`: a server (a voter, a learner, or the leader itself) leaves the configuration.
 */
export type MembershipChange = 'addLearner' | 'promote' | 'remove';

export type MembershipRefusal =
  | 'notLeader' // only the leader changes the configuration
  | 'changePending' // one change at a time: an earlier configuration entry is not yet committed
  | 'termNotStarted' // the leader has not yet committed an entry of its term (thesis §4.1's fix)
  | 'transferring' // the leader is handing its leadership over (thesis §3.10)
  | 'alreadyMember' // the server to add is already in the configuration
  | 'notMember' // the server to remove is not in the configuration
  | 'lastVoter'; // removing it would leave no voter at all

/**
 * The steps of a leadership transfer, in the order they happen:
 * - `start`: the leader stops taking client writes, so the target can catch up with its log;
 * - `catchUp`: the target is behind: the leader sends it AppendEntries (skipped when it is not);
 * - `timeoutNow`: the target holds the leader's whole log: the leader sends it TimeoutNow;
 * - `done`: the target won the election it started: it reports the handover done;
 * - `abandoned`: an election timeout passed without a new leader: the old one takes writes again;
 * - `refused`: the leader could not start the transfer (`reason` says why).
 */
export type TransferStep = 'start' | 'catchUp' | 'timeoutNow' | 'done' | 'abandoned' | 'refused';

export type TransferRefusal =
  | 'notLeader' // only a leader can hand leadership over
  | 'self' // the leader was asked to hand over to itself
  | 'unknownServer' // the target is not a server of this cluster
  | 'notVoter' // the target is a learner: it cannot be elected (thesis §4.2.1)
  | 'alreadyHanding'; // a transfer to this very target is in progress

export type RoleCause =
  | 'start' // booted or restarted: every node begins as a follower
  | 'electionTimeout' // heard no leader in time and started an election
  | 'wonElection' // a majority granted its votes
  | 'higherTerm' // saw a message with a higher term
  | 'leaderOfTerm' // a candidate heard from the leader of its own term
  | 'lostQuorum' // CheckQuorum: a leader that heard from no majority in an election timeout
  | 'removed'; // a leader whose removal from the configuration committed (thesis §4.2.2)

export type TermCause = 'election' | 'message';
