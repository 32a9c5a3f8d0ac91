import type { DenyReason, NodeId, Role } from './types.ts';

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
    }
  /** The leader applied a client's entry: only now is the client told its write succeeded. */
  | { readonly type: 'clientAck'; readonly node: NodeId; readonly writeId: number; readonly index: number; readonly term: number };

export type RoleCause =
  | 'start' // booted or restarted: every node begins as a follower
  | 'electionTimeout' // heard no leader in time and started an election
  | 'wonElection' // a majority granted its votes
  | 'higherTerm' // saw a message with a higher term
  | 'leaderOfTerm' // a candidate heard from the leader of its own term
  | 'lostQuorum'; // CheckQuorum: a leader that heard from no majority in an election timeout

export type TermCause = 'election' | 'message';
