import type { LogEntry, NodeId, Role } from '../engine/types.ts';
import type { Scenario } from '../sim/scenario.ts';
import type { InFlight, Simulation } from '../sim/simulation.ts';
import { eachNotable } from '../sim/eventLog.ts';
import { Timeline } from '../sim/timeline.ts';
import type { TraceEvent } from '../sim/trace.ts';
import { parseAction, parseScenario } from '../sim/validate.ts';
import { explain, type Explanation } from '../lessons/explain.ts';
import type { Goal } from '../lessons/types.ts';
import { classify, type FlightMeta } from './classify.ts';
import { ClientFacts } from './clientFacts.ts';
import { RunFacts } from './facts.ts';
import { markersOf, messagesBetween } from './history.ts';
import { reachOf } from './reach.ts';
import {
  MAX_EVENTS_PER_FRAME,
  MAX_FLIGHTS_PER_FRAME,
  MAX_MARKERS,
  MAX_SPACETIME_MESSAGES,
  type ActionInput,
  type ConfigFacts,
  type FlightFrame,
  type Frame,
  type LogPatch,
  type Marker,
  type MarkerPatch,
  type MessageKind,
  type NodeFrame,
  type SpaceTimeMessage,
  type SpaceTimeWindow,
} from './protocol.ts';
import { onGrid } from '../engine/time.ts';
import { roleOf, type RaftNode, type RoleState } from '../engine/node.ts';
import { lastTerm } from '../engine/log.ts';
import { mayCampaign } from '../engine/membership.ts';

/** The `count` entries of `flights` due soonest, in their original order. */
function soonestDue<F extends { readonly deliverAt: number }>(flights: readonly F[], count: number): F[] {
  const cutoff = flights.map((f) => f.deliverAt).sort((a, b) => a - b)[count - 1]!;
  const out: F[] = [];
  for (const f of flights) if (out.length < count && f.deliverAt <= cutoff) out.push(f);
  return out;
}

export { classify } from './classify.ts';

/**
 * Simulated ms between the timeline's snapshots of the recent past: a seek there replays at most
 * this much. Further back the timeline keeps one snapshot in ten, so a seek replays up to ten
 * times this (bench:seek measures both).
 */
const SNAPSHOT_EVERY = 1000;

/**
 * Message looks kept for the newest this many ids (a power of two: an id's slot is its low bits):
 * enough for every message on the wire in most runs the page allows. An older one (seen after a
 * jump far back) is classified again from the recorded sending, which the timeline rebuilds.
 */
const META_KEPT = 32_768;

/**
 * Owns the run on its timeline: the scenario that reproduces it (settings plus every action,
 * stamped with the simulated time it was taken at), every event recorded so far, and the moment
 * being viewed, which can move backwards and forwards. Acting in the past starts a new branch.
 *
 * Plain module, no worker globals: the worker file only forwards messages to it, and tests
 * drive it directly in Node.
 */
export class SimDriver {
  private timeline!: Timeline;
  /**
   * Each message's look, decided when it was first recorded, in the slot of its id (the id
   * itself beside it, to tell whose look a slot holds). A ring, not a Map: every send of a long
   * replay lands here, and a Map growing and pruning by tens of thousands took a tenth of it.
   */
  private readonly metaIds = new Float64Array(META_KEPT).fill(-1);
  private readonly metas: (FlightMeta | undefined)[] = new Array<FlightMeta | undefined>(META_KEPT);
  /** The message being delivered right now, so the reply it causes can be classified. */
  private delivering: { readonly from: NodeId; readonly to: NodeId; readonly kind: MessageKind } | null = null;
  private verbose = false;
  /** How many recorded events the feed has been sent (the feed reads the history, never the live run). */
  private fed = 0;
  private feedReset = true;
  private markers: Marker[] = [];
  private markerRoles = new Map<NodeId, Role>();
  private markedEvents = 0;
  private markersSent = 0;
  private markersReset = true;
  private scenarioChanged = true;
  private branchedAt: number | null = null;
  /** The logs as last sent, to send only what changed. */
  private sentLogs: LogEntry[][] = [];
  /** null until the first frame, which always carries the cut links. */
  private sentCut: string | null = null;
  /** Likewise for who can still gather a majority. */
  private sentReach: string | null = null;
  private sentLock: string | null = null;
  /** Callout moments, first violations and lesson-goal progress, from the whole history. */
  private readonly facts = new RunFacts();
  private readonly clientFacts = new ClientFacts();

  constructor(scenario: Scenario) {
    this.load(scenario);
  }

  /** Start a run from a scenario: the single entry point for new runs, replays and links. */
  load(input: Scenario): void {
    const scenario = parseScenario(input);
    this.metaIds.fill(-1);
    this.metas.fill(undefined);
    this.delivering = null;
    this.fed = 0;
    this.feedReset = true;
    this.markers = [];
    this.markerRoles = new Map();
    this.markedEvents = 0;
    this.markersSent = 0;
    this.markersReset = true;
    this.scenarioChanged = true;
    this.branchedAt = null;
    this.sentLogs = [];
    this.sentCut = null;
    this.sentReach = null;
    this.sentLock = null;
    this.facts.restart();
    this.clientFacts.restart();
    this.timeline = new Timeline(scenario, { snapshotEvery: SNAPSHOT_EVERY, onRecord: (e) => this.onRecord(e) });
  }

  /** The current branch as a document: settings and every action on it. */
  get scenario(): Scenario {
    return this.timeline.scenario();
  }

  get now(): number {
    return this.timeline.now;
  }

  get horizon(): number {
    return this.timeline.horizon;
  }

  /** The simulation at the moment viewed. Read only. */
  get simulation(): Simulation {
    return this.timeline.sim;
  }

  /** Every event recorded on the current branch up to the horizon (one array: for tests and tools). */
  get history(): readonly TraceEvent[] {
    return this.timeline.events;
  }

  /**
   * Take a person's action at the moment viewed. Throws ScenarioError (naming the field) for an
   * impossible one. Before the horizon, this replaces the old future: see `frame().branched`.
   */
  act(input: ActionInput): { readonly at: number; readonly branched: boolean } {
    const at = this.timeline.now;
    // Validated with the time it will carry, exactly as a scenario file's action would be.
    // The servers present now: an addServer may have booted some since the run began.
    const action = parseAction({ ...input, at }, 'action', new Set(this.timeline.sim.ids));
    const branched = this.timeline.act(action);
    this.scenarioChanged = true;
    if (branched) {
      this.branchedAt = at;
      // The recorded events after `at` are gone: the marks are rebuilt from what remains.
      this.markers = markersOf(this.timeline.log, (this.markerRoles = new Map()));
      this.markedEvents = this.timeline.log.length;
      this.markersReset = true;
    }
    return { at, branched };
  }

  /**
   * Run forward to simulated time t (never backwards), to the microsecond: the simulation stands
   * where the page's clock stands, so the moment shown, the horizon and an action clicked then
   * all carry the same time.
   */
  advanceTo(t: number): void {
    const at = onGrid(t);
    if (Number.isFinite(at) && at > this.timeline.now) this.timeline.advance(at);
  }

  /**
   * Travel to simulated time t, backwards or forwards, to the microsecond: events fall between
   * milliseconds, and a step from an event's moment must not land back before it.
   */
  seek(t: number): void {
    const at = onGrid(t);
    if (Number.isFinite(at) && at !== this.timeline.now) this.timeline.seek(at);
  }

  /** Move to the next moment anything happens; returns the new time. */
  step(): number {
    this.timeline.stepForward();
    return this.timeline.now;
  }

  /** Move back to the previous moment anything happened; returns the new time. */
  stepBack(): number {
    this.timeline.stepBack();
    return this.timeline.now;
  }

  setVerbose(verbose: boolean): void {
    this.verbose = verbose;
  }

  /**
   * A lesson step appeared: watch for `goal`, counting the events from id `since` on, or only
   * those after the moment viewed. `watch` names the request; frames report progress under it.
   */
  watchGoal(watch: number, goal: Goal | null, since: number | null): void {
    this.facts.watchGoal(watch, goal, since, this.timeline.log, this.shownEnd());
  }

  /** Why event `eventId` (its index in the history) happened, from everything recorded before it. */
  explain(eventId: number): Explanation | null {
    return Number.isInteger(eventId) && eventId >= 0 ? explain(this.timeline.log, eventId) : null;
  }

  /** How many recorded events are at or before the moment viewed. */
  private shownEnd(): number {
    return this.timeline.lastIndexAtOrBefore(this.timeline.now) + 1;
  }

  /**
   * What the view needs now; logs, cut links, events, marks and the scenario only as they changed
   * since the last frame. `spacetime` is the span of the space-time window to include, if any.
   */
  frame(spacetime: number | null = null): Frame {
    const sim = this.timeline.sim;
    const config = shownConfig(sim);
    const nodes: NodeFrame[] = sim.nodeStates.map((n) => ({
      id: n.id,
      alive: sim.isAlive(n.id),
      membership: config.voters.includes(n.id) ? 'voter' : config.learners.includes(n.id) ? 'learner' : 'removed',
      timer: mayCampaign(n),
      role: roleOf(n),
      term: n.currentTerm,
      votedFor: n.votedFor,
      leaderId: n.leaderId,
      commitIndex: n.commitIndex,
      lastApplied: n.lastApplied,
      logLength: n.log.length,
      electionResetAt: n.electionResetAt,
      electionDeadline: n.electionDeadline,
      electionTimeout: n.electionTimeout,
      ...roleFrame(n.state),
    }));
    const flights: FlightFrame[] = [];
    const onWire = Array.from(sim.inFlight());
    // The soonest due are the ones about to change the picture: those are drawn.
    const shownFlights = onWire.length > MAX_FLIGHTS_PER_FRAME ? soonestDue(onWire, MAX_FLIGHTS_PER_FRAME) : onWire;
    const metas = this.metasOf(shownFlights);
    for (const [i, f] of shownFlights.entries()) {
      const m = metas[i]!;
      flights.push({
        id: f.message.id,
        from: f.message.from,
        to: f.message.to,
        kind: m.kind,
        term: m.term,
        sentAt: f.sentAt,
        deliverAt: f.deliverAt,
        lost: f.lost,
        entries: m.entries,
        held: f.held === true,
        leg: f.leg ?? null,
      });
    }
    const cutList = sim.cutLinks();
    const cutKey = cutList.map(([a, b]) => `${a}>${b}`).join(',');
    const cut = cutKey === this.sentCut ? null : cutList;
    this.sentCut = cutKey;
    const reachNow = reachOf(
      nodes.map((n) => ({ id: n.id, alive: n.alive, leader: n.role === 'leader' })),
      cutList,
      config,
    );
    const reachKey = JSON.stringify(reachNow);
    const reach = reachKey === this.sentReach ? null : reachNow;
    this.sentReach = reachKey;
    const lockNow = sim.lockFacts();
    const lockKey = lockNow === null ? 'none' : JSON.stringify(lockNow);
    const lock = lockKey === this.sentLock ? null : { facts: lockNow };
    this.sentLock = lockKey;
    const feed = this.feedEvents();
    const facts = this.facts.advance(this.timeline.log, this.shownEnd());
    const clients = this.clientFacts.advance(this.timeline.log, this.shownEnd());
    const frame: Frame = {
      now: sim.now,
      horizon: this.timeline.horizon,
      markers: this.markerPatch(),
      nodes,
      flights,
      flightsSkipped: onWire.length - shownFlights.length,
      logs: this.logPatches(),
      cut,
      reach,
      lock,
      clients,
      events: feed.events,
      eventIds: feed.ids,
      feedReset: feed.reset,
      moments: facts.moments,
      firstBreaks: facts.firstBreaks,
      goal: facts.goal,
      eventsSkipped: feed.skipped,
      violations: sim.violations.length,
      nextEventTime: sim.nextLiveEventTime(),
      scenario: this.scenarioChanged ? this.timeline.scenario() : null,
      spacetime: spacetime === null ? null : this.window(spacetime),
      branched: this.branchedAt === null ? null : { at: this.branchedAt },
    };
    this.scenarioChanged = false;
    this.branchedAt = null;
    return frame;
  }

  /** The messages of the last `span` ms as they stand now: later fates are not known yet. */
  private window(span: number): SpaceTimeWindow {
    const to = this.timeline.now;
    const from = Math.max(0, to - Math.max(1, span));
    // Messages sent up to a window's length earlier may still be on the wire at its start.
    const all = messagesBetween(this.timeline.log, from, to, span);
    // In send order: the newest are the last. Older arrows past the cap are counted, not sent.
    const skipped = Math.max(0, all.length - MAX_SPACETIME_MESSAGES);
    const messages: SpaceTimeMessage[] = [];
    const sim = this.timeline.sim;
    for (let i = skipped; i < all.length; i++) {
      const m = all[i]!;
      const open = m.endAt === null || m.endAt > to ? { ...m, endAt: null, dropped: null } : m;
      // On the wire now: drawn as it stands, held or moved on by a person's action.
      const f = open.endAt === null ? sim.flight(m.id) : undefined;
      messages.push(f && (f.held || f.leg) ? { ...open, deliverAt: f.deliverAt, held: f.held === true, leg: f.leg ?? null } : open);
    }
    return { from, to, messages, skipped };
  }

  /**
   * The feed's events since the last frame, read from the recorded history up to the moment
   * viewed. After a jump back (or a new run), the newest events up to now instead, to rebuild it.
   */
  private feedEvents(): { events: TraceEvent[]; ids: number[]; reset: boolean; skipped: number } {
    const history = this.timeline.log;
    const end = this.shownEnd();
    const reset = this.feedReset || end < this.fed;
    this.feedReset = false;
    const ids: number[] = [];
    let skipped = 0;
    // Per-message events repeat every heartbeat: the picture shows them, the feed only when asked
    // (verbose), and then every event is shown.
    if (reset && !this.verbose) {
      // Only notable events are shown: found without rebuilding the old messages in between.
      eachNotable(
        history,
        0,
        end,
        (_, i) => {
          ids.push(i);
          return ids.length < MAX_EVENTS_PER_FRAME;
        },
        true,
      );
      ids.reverse();
    } else if (reset) {
      for (let i = Math.max(0, end - MAX_EVENTS_PER_FRAME); i < end; i++) ids.push(i);
    } else if (!this.verbose) {
      eachNotable(history, this.fed, end, (_, i) => void ids.push(i));
      if (ids.length > MAX_EVENTS_PER_FRAME) {
        skipped = ids.length - MAX_EVENTS_PER_FRAME;
        ids.splice(0, skipped);
      }
    } else {
      // Verbose shows every event: the newest are read, the rest only counted (a jump forward
      // over a long stretch would otherwise rebuild all of its old messages).
      const first = Math.max(this.fed, end - MAX_EVENTS_PER_FRAME);
      for (let i = first; i < end; i++) ids.push(i);
      skipped = first - this.fed;
    }
    this.fed = end;
    return { events: ids.map((i) => history.at(i)!), ids, reset, skipped };
  }

  private markerPatch(): MarkerPatch | null {
    const history = this.timeline.log;
    if (history.length > this.markedEvents) {
      // A loop, not push(...marks): a long replay finds tens of thousands at once (lint forbids it).
      for (const m of markersOf(history, this.markerRoles, this.markedEvents)) this.markers.push(m);
      this.markedEvents = history.length;
    }
    const reset = this.markersReset;
    const total = this.markers.length;
    if (!reset && total === this.markersSent) return null;
    // The page keeps the newest MAX_MARKERS: older ones are counted, never sent.
    const skipped = Math.max(0, total - MAX_MARKERS);
    const items = this.markers.slice(reset ? skipped : Math.max(this.markersSent, skipped));
    this.markersReset = false;
    this.markersSent = total;
    return { reset, items, skipped };
  }

  private logPatches(): LogPatch[] {
    const patches: LogPatch[] = [];
    this.timeline.sim.nodeStates.forEach((n, i) => {
      const sent = (this.sentLogs[i] ??= []);
      const log = n.log;
      // Entries are immutable and a changed suffix is made of new objects, so scanning back from
      // the end while entries differ finds where the log changed in O(changed). After a seek the
      // restored logs may hold copies: they differ, and are simply sent again.
      let j = Math.min(log.length, sent.length) - 1;
      while (j >= 0 && log[j] !== sent[j]) j--;
      const first = j + 1;
      if (first === log.length && first === sent.length) return;
      const entries = log.slice(first);
      sent.length = first;
      for (const e of entries) sent.push(e);
      patches.push({ node: n.id, from: first + 1, entries });
    });
    return patches;
  }

  private metaOf(id: number): FlightMeta | undefined {
    const slot = id & (META_KEPT - 1);
    return this.metaIds[slot] === id ? this.metas[slot] : undefined;
  }

  /** Ids are reused on a new branch; a new send always overwrites the old branch's look. */
  private setMeta(id: number, meta: FlightMeta): void {
    const slot = id & (META_KEPT - 1);
    this.metaIds[slot] = id;
    this.metas[slot] = meta;
  }

  /**
   * The looks of the messages drawn this frame. One whose look was forgotten (sent long ago, seen
   * after a jump back, or one of more messages on the wire than are remembered) is read from the
   * recorded events around its sending, as the space-time window does: once for all of them, as
   * each reading covers everything delivered until the last of them arrives. (Reading once per
   * message took 14 s for a frame of nine servers in an election storm.)
   */
  private metasOf(flights: readonly InFlight[]): FlightMeta[] {
    const missing = flights.filter((f) => this.metaOf(f.message.id) === undefined);
    const found = new Map<number, FlightMeta['kind']>();
    if (missing.length > 0) {
      let from = Infinity;
      let to = -Infinity;
      for (const f of missing) [from, to] = [Math.min(from, f.sentAt), Math.max(to, f.sentAt)];
      for (const m of messagesBetween(this.timeline.log, from, to, 0)) found.set(m.id, m.kind);
    }
    return flights.map((f) => {
      const known = this.metaOf(f.message.id);
      if (known) return known;
      const base = classify(f.message.rpc, null);
      const kind = found.get(f.message.id);
      if (kind === undefined) return base;
      const meta: FlightMeta = { ...base, kind };
      this.setMeta(f.message.id, meta);
      return meta;
    });
  }

  /** Called once per recorded event (never for replays of known time), in order. */
  private onRecord(e: TraceEvent): void {
    switch (e.type) {
      case 'send': {
        const replyTo = this.delivering && this.delivering.to === e.from && this.delivering.from === e.to ? this.delivering.kind : null;
        this.setMeta(e.id, classify(e.rpc, replyTo));
        return;
      }
      case 'deliver': {
        const meta = this.metaOf(e.id);
        this.delivering = meta ? { from: e.from, to: e.to, kind: meta.kind } : null;
        return;
      }
      case 'messageAction':
        // A copy looks like what it copies (a reply's look depends on what it answered).
        if (e.copy !== null) {
          const meta = this.metaOf(e.action.message);
          if (meta) this.setMeta(e.copy, meta);
        }
        this.delivering = null;
        return;
      default:
        this.delivering = null;
    }
  }
}

/**
 * The configuration the page shows (thesis §4.1: each server has its own, the latest in its log):
 * the leader's, since it decides what commits; with no leader, that of the live server whose log
 * is the most up to date, which is what the next leader will most likely hold.
 */
function shownConfig(sim: Simulation): ConfigFacts {
  const leader = sim.leader();
  let from: RaftNode | null = leader === null ? null : (sim.nodeStates.find((n) => n.id === leader) ?? null);
  if (from === null) {
    for (const n of sim.nodeStates) {
      if (!sim.isAlive(n.id)) continue;
      const newer =
        from === null || lastTerm(n.log) > lastTerm(from.log) || (lastTerm(n.log) === lastTerm(from.log) && n.log.length > from.log.length);
      if (newer) from = n;
    }
  }
  if (from === null) from = sim.nodeStates[0]!;
  const m = from.membership;
  return { voters: m.voters, learners: m.learners, from: from.id, pending: from.membershipIndex > from.commitIndex };
}

/** The role's own state, flattened for the view: votes for (pre-)candidates, progress for leaders. */
function roleFrame(
  state: RoleState,
): Pick<NodeFrame, 'votesGranted' | 'votesDenied' | 'preCandidate' | 'nextIndex' | 'matchIndex' | 'handingTo'> {
  switch (state.role) {
    case 'follower':
      return { votesGranted: [], votesDenied: [], preCandidate: false, nextIndex: {}, matchIndex: {}, handingTo: null };
    case 'preCandidate':
    case 'candidate':
      return {
        votesGranted: state.votesGranted.slice(),
        votesDenied: state.votesDenied.slice(),
        preCandidate: state.role === 'preCandidate',
        nextIndex: {},
        matchIndex: {},
        handingTo: null,
      };
    case 'leader':
      return {
        votesGranted: [],
        votesDenied: [],
        preCandidate: false,
        nextIndex: { ...state.nextIndex },
        matchIndex: { ...state.matchIndex },
        handingTo: state.transfer?.to ?? null,
      };
  }
}
