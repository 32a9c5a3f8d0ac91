import type { LogEntry, NodeId, Role } from '../engine/types.ts';
import type { Explanation } from '../lessons/explain.ts';
import type { Goal } from '../lessons/types.ts';
import type { Moment } from '../narration/moments.ts';
import type { ClientHistoryFacts } from '../sim/clientHistory.ts';
import type { LockFacts } from '../sim/locks.ts';
import type { Leg } from '../sim/messageActions.ts';
import type { Scenario, UntimedAction } from '../sim/scenario.ts';
import type { DropReason, FigureThreeProperty, TraceEvent } from '../sim/trace.ts';

/**
 * The typed boundary between the page and the simulation worker. Bump the version whenever a
 * message changes shape: both sides check it, so a stale cached worker fails loudly, not subtly.
 */
export const PROTOCOL_VERSION = 9;

/** An action as a click makes it: the driver stamps it with the simulated time it happened at. */
export type ActionInput = UntimedAction;

/** How a message looks on screen: each kind has its own shape in the legend. */
export type MessageKind =
  | 'voteRequest'
  | 'preVoteRequest'
  | 'voteGranted'
  | 'voteDenied'
  | 'heartbeat'
  | 'append'
  | 'heartbeatReply'
  | 'appendOk'
  | 'appendFail'
  | 'timeoutNow';

/** A moment worth a mark on the timeline. */
export interface Marker {
  readonly t: number;
  readonly kind: 'election' | 'leader' | 'crash' | 'restart' | 'partition' | 'heal' | 'commit' | 'violation' | 'staleRead';
  readonly label: string;
}

/** A message as the space-time diagram draws it: an arrow from its sending to its fate. */
export interface SpaceTimeMessage {
  readonly id: number;
  readonly from: NodeId;
  readonly to: NodeId;
  readonly kind: MessageKind;
  readonly sentAt: number;
  /** When it arrived or was dropped; null while still in flight. */
  readonly endAt: number | null;
  readonly deliverAt: number;
  readonly dropped: DropReason | null;
  /** While in flight: held by a person, and where it moves on from (sim/messageActions.ts). */
  readonly held: boolean;
  readonly leg: Leg | null;
}

/**
 * A server's place in the cluster's configuration as the page shows it (reach.ts `config`):
 * a voter, a learner (receives the log, does not vote), or removed.
 */
export type Membership = 'voter' | 'learner' | 'removed';

/** One server as the view draws it: the fields of Figure 2 plus its timer, nothing more. */
export interface NodeFrame {
  readonly id: NodeId;
  readonly alive: boolean;
  readonly membership: Membership;
  /**
   * Whether it runs an election timer: false for a learner, or a server that knows its removal
   * committed (they never campaign); true for every other live non-leader.
   */
  readonly timer: boolean;
  readonly role: Role;
  readonly term: number;
  readonly votedFor: NodeId | null;
  readonly leaderId: NodeId | null;
  readonly commitIndex: number;
  readonly lastApplied: number;
  readonly logLength: number;
  readonly electionResetAt: number;
  readonly electionDeadline: number;
  readonly electionTimeout: number;
  readonly votesGranted: readonly NodeId[];
  readonly votesDenied: readonly NodeId[];
  readonly preCandidate: boolean;
  /** Leaders only; empty objects otherwise. */
  readonly nextIndex: Readonly<Record<NodeId, number>>;
  readonly matchIndex: Readonly<Record<NodeId, number>>;
  /** A leader handing its leadership over (thesis §3.10): the target; null otherwise. */
  readonly handingTo: NodeId | null;
}

/** A message on the wire, with the times the view interpolates its position from. */
export interface FlightFrame {
  readonly id: number;
  readonly from: NodeId;
  readonly to: NodeId;
  readonly kind: MessageKind;
  readonly term: number;
  readonly sentAt: number;
  readonly deliverAt: number;
  readonly lost: boolean;
  /** Entries carried by an AppendEntries (0 for everything else). */
  readonly entries: number;
  /** Held by a person: it stands at `leg.from` of its way until released. */
  readonly held: boolean;
  /** Where it moves on from after a hold, release or delay (sim/messageActions.ts `wayAlong`); null if untouched. */
  readonly leg: Leg | null;
}

/** The entries of one node's log from `from` (1-based) on; everything before is unchanged. */
export interface LogPatch {
  readonly node: NodeId;
  readonly from: number;
  readonly entries: readonly LogEntry[];
}

/**
 * New timeline marks: appended to the ones sent before, or replacing them all (`reset`). The page
 * keeps the newest MAX_MARKERS; `skipped` says how many earlier marks of the run are not drawn.
 */
export interface MarkerPatch {
  readonly reset: boolean;
  readonly items: readonly Marker[];
  readonly skipped: number;
}

/** The messages of the space-time diagram's window [from, to], as known at `to` (the moment shown). */
export interface SpaceTimeWindow {
  readonly from: number;
  readonly to: number;
  /** The newest MAX_SPACETIME_MESSAGES of the window. */
  readonly messages: readonly SpaceTimeMessage[];
  /** Older messages of the window left out (the diagram says so). */
  readonly skipped: number;
}

/** A violation of a Figure 3 property, with its event's id (to ask why). */
export type ViolationFact = Extract<TraceEvent, { type: 'violation' }> & { readonly eventId: number };

/** The first violation of each Figure 3 property up to the moment shown. */
export type FirstBreaks = Partial<Record<FigureThreeProperty, ViolationFact>>;

/** How far the learner is with the goal the page asked the worker to watch (`watch` names the request). */
export interface GoalProgress {
  readonly watch: number;
  readonly done: boolean;
  /** The id of the event that reached it: a step that carries on from this one may count from there. */
  readonly doneAt: number | null;
  /** The simulated time of that event: the page holds the run at this moment, so the class sees it. */
  readonly at: number | null;
}

export interface Frame {
  readonly now: number;
  /** The furthest moment explored: the timeline's length. */
  readonly horizon: number;
  /** Marks found since the previous frame, or null when none. */
  readonly markers: MarkerPatch | null;
  readonly nodes: readonly NodeFrame[];
  /** At most MAX_FLIGHTS_PER_FRAME messages on the wire (the soonest due). */
  readonly flights: readonly FlightFrame[];
  /** Messages on the wire left out of `flights` (the cluster view says so). */
  readonly flightsSkipped: number;
  /** Only the logs that changed since the previous frame. */
  readonly logs: readonly LogPatch[];
  /** Cut directed links [from, to], or null when unchanged since the previous frame. */
  readonly cut: readonly (readonly [NodeId, NodeId])[] | null;
  /** Who can still gather a majority, when it changed; else null. */
  readonly reach: ReachFacts | null;
  /**
   * The lock and the storage (src/sim/locks.ts) at the moment shown, when that changed; else null.
   * `facts` is null while the run has not used the lock.
   */
  readonly lock: { readonly facts: LockFacts | null } | null;
  /**
   * What the clients saw (src/sim/clientHistory.ts) at the moment shown, when that changed; else
   * null. `facts` is null while no client has written.
   */
  readonly clients: { readonly facts: ClientHistoryFacts | null } | null;
  /**
   * Trace events since the previous frame (per-message send/deliver only when asked for). After
   * a jump back in time (`feedReset`), the latest events up to `now` instead: the feed is rebuilt.
   */
  readonly events: readonly TraceEvent[];
  /** Each event's id (its place in the run's history), to ask the worker about it. */
  readonly eventIds: readonly number[];
  readonly feedReset: boolean;
  /**
   * Moments to call out on the cluster, found since the previous frame; null after a jump back in
   * time, when what is called out belongs to a moment no longer shown.
   */
  readonly moments: readonly Moment[] | null;
  /** The first violation of each property up to now, when that changed; else null. */
  readonly firstBreaks: FirstBreaks | null;
  /** Progress on the watched lesson goal, when it changed; else null. */
  readonly goal: GoalProgress | null;
  /** Trace events left out because a frame carries at most MAX_EVENTS_PER_FRAME. */
  readonly eventsSkipped: number;
  readonly violations: number;
  /**
   * The next moment anything happens (stale timers skipped): the picture stays exact until then,
   * and the page's pacing slows down before it.
   */
  readonly nextEventTime: number | null;
  /** The current branch's scenario (what a link or export holds), when it changed; else null. */
  readonly scenario: Scenario | null;
  /** The space-time window ending now, when asked for. */
  readonly spacetime: SpaceTimeWindow | null;
  /** Set when this frame answers an action taken in the past: the old future after `at` is gone. */
  readonly branched: { readonly at: number } | null;
}

/**
 * The cluster's configuration as the page shows it (thesis §4.1): the leader's, or with no leader
 * the one in the most up-to-date live log. `from` names whose it is; `pending`: its entry is not
 * yet committed there (a change under way).
 */
export interface ConfigFacts {
  readonly voters: readonly NodeId[];
  readonly learners: readonly NodeId[];
  readonly from: NodeId | null;
  readonly pending: boolean;
}

/** What the split means for elections and commits (reach.ts): the page draws it, never works it out. */
export interface ReachFacts {
  /** Votes a leader needs: a majority of the voters of the configuration. */
  readonly needed: number;
  readonly config: ConfigFacts;
  /** Groups of servers that can still talk both ways, biggest first; one group when whole. */
  readonly islands: readonly { readonly members: readonly NodeId[]; readonly canElect: boolean }[];
  /** Live leaders whose side has fewer live servers than `needed`: they can no longer commit. */
  readonly cutOff: readonly NodeId[];
}

export const MAX_EVENTS_PER_FRAME = 200;

/*
 * Every frame is bounded, whatever the run: a cluster of nine with a 10 s latency has hundreds of
 * thousands of messages on the wire and tens of thousands of marks. Past these caps the frame
 * carries the most telling part and a count of what was left out, which the page shows.
 */
/** Messages in flight sent (and drawn on the cluster) per frame. */
export const MAX_FLIGHTS_PER_FRAME = 600;
/** Arrows in the space-time diagram. */
export const MAX_SPACETIME_MESSAGES = 800;
/** Timeline marks the page holds (the bar draws one per kind per pixel of them). */
export const MAX_MARKERS = 2000;
/**
 * Moments to call out: the page shows two callouts at once and says the last two, so the newest
 * few are all it can use (an election storm finds tens of thousands in one jump forward).
 */
export const MAX_MOMENTS_PER_FRAME = 20;

/**
 * What every request answered by a frame carries: how verbose the feed is, and the span (ms) of
 * the space-time window to send along, or null while the diagram is hidden.
 */
interface FrameRequest {
  readonly v: number;
  readonly id: number;
  readonly verbose: boolean;
  readonly spacetime: number | null;
}

/** Page to worker. Every request but `load` and `explain` is answered by a frame with its id. */
export type ToWorker =
  | { readonly type: 'load'; readonly v: number; readonly scenario: Scenario }
  /** Run to simulated time `until` and answer with a frame. */
  | (FrameRequest & { readonly type: 'frame'; readonly until: number })
  /** Go to `from` (the time on screen), then to the next moment anything happens. */
  | (FrameRequest & { readonly type: 'step'; readonly from: number })
  /** Go to `from`, then back to the previous moment anything happened. */
  | (FrameRequest & { readonly type: 'stepBack'; readonly from: number })
  /** Travel to simulated time `t`, backwards or forwards. */
  | (FrameRequest & { readonly type: 'seek'; readonly t: number })
  /**
   * Take an action at `at`, the simulated time on screen. The page asks for frames only when the
   * last one's nextEventTime is reached, so the worker first goes to `at` (nothing happens in
   * between) and the action lands exactly where the person saw it. Before the horizon, the
   * action starts a new branch.
   */
  | (FrameRequest & { readonly type: 'act'; readonly at: number; readonly action: ActionInput })
  /**
   * A lesson step appeared: watch for `goal` (null: none), counting the events from id `since`
   * on, or (since null) only what happens after the moment shown. Progress comes in frames.
   */
  | (FrameRequest & { readonly type: 'watchGoal'; readonly watch: number; readonly goal: Goal | null; readonly since: number | null })
  /** Why did event `eventId` happen? Answered by an `explanation` with the same id. */
  | { readonly type: 'explain'; readonly v: number; readonly id: number; readonly eventId: number }
  /**
   * Stop the long replay answering request `id`: the worker stays at the moment it reached (its
   * history is whole up to there) and answers `id` with a frame of it.
   */
  | { readonly type: 'cancel'; readonly v: number; readonly id: number };

/** Worker to page. */
export type FromWorker =
  | { readonly type: 'ready'; readonly v: number }
  | { readonly type: 'loaded'; readonly v: number; readonly scenario: Scenario }
  | { readonly type: 'frame'; readonly v: number; readonly id: number; readonly frame: Frame }
  /**
   * Request `id` is a long replay, still going: simulated time `reached` of `target` (ms), from
   * `from`. Sent between slices of work, so the page knows the worker is alive and how far it is.
   */
  | {
      readonly type: 'progress';
      readonly v: number;
      readonly id: number;
      readonly from: number;
      readonly reached: number;
      readonly target: number;
    }
  /** The rule and the exact cause of an event, from the whole run; null if the event is unknown (a new run). */
  | {
      readonly type: 'explanation';
      readonly v: number;
      readonly id: number;
      readonly eventId: number;
      readonly explanation: Explanation | null;
    }
  /**
   * Something went wrong. A refused input (an impossible scenario or action) names its field and
   * leaves the run as it was; a fatal error means the simulation itself failed and needs a restart.
   */
  | { readonly type: 'error'; readonly v: number; readonly message: string; readonly field: string | null; readonly fatal: boolean };
