import type { ClusterSettings } from './settings.ts';

export const SCENARIO_VERSION = 1;

/** Something that happens to the cluster at a simulated time, by script or by a person's click. */
export type Action =
  | { readonly at: number; readonly type: 'crash'; readonly node: string }
  | { readonly at: number; readonly type: 'restart'; readonly node: string }
  /** Crash whichever node is leader at that moment (nothing happens if there is none). */
  | { readonly at: number; readonly type: 'crashLeader' }
  | { readonly at: number; readonly type: 'timeoutNow'; readonly node: string }
  /** Ask whoever leads at that moment to hand its leadership to `to` (Raft thesis §3.10). */
  | { readonly at: number; readonly type: 'transfer'; readonly to: string }
  /**
   * Ask whoever leads at that moment to add a new server (thesis §4.1): the next name, S(n+1) of
   * the n servers ever present, at most S9. It boots with an empty log and joins as a learner.
   */
  | { readonly at: number; readonly type: 'addServer' }
  /** Ask whoever leads at that moment to remove `node` from the configuration (it may be itself). */
  | { readonly at: number; readonly type: 'removeServer'; readonly node: string }
  /** Split into groups: every link between different groups is cut both ways. Unlisted nodes are each alone. */
  | { readonly at: number; readonly type: 'partition'; readonly groups: readonly (readonly string[])[] }
  | { readonly at: number; readonly type: 'cut'; readonly from: string; readonly to: string; readonly oneWay: boolean }
  | { readonly at: number; readonly type: 'restore'; readonly from: string; readonly to: string; readonly oneWay: boolean }
  | { readonly at: number; readonly type: 'heal' }
  /** A client write. Sent to `node` if given, else to the current leader (or, if none, to S1). */
  | { readonly at: number; readonly type: 'write'; readonly key: string; readonly value: string; readonly node?: string }
  /** A client read of `key`. Sent to `node` if given, else to the current leader (or, if none, the first live server). */
  | { readonly at: number; readonly type: 'read'; readonly key: string; readonly node?: string }
  /**
   * Client `client` (a capital letter) writes `value` to the storage outside the cluster, carrying
   * the fencing token of the lock it believes it holds (src/sim/locks.ts).
   */
  | { readonly at: number; readonly type: 'store'; readonly client: string; readonly value: string }
  | MessageAction;

/**
 * A person's hand on one message in flight, named by its id: messages are numbered 1, 2, 3... in
 * the order the run sends them, so the same seed and actions give every message the same id and
 * a link names the very message clicked. On a message no longer on the wire it does nothing (and
 * the trace says so). See src/sim/messageActions.ts.
 * - dropMessage: it never arrives;
 * - holdMessage: it stops where it is on its way until a releaseMessage;
 * - releaseMessage: a held one moves on, taking the rest of its trip from now;
 * - deliverMessage: it arrives now (still dropped if its link is cut or its receiver is down);
 * - delayMessage: it arrives `ms` later than it would have;
 * - duplicateMessage: the network sends a copy now, with a new id and its own trip.
 */
export type MessageAction =
  | { readonly at: number; readonly type: 'dropMessage'; readonly message: number }
  | { readonly at: number; readonly type: 'holdMessage'; readonly message: number }
  | { readonly at: number; readonly type: 'releaseMessage'; readonly message: number }
  | { readonly at: number; readonly type: 'deliverMessage'; readonly message: number }
  | { readonly at: number; readonly type: 'delayMessage'; readonly message: number; readonly ms: number }
  | { readonly at: number; readonly type: 'duplicateMessage'; readonly message: number };

export type MessageActionType = MessageAction['type'];

export const MESSAGE_ACTION_TYPES: readonly MessageActionType[] = [
  'dropMessage',
  'holdMessage',
  'releaseMessage',
  'deliverMessage',
  'delayMessage',
  'duplicateMessage',
];

export function isMessageAction(action: { readonly type: string }): action is MessageAction {
  return (MESSAGE_ACTION_TYPES as readonly string[]).includes(action.type);
}

export type ActionType = Action['type'];

/** A versioned document: the settings and the timed actions. The app, links and CLI share it. */
export interface Scenario {
  readonly version: number;
  readonly name?: string;
  readonly description?: string;
  readonly settings: ClusterSettings;
  readonly actions: readonly Action[];
  /** How long the scenario is meant to run, in simulated ms. */
  readonly until?: number;
}

/** An action without its time: what a click asks for; the simulator stamps the moment. */
export type UntimedAction = Action extends infer A ? (A extends Action ? Omit<A, 'at'> : never) : never;
