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
  /** Split into groups: every link between different groups is cut both ways. Unlisted nodes are each alone. */
  | { readonly at: number; readonly type: 'partition'; readonly groups: readonly (readonly string[])[] }
  | { readonly at: number; readonly type: 'cut'; readonly from: string; readonly to: string; readonly oneWay: boolean }
  | { readonly at: number; readonly type: 'restore'; readonly from: string; readonly to: string; readonly oneWay: boolean }
  | { readonly at: number; readonly type: 'heal' }
  /** A client write. Sent to `node` if given, else to the current leader (or, if none, to S1). */
  | { readonly at: number; readonly type: 'write'; readonly key: string; readonly value: string; readonly node?: string }
  /**
   * Client `client` (a capital letter) writes `value` to the storage outside the cluster, carrying
   * the fencing token of the lock it believes it holds (src/sim/locks.ts).
   */
  | { readonly at: number; readonly type: 'store'; readonly client: string; readonly value: string };

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
