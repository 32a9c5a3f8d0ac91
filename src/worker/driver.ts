import type { LogEntry, NodeId, Rpc } from '../engine/types.ts';
import { Simulation } from '../sim/simulation.ts';
import { SCENARIO_VERSION, type Action, type Scenario } from '../sim/scenario.ts';
import type { ClusterSettings } from '../sim/settings.ts';
import type { TraceEvent } from '../sim/trace.ts';
import { parseAction, parseScenario } from '../sim/validate.ts';
import { MAX_EVENTS_PER_FRAME, type ActionInput, type FlightFrame, type Frame, type LogPatch, type MessageKind, type NodeFrame } from './protocol.ts';

interface FlightMeta {
  readonly kind: MessageKind;
  readonly term: number;
  readonly entries: number;
}

/**
 * Owns the simulation of the current run and the scenario that reproduces it: the settings plus
 * every action, stamped with the simulated time it was taken at. Replaying `scenario` from
 * `load` gives the same run, which is what time travel and shared links build on.
 *
 * Plain module, no worker globals: the worker file only forwards messages to it, and tests
 * drive it directly in Node.
 */
export class SimDriver {
  private sim!: Simulation;
  private settings!: ClusterSettings;
  private actions: Action[] = [];
  private ids = new Set<NodeId>();
  /** What each message looks like, decided when it is sent (replies need to know what they answer). */
  private meta = new Map<number, FlightMeta>();
  /** The message being delivered right now, so the reply it causes can be classified. */
  private delivering: { readonly from: NodeId; readonly to: NodeId; readonly kind: MessageKind } | null = null;
  private pending: TraceEvent[] = [];
  private skipped = 0;
  private verbose = false;
  /** The logs as last sent, to send only what changed. */
  private sentLogs: LogEntry[][] = [];
  /** null until the first frame, which always carries the cut links. */
  private sentCut: string | null = null;

  constructor(scenario: Scenario) {
    this.load(scenario);
  }

  /** Start a run from a scenario: the single entry point for new runs, replays and links. */
  load(input: Scenario): void {
    const scenario = parseScenario(input);
    this.settings = scenario.settings;
    this.actions = [...scenario.actions];
    this.ids = new Set(Array.from({ length: scenario.settings.nodes }, (_, i) => `S${i + 1}`));
    this.meta.clear();
    this.delivering = null;
    this.pending = [];
    this.skipped = 0;
    this.sentLogs = [];
    this.sentCut = null;
    this.sim = Simulation.fromScenario(scenario, { onEvent: (e) => this.onEvent(e) });
  }

  /** The current run as a document: settings and every action so far. */
  get scenario(): Scenario {
    return { version: SCENARIO_VERSION, settings: this.settings, actions: this.actions.slice() };
  }

  get now(): number {
    return this.sim.now;
  }

  get simulation(): Simulation {
    return this.sim;
  }

  /** Take a person's action now. Throws ScenarioError (naming the field) for an impossible one. */
  act(input: ActionInput): Action {
    const action = parseAction({ ...input, at: this.sim.now }, 'action', this.ids);
    this.actions.push(action);
    this.sim.act(action);
    return action;
  }

  /**
   * Run to simulated time t (never backwards). The view's clock is fractional; the simulation
   * stands on whole milliseconds so every recorded action has a whole-ms time, as scenarios require.
   */
  advanceTo(t: number): void {
    const ms = Math.floor(t);
    if (Number.isFinite(ms) && ms > this.sim.now) this.sim.runUntil(ms);
  }

  /** Advance to the next moment anything happens. */
  step(): number | null {
    return this.sim.stepMoment();
  }

  setVerbose(verbose: boolean): void {
    this.verbose = verbose;
  }

  /** What the view needs now; logs, cut links and events only as they changed since the last frame. */
  frame(): Frame {
    const sim = this.sim;
    const nodes: NodeFrame[] = sim.nodeStates.map((n) => ({
      id: n.id,
      alive: sim.isAlive(n.id),
      role: n.role,
      term: n.currentTerm,
      votedFor: n.votedFor,
      leaderId: n.leaderId,
      commitIndex: n.commitIndex,
      lastApplied: n.lastApplied,
      logLength: n.log.length,
      electionResetAt: n.electionResetAt,
      electionDeadline: n.electionDeadline,
      electionTimeout: n.electionTimeout,
      votesGranted: n.votesGranted.slice(),
      votesDenied: n.votesDenied.slice(),
      preCandidate: n.preCandidate,
      nextIndex: n.role === 'leader' ? { ...n.nextIndex } : {},
      matchIndex: n.role === 'leader' ? { ...n.matchIndex } : {},
    }));
    const flights: FlightFrame[] = [];
    for (const f of sim.inFlight()) {
      const m = this.meta.get(f.message.id) ?? classify(f.message.rpc, null);
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
      });
    }
    const cutList = sim.cutLinks();
    const cutKey = cutList.map(([a, b]) => `${a}>${b}`).join(',');
    const cut = cutKey === this.sentCut ? null : cutList;
    this.sentCut = cutKey;
    let events = this.pending;
    if (events.length > MAX_EVENTS_PER_FRAME) {
      this.skipped += events.length - MAX_EVENTS_PER_FRAME;
      events = events.slice(-MAX_EVENTS_PER_FRAME);
    }
    const frame: Frame = {
      now: sim.now,
      nodes,
      flights,
      logs: this.logPatches(),
      cut,
      events,
      eventsSkipped: this.skipped,
      violations: sim.violations.length,
      nextEventTime: sim.nextEventTime(),
    };
    this.pending = [];
    this.skipped = 0;
    return frame;
  }

  private logPatches(): LogPatch[] {
    const patches: LogPatch[] = [];
    this.sim.nodeStates.forEach((n, i) => {
      const sent = (this.sentLogs[i] ??= []);
      const log = n.log;
      // Entries are immutable and a changed suffix is made of new objects, so scanning back from
      // the end while entries differ finds where the log changed in O(changed).
      let j = Math.min(log.length, sent.length) - 1;
      while (j >= 0 && log[j] !== sent[j]) j--;
      const first = j + 1;
      if (first === log.length && first === sent.length) return;
      const entries = log.slice(first);
      sent.length = first;
      sent.push(...entries);
      patches.push({ node: n.id, from: first + 1, entries });
    });
    return patches;
  }

  private onEvent(e: TraceEvent): void {
    switch (e.type) {
      case 'send': {
        const replyTo = this.delivering && this.delivering.to === e.from && this.delivering.from === e.to ? this.delivering.kind : null;
        const meta = classify(e.rpc, replyTo);
        this.meta.set(e.id, meta);
        if (this.verbose) this.push(e);
        return;
      }
      case 'deliver': {
        const meta = this.meta.get(e.id);
        this.meta.delete(e.id);
        this.delivering = meta ? { from: e.from, to: e.to, kind: meta.kind } : null;
        if (this.verbose) this.push(e);
        return;
      }
      case 'drop': {
        const meta = this.meta.get(e.id);
        this.meta.delete(e.id);
        this.delivering = null;
        // Drops repeat every heartbeat while a link is down; the picture shows them, the feed
        // lists them only when asked for every message.
        if (this.verbose || meta === undefined) this.push(e);
        return;
      }
      default:
        this.delivering = null;
        this.push(e);
    }
  }

  private push(e: TraceEvent): void {
    this.pending.push(e);
    // Nobody asked for a frame in a long while: keep the newest, count the rest.
    if (this.pending.length > 4 * MAX_EVENTS_PER_FRAME) {
      const drop = this.pending.length - MAX_EVENTS_PER_FRAME;
      this.pending.splice(0, drop);
      this.skipped += drop;
    }
  }
}

/** The on-screen kind of a message; a successful AppendEntries reply mirrors what it answers. */
export function classify(rpc: Rpc, replyTo: MessageKind | null): FlightMeta {
  switch (rpc.type) {
    case 'RequestVote':
      return { kind: rpc.preVote ? 'preVoteRequest' : 'voteRequest', term: rpc.term, entries: 0 };
    case 'RequestVoteReply':
      return { kind: rpc.voteGranted ? 'voteGranted' : 'voteDenied', term: rpc.term, entries: 0 };
    case 'AppendEntries':
      return { kind: rpc.entries.length > 0 ? 'append' : 'heartbeat', term: rpc.term, entries: rpc.entries.length };
    case 'AppendEntriesReply':
      if (!rpc.success) return { kind: 'appendFail', term: rpc.term, entries: 0 };
      return { kind: replyTo === 'heartbeat' ? 'heartbeatReply' : 'appendOk', term: rpc.term, entries: 0 };
  }
}
