import type { EngineEvent } from '../engine/events.ts';
import type { LogEntry, NodeId, Role, Rpc } from '../engine/types.ts';
import type { Action, MessageAction } from './scenario.ts';
import type { ClusterSettings } from './settings.ts';
import type { StaleRead } from './staleReads.ts';

/**
 * `action`: a person (or a scenario's dropMessage) dropped it. `removed`: its sender was removed
 * from the cluster, and the receiver has applied that removal: it refuses the sender's messages,
 * as etcd's transport refuses a removed member's.
 */
export type DropReason = 'loss' | 'partition' | 'crashed' | 'action' | 'removed';

export type FigureThreeProperty = 'ElectionSafety' | 'LeaderAppendOnly' | 'LogMatching' | 'LeaderCompleteness' | 'StateMachineSafety';

/**
 * The trace format's version, written in the `start` line. Bump it whenever a line changes shape
 * or meaning, so a reader of an old trace knows what it holds (docs/trace.md).
 */
export const TRACE_VERSION = 8;

/**
 * What made a line happen: the input the simulator was processing when the line was written.
 * Every event a step reports carries it, so nothing downstream has to guess a cause.
 * - `message`: the arrival (or drop) of message `id`, and everything the receiver did about it;
 * - `timer`: `node`'s own timer (election timeout, heartbeat, quorum check);
 * - `action`: the `index`-th action taken in the run (0-based: its place in the scenario's
 *   time-ordered action list), taken at `at`;
 * - `run`: the run itself (its `start` line, the servers booting, its `final` line).
 */
export type Cause =
  | { readonly kind: 'run' }
  | { readonly kind: 'message'; readonly id: number }
  | { readonly kind: 'timer'; readonly node: NodeId }
  | { readonly kind: 'action'; readonly index: number; readonly at: number };

/** Events the simulator itself reports, besides those of the nodes. */
export type SimEvent =
  | { readonly type: 'start'; readonly version: number; readonly settings: ClusterSettings; readonly nodes: readonly NodeId[] }
  | {
      readonly type: 'send';
      readonly id: number;
      readonly from: NodeId;
      readonly to: NodeId;
      readonly rpc: Rpc;
      readonly deliverAt: number;
    }
  | { readonly type: 'deliver'; readonly id: number; readonly from: NodeId; readonly to: NodeId }
  | { readonly type: 'drop'; readonly id: number; readonly from: NodeId; readonly to: NodeId; readonly reason: DropReason }
  /** A server crashed; `unsent` messages it held for a disk write in progress are lost with it. */
  | { readonly type: 'crash'; readonly node: NodeId; readonly unsent: number }
  /** A server changed currentTerm, votedFor or its log and writes them to disk until `doneAt`. */
  | { readonly type: 'persist'; readonly node: NodeId; readonly doneAt: number }
  | { readonly type: 'restart'; readonly node: NodeId }
  | { readonly type: 'partition'; readonly groups: readonly (readonly NodeId[])[] }
  | { readonly type: 'cut'; readonly from: NodeId; readonly to: NodeId; readonly oneWay: boolean }
  | { readonly type: 'restore'; readonly from: NodeId; readonly to: NodeId; readonly oneWay: boolean }
  | { readonly type: 'heal' }
  /** A scripted or clicked action, as it was taken (before its effects). */
  | { readonly type: 'action'; readonly action: Action }
  /**
   * A `transfer` action the simulator could not pass to a leader: there is none, or the target
   * is down or not a server of the cluster. (A leader's own refusals are `transfer` lines.)
   */
  | {
      readonly type: 'transferRefused';
      readonly from: NodeId | null;
      readonly to: NodeId;
      readonly reason: 'noLeader' | 'crashed' | 'unknownServer';
    }
  /**
   * What a message action did to message `id` (its own effects follow: a drop, a delivery, the
   * copy's send). `done` false: nothing, because `why`: the message was no longer on the wire
   * (`gone`: it had arrived or been dropped), or a release found it not held, a hold already held.
   * `from`, `to` and `rpc` describe the message (null when gone); `deliverAt` is its new arrival
   * (release, delay, deliver now) or the copy's, and `copy` the copy's id (duplicate).
   */
  | {
      readonly type: 'messageAction';
      readonly action: MessageAction;
      readonly done: boolean;
      readonly why: 'gone' | 'notHeld' | 'alreadyHeld' | null;
      readonly from: NodeId | null;
      readonly to: NodeId | null;
      readonly rpc: Rpc | null;
      readonly deliverAt: number | null;
      readonly copy: number | null;
    }
  /** A client read that reached no live server. */
  | { readonly type: 'readLost'; readonly readId: number; readonly node: NodeId; readonly key: string }
  /**
   * Read `readId` returned `value` although write `newerWriteId` (`newerValue`) had been
   * acknowledged before the read began: a stale read (src/sim/staleReads.ts).
   */
  | ({ readonly type: 'staleRead' } & StaleRead)
  /**
   * An `addServer` action booted server `node` (empty log, term 0) and passed it to the leader,
   * which then reports the change (a `membership` line).
   */
  | { readonly type: 'serverAdded'; readonly node: NodeId }
  /**
   * An `addServer` or `removeServer` action the simulator could not pass to a leader: there is
   * none, nine servers have been present already (`full`), or the server to remove is not one of
   * the cluster's. (A leader's own refusals are `membership` lines.)
   */
  | {
      readonly type: 'membershipRefused';
      readonly change: 'add' | 'remove';
      readonly server: NodeId | null;
      readonly reason: 'noLeader' | 'full' | 'unknownServer';
    }
  /** A client write that reached no live server. */
  | { readonly type: 'writeLost'; readonly writeId: number; readonly node: NodeId; readonly key: string; readonly value: string }
  /**
   * A leader acknowledged a lock entry (src/sim/locks.ts): what its client is told. Granted with
   * the fencing token of its grant, or refused because `heldBy` holds the lock.
   */
  | {
      readonly type: 'lockAnswer';
      readonly node: NodeId;
      readonly writeId: number;
      readonly client: string;
      readonly granted: boolean;
      readonly token: number | null;
      readonly heldBy: string | null;
    }
  /**
   * A client wrote `value` to the storage outside the cluster, carrying the token it believes it
   * holds (null: none); the storage accepts a token at least as high as `highest`, the highest it
   * had accepted before.
   */
  | {
      readonly type: 'store';
      readonly client: string;
      readonly value: string;
      readonly token: number | null;
      readonly accepted: boolean;
      readonly highest: number | null;
    }
  | {
      readonly type: 'violation';
      readonly property: FigureThreeProperty;
      readonly message: string;
      readonly nodes: readonly NodeId[];
      readonly term: number;
      readonly index: number;
    }
  | { readonly type: 'final'; readonly nodes: readonly FinalNodeState[] };

export interface FinalNodeState {
  readonly node: NodeId;
  readonly alive: boolean;
  readonly role: Role;
  readonly term: number;
  readonly votedFor: NodeId | null;
  readonly commitIndex: number;
  readonly lastApplied: number;
  readonly log: readonly LogEntry[];
}

/** One line of the trace: an event stamped with its simulated time `t` in ms and its cause `by`. */
export type TraceEvent = (EngineEvent | SimEvent) & { readonly t: number; readonly by: Cause };
export type TraceEventType = TraceEvent['type'];

/** JSON lines: Infinity never appears in events, so plain JSON.stringify is exact. */
export function traceLine(event: TraceEvent): string {
  return JSON.stringify(event);
}
