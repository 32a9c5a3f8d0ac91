import type { EngineEvent } from '../engine/events.ts';
import { cloneNode, createNode, nextDeadline, roleOf, type RaftNode } from '../engine/node.ts';
import { createRng, nextFloat, type Rng } from '../engine/rng.ts';
import { drawDuration, later } from '../engine/time.ts';
import { restartNode, step, type NodeInput } from '../engine/step.ts';
import { membershipRefusal } from '../engine/reconfigure.ts';
import type { StepOutput } from '../engine/context.ts';
import {
  NO_BROKEN_RULES,
  type BrokenRules,
  type LogEntry,
  type Membership,
  type Message,
  type NodeConfig,
  type NodeId,
  type Outgoing,
} from '../engine/types.ts';
import { InvariantChecker, type Violation } from './invariants.ts';
import { LOCK_KEY, LockFold, type LockFacts } from './locks.ts';
import { StaleReadJudge } from './staleReads.ts';
import { Links } from './network.ts';
import { EventQueue } from './queue.ts';
import { delayedAt, heldAt, releasedAt, type Way } from './messageActions.ts';
import type { Action, MessageAction, Scenario } from './scenario.ts';
import { LIMITS, nodeIds, type ClusterSettings } from './settings.ts';
import { TRACE_VERSION, type Cause, type DropReason, type FinalNodeState, type SimEvent, type TraceEvent } from './trace.ts';

/** The cause of the lines the run itself writes (start, boot, final): one shared object. */
const RUN_CAUSE: Cause = Object.freeze({ kind: 'run' });
/**
 * Per-link tables are indexed from * LINK_STRIDE + to: room for every server a run may ever
 * have, so adding one (an addServer action) moves no link's place.
 */
const LINK_STRIDE = LIMITS.nodes.max;
/** The log of a node in a snapshot taken without logs. */
const NO_LOG: readonly LogEntry[] = Object.freeze([]);

/** A message on the wire, as the view draws it (a person's hold, release or delay moves its `leg`). */
export interface InFlight extends Way {
  readonly message: Message;
  readonly sentAt: number;
  readonly deliverAt: number;
  /** Decided at send time by the seeded loss draw; the drop shows when it would have arrived. */
  readonly lost: boolean;
}

type QueueItem =
  | { readonly kind: 'deliver'; readonly time: number; readonly phase: 0; readonly seq: number; readonly flight: InFlight }
  | { readonly kind: 'timer'; readonly time: number; readonly phase: 0; readonly seq: number; readonly node: number; readonly gen: number }
  | { readonly kind: 'action'; readonly time: number; readonly phase: 1; readonly seq: number; readonly action: Action }
  /** A server's disk write finished: the messages that waited for it leave now (unless it crashed: `life`). */
  | {
      readonly kind: 'persisted';
      readonly time: number;
      readonly phase: 0;
      readonly seq: number;
      readonly node: number;
      readonly life: number;
      readonly sends: readonly Outgoing[];
      readonly by: Cause;
    };

export interface SimulationOptions {
  /** Receives every trace event. Without it, no trace objects are built. */
  readonly onEvent?: (event: TraceEvent) => void;
  /** Run the Figure 3 checks live (default true). */
  readonly checkInvariants?: boolean;
}

/** Everything needed to resume a run exactly: plain data, cheap to copy. */
export interface SimSnapshot {
  readonly settings: ClusterSettings;
  readonly now: number;
  readonly seq: number;
  readonly nextMessageId: number;
  readonly nextWriteId: number;
  readonly actionsTaken: number;
  readonly rng: number;
  readonly nodes: readonly RaftNode[];
  readonly alive: readonly boolean[];
  readonly timerGen: readonly number[];
  readonly timerAt: readonly number[];
  readonly diskDoneAt: readonly number[];
  readonly lives: readonly number[];
  readonly unsent: readonly number[];
  readonly queue: readonly QueueItem[];
  readonly inFlight: readonly InFlight[];
  /** Per link, the latest delivery time on it, at index from * LINK_STRIDE + to (server indices). */
  readonly lastDelivery: readonly number[];
  readonly cut: readonly (readonly [NodeId, NodeId])[];
  readonly checker: InvariantChecker | null;
  readonly locks: LockFold;
  readonly staleReads: StaleReadJudge;
  readonly violations: readonly (Violation & { t: number })[];
}

/**
 * The discrete-event simulator: it owns simulated time, the seeded network, faults and the
 * schedule of actions, and steps the pure per-node state machines. Same settings, same actions,
 * same seed: the same run, event for event.
 */
export class Simulation {
  readonly settings: ClusterSettings;
  /** Every server ever present, in order: the initial S1..Sn, then any an addServer booted. */
  private idList: NodeId[];
  /** The configuration the cluster starts with, before any configuration entry: S1..Sn vote. */
  private readonly initialMembership: Membership;
  /** The engine's settings, the same for every server. */
  private readonly config: NodeConfig;
  private nodes: RaftNode[];
  private alive: boolean[];
  private nowMs = 0;
  private seq = 0;
  private nextMessageId = 1;
  /** Client operations (writes and reads) are numbered from one counter, so each has its own id. */
  private nextWriteId = 1;
  private locks = new LockFold();
  private staleReads = new StaleReadJudge();
  /** Actions taken so far: the next one's index, which its cause names. */
  private actionsTaken = 0;
  /** The cause stamped on every line written now: the input being processed. */
  private by: Cause = RUN_CAUSE;
  /** One cause object per server's timer, made once: timers fire often. */
  private timerCauses: Cause[];
  private rng: Rng;
  private queue = new EventQueue<QueueItem>();
  private timerGen: number[];
  private timerAt: number[];
  /** When each server's last disk write finishes (its messages wait until then). */
  private diskDoneAt: number[];
  /** Each server's crash count: messages held for a disk write die with the life they were sent in. */
  private lives: number[];
  /** Messages each server holds for its disk write, lost if it crashes first. */
  private unsent: number[];
  private flights = new Map<number, InFlight>();
  /**
   * Per link, the latest delivery time scheduled on it (FIFO links), at from * LINK_STRIDE + to.
   * An array, not a Map keyed by "S1>S2": every send reads and writes it.
   */
  private lastDelivery: Float64Array;
  private links = new Links();
  private checker: InvariantChecker | null;
  private violationList: (Violation & { t: number })[] = [];
  private onEvent: ((event: TraceEvent) => void) | undefined;
  private readonly indexOf = new Map<NodeId, number>();
  private processed = 0;
  /**
   * Per server, the lowest log index (1-based) changed since `takeLogChanges` last read it, or
   * Infinity: what the timeline must compare to share a snapshot's log with the one before.
   */
  private logChanges: number[];

  constructor(settings: ClusterSettings, options: SimulationOptions = {}) {
    this.settings = settings;
    this.idList = nodeIds(settings.nodes);
    this.idList.forEach((id, i) => this.indexOf.set(id, i));
    this.initialMembership = Object.freeze({ voters: Object.freeze(this.idList.slice()), learners: Object.freeze([]) });
    this.onEvent = options.onEvent;
    this.timerCauses = this.idList.map((node) => Object.freeze({ kind: 'timer', node }));
    this.checker = options.checkInvariants === false ? null : new InvariantChecker();
    this.rng = createRng(settings.seed);
    this.config = nodeConfig(settings);
    this.nodes = this.idList.map((id, i) => this.createServer(id, i, 0));
    this.alive = this.ids.map(() => true);
    this.timerGen = this.ids.map(() => 0);
    this.timerAt = this.ids.map(() => NaN);
    this.diskDoneAt = this.ids.map(() => 0);
    this.lives = this.ids.map(() => 0);
    this.unsent = this.ids.map(() => 0);
    this.logChanges = this.ids.map(() => Infinity);
    this.lastDelivery = new Float64Array(LINK_STRIDE * LINK_STRIDE);
    this.emit({ type: 'start', version: TRACE_VERSION, settings, nodes: this.idList.slice() });
    for (let i = 0; i < this.nodes.length; i++) {
      this.emit({ type: 'role', node: this.ids[i]!, role: 'follower', term: 0, cause: 'start' });
      this.scheduleTimer(i);
    }
  }

  /** A simulation with a scenario's settings and its actions scheduled. */
  static fromScenario(scenario: Scenario, options: SimulationOptions = {}): Simulation {
    const sim = new Simulation(scenario.settings, options);
    for (const action of scenario.actions) sim.schedule(action);
    return sim;
  }

  get now(): number {
    return this.nowMs;
  }

  /** Every server ever present, in order (S1..Sn, then any added since). */
  get ids(): readonly NodeId[] {
    return this.idList;
  }

  /** A server with an empty log; its randomness is seeded by its place, so adding one changes no other's. */
  private createServer(id: NodeId, i: number, now: number): RaftNode {
    const seed = (this.settings.seed ^ Math.imul(i + 1, 0x9e3779b9)) >>> 0;
    const others = this.initialMembership.voters.filter((p) => p !== id);
    return createNode(id, others, this.config, seed, now, this.initialMembership);
  }

  /** The nodes' live state. Read it; never change it from outside. */
  get nodeStates(): readonly RaftNode[] {
    return this.nodes;
  }

  isAlive(id: NodeId): boolean {
    return this.alive[this.index(id)] ?? false;
  }

  inFlight(): IterableIterator<InFlight> {
    return this.flights.values();
  }

  /** Message `id` if it is on the wire now. */
  flight(id: number): InFlight | undefined {
    return this.flights.get(id);
  }

  cutLinks(): [NodeId, NodeId][] {
    return this.links.list();
  }

  get violations(): readonly (Violation & { t: number })[] {
    return this.violationList;
  }

  /** The live leader with the highest term, if any. */
  leader(): NodeId | null {
    let best: RaftNode | null = null;
    this.nodes.forEach((n, i) => {
      if (this.alive[i] && n.state.role === 'leader' && (!best || n.currentTerm > best.currentTerm)) best = n;
    });
    return best === null ? null : (best as RaftNode).id;
  }

  /** Queue events (deliveries, timers, actions) this object has processed: a cost measure for benchmarks. */
  get eventsProcessed(): number {
    return this.processed;
  }

  nextEventTime(): number | null {
    return this.queue.peek()?.time ?? null;
  }

  /**
   * The next moment anything actually happens: a delivery, a live timer or an action. Timers
   * superseded by a reset stay queued until their time but change nothing, so they are skipped:
   * until this moment the cluster's state stays exactly as it is now.
   */
  nextLiveEventTime(): number | null {
    let best: number | null = null;
    for (const item of this.queue.items()) {
      if (item.kind === 'timer' && (item.gen !== this.timerGen[item.node] || !this.alive[item.node])) continue;
      if (item.kind === 'deliver' && this.staleDelivery(item.flight, item.time)) continue;
      if (best === null || item.time < best) best = item.time;
    }
    return best;
  }

  /** Process every event due at or before `t`, then stand at `t`. */
  runUntil(t: number): void {
    for (;;) {
      const next = this.queue.peek();
      if (!next || next.time > t) break;
      this.process(this.queue.pop()!);
    }
    if (t > this.nowMs) this.nowMs = t;
  }

  /**
   * Advance to the next moment anything happens and process everything due then. Whole
   * moments, never half of one, so an action taken afterwards replays in the same place.
   */
  stepMoment(): number | null {
    const next = this.nextEventTime();
    if (next === null) return null;
    this.runUntil(next);
    return next;
  }

  /** Schedule an action (from a scenario) at its time. */
  schedule(action: Action): void {
    this.queue.push({ kind: 'action', time: action.at, phase: 1, seq: this.seq++, action });
  }

  /** Take an action now, as a person's click does. Its `at` must be the current time. */
  act(action: Action): void {
    this.performAction(action);
  }

  finalState(): FinalNodeState[] {
    return this.nodes.map((n, i) => ({
      node: n.id,
      alive: this.alive[i]!,
      role: roleOf(n),
      term: n.currentTerm,
      votedFor: n.votedFor,
      commitIndex: n.commitIndex,
      lastApplied: n.lastApplied,
      log: n.log.slice(),
    }));
  }

  /** Emit the final-state event that closes a trace. */
  finish(): void {
    this.by = RUN_CAUSE;
    this.emit({ type: 'final', nodes: this.finalState() });
  }

  /**
   * Which servers' logs changed since the last call, and from where (see `logChanges`). Every log
   * change goes through `handleOutput`, as the Figure 3 checks rely on too.
   */
  takeLogChanges(): readonly number[] {
    const changes = this.logChanges;
    this.logChanges = this.idList.map(() => Infinity);
    return changes;
  }

  /**
   * Everything needed to resume. With `logs: false` the nodes' logs are left empty: for a caller
   * that keeps the logs itself (the timeline shares them between snapshots).
   */
  snapshot(options: { readonly logs?: boolean } = {}): SimSnapshot {
    const nodes = options.logs === false ? this.nodes.map((n) => cloneNode(n, NO_LOG as LogEntry[])) : this.nodes.map((n) => cloneNode(n));
    return {
      settings: this.settings,
      now: this.nowMs,
      seq: this.seq,
      nextMessageId: this.nextMessageId,
      nextWriteId: this.nextWriteId,
      actionsTaken: this.actionsTaken,
      rng: this.rng.state,
      nodes,
      alive: this.alive.slice(),
      timerGen: this.timerGen.slice(),
      timerAt: this.timerAt.slice(),
      diskDoneAt: this.diskDoneAt.slice(),
      lives: this.lives.slice(),
      unsent: this.unsent.slice(),
      queue: this.queue.items().slice(),
      inFlight: [...this.flights.values()],
      lastDelivery: Array.from(this.lastDelivery),
      cut: this.links.list(),
      checker: this.checker ? this.checker.clone() : null,
      locks: this.locks.clone(),
      staleReads: this.staleReads.clone(),
      violations: this.violationList.slice(),
    };
  }

  static restore(snap: SimSnapshot, options: Omit<SimulationOptions, 'checkInvariants'> = {}): Simulation {
    // Built quietly: the start events of a fresh run are not part of a restored one.
    const sim = new Simulation(snap.settings, { checkInvariants: false });
    sim.onEvent = options.onEvent;
    // Servers added before the snapshot was taken are in it: the lists follow its nodes.
    sim.idList = snap.nodes.map((n) => n.id);
    sim.indexOf.clear();
    sim.idList.forEach((id, i) => sim.indexOf.set(id, i));
    sim.timerCauses = sim.idList.map((node) => Object.freeze({ kind: 'timer', node }));
    sim.logChanges = sim.idList.map(() => Infinity);
    sim.nowMs = snap.now;
    sim.seq = snap.seq;
    sim.nextMessageId = snap.nextMessageId;
    sim.nextWriteId = snap.nextWriteId;
    sim.actionsTaken = snap.actionsTaken;
    sim.rng = { state: snap.rng };
    sim.nodes = snap.nodes.map((n) => cloneNode(n));
    sim.alive = snap.alive.slice();
    sim.timerGen = snap.timerGen.slice();
    sim.timerAt = snap.timerAt.slice();
    sim.diskDoneAt = snap.diskDoneAt.slice();
    sim.lives = snap.lives.slice();
    sim.unsent = snap.unsent.slice();
    sim.queue = EventQueue.from(snap.queue);
    sim.flights = new Map(snap.inFlight.map((f) => [f.message.id, f]));
    sim.lastDelivery = Float64Array.from(snap.lastDelivery);
    sim.links = Links.from(snap.cut);
    sim.checker = snap.checker ? snap.checker.clone() : null;
    sim.locks = snap.locks.clone();
    sim.staleReads = snap.staleReads.clone();
    sim.violationList = snap.violations.slice();
    return sim;
  }

  // --- internals ---

  private index(id: NodeId): number {
    const i = this.indexOf.get(id);
    if (i === undefined) throw new Error(`unknown node ${id}`);
    return i;
  }

  private emit(event: EngineEvent | SimEvent): void {
    if (this.onEvent) this.onEvent({ t: this.nowMs, ...event, by: this.by } as TraceEvent);
  }

  private process(item: QueueItem): void {
    this.nowMs = item.time;
    this.processed++;
    switch (item.kind) {
      case 'deliver':
        // A delivery a person's action has dropped, held or moved is stale: skip it.
        if (!this.staleDelivery(item.flight, item.time)) this.deliver(this.flights.get(item.flight.message.id)!);
        break;
      case 'timer':
        // A timer superseded by a reset (or by a crash) is stale: skip it.
        if (item.gen === this.timerGen[item.node] && this.alive[item.node]) {
          this.timerAt[item.node] = NaN;
          this.by = this.timerCauses[item.node]!;
          this.stepNode(item.node, { type: 'timer' });
        }
        break;
      case 'action':
        this.performAction(item.action);
        break;
      case 'persisted':
        // Sent in a life that a crash has ended: those messages never left (counted at the crash).
        if (item.life !== this.lives[item.node]) break;
        this.by = item.by;
        this.unsent[item.node]! -= item.sends.length;
        this.sendAll(this.nodes[item.node]!.id, item.sends);
        break;
    }
  }

  /**
   * Whether a queued delivery no longer stands: its message was dropped, held or rescheduled by a
   * person's action (which queues a new delivery at the new time), or has already arrived.
   */
  private staleDelivery(flight: InFlight, time: number): boolean {
    const now = this.flights.get(flight.message.id);
    return now === undefined || (now !== flight && (now.held === true || now.deliverAt !== time));
  }

  private deliver(flight: InFlight): void {
    const { message } = flight;
    this.flights.delete(message.id);
    // Built only when someone reads the trace: a delivery is the busiest input of all.
    if (this.onEvent) this.by = { kind: 'message', id: message.id };
    const to = this.index(message.to);
    if (this.links.isCut(message.from, message.to)) return this.drop(message, 'partition');
    if (flight.lost) return this.drop(message, 'loss');
    if (!this.alive[to]) return this.drop(message, 'crashed');
    const removed = this.nodes[to]!.removed;
    if (removed.length > 0 && removed.includes(message.from)) return this.drop(message, 'removed');
    // The busiest events are built stamped, not through emit's spread: same fields, same order.
    if (this.onEvent) this.onEvent({ t: this.nowMs, type: 'deliver', id: message.id, from: message.from, to: message.to, by: this.by });
    this.stepNode(to, { type: 'message', from: message.from, rpc: message.rpc });
  }

  private drop(message: Message, reason: DropReason): void {
    if (this.onEvent)
      this.onEvent({ t: this.nowMs, type: 'drop', id: message.id, from: message.from, to: message.to, reason, by: this.by });
  }

  private stepNode(i: number, input: NodeInput): void {
    const node = this.nodes[i]!;
    const term = node.currentTerm;
    const votedFor = node.votedFor;
    const out = step(node, input, this.nowMs);
    // Figure 2's persistent state changed: it goes to disk before any answer that depends on it.
    const persist = term !== node.currentTerm || votedFor !== node.votedFor || out.logChangedFrom !== Infinity;
    this.handleOutput(i, out, persist);
  }

  private handleOutput(i: number, out: StepOutput, persist = false): void {
    const node = this.nodes[i]!;
    if (out.logChangedFrom < this.logChanges[i]!) this.logChanges[i] = out.logChangedFrom;
    for (const ev of out.events) {
      if (this.onEvent) this.emit(ev);
      // The lock service reads the log whether or not anyone records the trace: storage writes depend on it.
      if (ev.type === 'clientAck' || ((ev.type === 'apply' || ev.type === 'clientWrite') && ev.key === LOCK_KEY)) this.seeLock(ev);
      if (CLIENT_EVENTS.has(ev.type)) {
        const stale = this.staleReads.see(ev, this.nowMs);
        if (stale !== null) this.emit({ type: 'staleRead', ...stale });
      }
    }
    if (this.checker) {
      for (const v of this.checker.observe(node, out.events, out.logChangedFrom)) {
        this.violationList.push({ ...v, t: this.nowMs });
        this.emit({ type: 'violation', ...v });
      }
    }
    if (persist && this.settings.diskWrite > 0) {
      this.diskDoneAt[i] = later(this.nowMs, this.settings.diskWrite);
      this.emit({ type: 'persist', node: node.id, doneAt: this.diskDoneAt[i]! });
    }
    const doneAt = this.diskDoneAt[i]!;
    if (doneAt <= this.nowMs) this.sendAll(node.id, out.sends);
    else {
      // A write is in progress (this step's, or an earlier one still running). Answers wait for
      // it: a vote, an accepted term or an acknowledged entry must be on disk before anyone hears
      // of it (a heartbeat's reply vouches for entries just written, too). Requests go at once: a
      // leader may write its log while replicating it (Raft thesis §10.2.1), and a candidate that
      // crashes before its term and vote are on disk never counted them anywhere but in itself.
      let held: Outgoing[] | null = null;
      for (const send of out.sends) {
        if (send.rpc.type === 'RequestVoteReply' || send.rpc.type === 'AppendEntriesReply') (held ??= []).push(send);
        else this.send({ id: this.nextMessageId++, from: node.id, to: send.to, rpc: send.rpc });
      }
      if (held !== null) {
        this.unsent[i]! += held.length;
        this.queue.push({
          kind: 'persisted',
          time: doneAt,
          phase: 0,
          seq: this.seq++,
          node: i,
          life: this.lives[i]!,
          sends: held,
          by: this.by,
        });
      }
    }
    this.scheduleTimer(i);
  }

  private sendAll(from: NodeId, sends: readonly Outgoing[]): void {
    for (const send of sends) this.send({ id: this.nextMessageId++, from, to: send.to, rpc: send.rpc });
  }

  /** Put a message on the wire; with `duplicate`, perhaps a second copy too (never a third). */
  private send(message: Message): void {
    this.transmit(message);
    if (this.settings.duplicate > 0 && nextFloat(this.rng) < this.settings.duplicate) {
      this.transmit({ ...message, id: this.nextMessageId++ });
    }
  }

  private transmit(message: Message): InFlight {
    const [minLatency, maxLatency] = this.settings.latency;
    let deliverAt = later(this.nowMs, drawDuration(this.rng, minLatency, maxLatency));
    if (!this.settings.reorder) {
      // FIFO links: a message never overtakes an earlier one on the same link.
      const link = this.index(message.from) * LINK_STRIDE + this.index(message.to);
      deliverAt = Math.max(deliverAt, this.lastDelivery[link]!);
      this.lastDelivery[link] = deliverAt;
    }
    const lost = this.settings.loss > 0 && nextFloat(this.rng) < this.settings.loss;
    const flight: InFlight = { message, sentAt: this.nowMs, deliverAt, lost };
    this.flights.set(message.id, flight);
    if (this.onEvent) {
      this.onEvent({
        t: this.nowMs,
        type: 'send',
        id: message.id,
        from: message.from,
        to: message.to,
        rpc: message.rpc,
        deliverAt,
        by: this.by,
      });
    }
    this.queue.push({ kind: 'deliver', time: deliverAt, phase: 0, seq: this.seq++, flight });
    return flight;
  }

  private scheduleTimer(i: number): void {
    if (!this.alive[i]) return;
    const deadline = nextDeadline(this.nodes[i]!);
    if (deadline === this.timerAt[i] || deadline === Infinity) return;
    this.timerAt[i] = deadline;
    const gen = ++this.timerGen[i]!;
    this.queue.push({ kind: 'timer', time: Math.max(deadline, this.nowMs), phase: 0, seq: this.seq++, node: i, gen });
  }

  /** Take an action: it and everything it causes name it as their cause. */
  private performAction(action: Action): void {
    const index = this.actionsTaken++;
    if (this.onEvent) this.by = { kind: 'action', index, at: action.at };
    this.perform(action);
  }

  private perform(action: Action): void {
    this.emit({ type: 'action', action });
    // A link may name a server an addServer would have booted, had a leader taken it: such an
    // action finds no server and does nothing (its `action` line stands in the trace).
    if (!this.namesKnownServers(action)) return;
    switch (action.type) {
      case 'crash':
        return this.crash(this.index(action.node));
      case 'crashLeader': {
        const leader = this.leader();
        if (leader !== null) this.crash(this.index(leader));
        return;
      }
      case 'restart':
        return this.restart(this.index(action.node));
      case 'timeoutNow': {
        const i = this.index(action.node);
        if (this.alive[i]) this.stepNode(i, { type: 'timeoutNow' });
        return;
      }
      case 'transfer':
        return this.transfer(action.to);
      case 'addServer':
        return this.addServer();
      case 'removeServer':
        return this.removeServer(action.node);
      case 'partition':
        this.links.partition(this.idList, action.groups);
        return this.emit({ type: 'partition', groups: action.groups });
      case 'cut':
        this.links.cutLink(action.from, action.to, action.oneWay);
        return this.emit({ type: 'cut', from: action.from, to: action.to, oneWay: action.oneWay });
      case 'restore':
        this.links.restoreLink(action.from, action.to, action.oneWay);
        return this.emit({ type: 'restore', from: action.from, to: action.to, oneWay: action.oneWay });
      case 'heal':
        this.links.heal();
        return this.emit({ type: 'heal' });
      case 'write':
        return this.write(action.key, action.value, action.node);
      case 'read':
        return this.read(action.key, action.node);
      case 'store': {
        const line = { type: 'store', client: action.client, value: action.value, ...this.locks.judgeStore(action.client) } as const;
        this.locks.see({ ...line, t: this.nowMs, by: this.by });
        return this.emit(line);
      }
      case 'dropMessage':
      case 'holdMessage':
      case 'releaseMessage':
      case 'deliverMessage':
      case 'delayMessage':
      case 'duplicateMessage':
        return this.handle(action);
    }
  }

  /**
   * A person's hand on one message (scenario.ts, MessageAction). A message no longer on the wire
   * (delivered, dropped) is left alone, and the trace says so: a link or a branch may name a
   * message another history delivered long ago.
   */
  private handle(action: MessageAction): void {
    const flight = this.flights.get(action.message);
    const about = (
      done: boolean,
      why: 'gone' | 'notHeld' | 'alreadyHeld' | null,
      deliverAt: number | null = null,
      copy: number | null = null,
    ) =>
      this.emit({
        type: 'messageAction',
        action,
        done,
        why,
        from: flight?.message.from ?? null,
        to: flight?.message.to ?? null,
        rpc: flight?.message.rpc ?? null,
        deliverAt,
        copy,
      });
    if (!flight) return about(false, 'gone');
    const { message } = flight;
    switch (action.type) {
      case 'dropMessage':
        about(true, null);
        this.flights.delete(message.id);
        return this.drop(message, 'action');
      case 'holdMessage':
        if (flight.held) return about(false, 'alreadyHeld');
        this.flights.set(message.id, heldAt(flight, this.nowMs));
        return about(true, null);
      case 'releaseMessage':
        if (!flight.held) return about(false, 'notHeld');
        return about(true, null, this.reschedule(releasedAt(flight, this.nowMs)));
      case 'delayMessage': {
        const moved = delayedAt(flight, this.nowMs, action.ms);
        if (moved.held) {
          this.flights.set(message.id, moved);
          return about(true, null, moved.deliverAt);
        }
        return about(true, null, this.reschedule(moved));
      }
      case 'deliverMessage':
        about(true, null, this.nowMs);
        return this.deliver(flight);
      case 'duplicateMessage': {
        // The copy is a fresh send of the same message, as the network's own duplication makes.
        const copy = this.transmit({ ...message, id: this.nextMessageId++ });
        return about(true, null, copy.deliverAt, copy.message.id);
      }
    }
  }

  /** The message's delivery moved: it is queued again (the old delivery turns stale); returns the new time. */
  private reschedule(flight: InFlight): number {
    this.flights.set(flight.message.id, flight);
    this.queue.push({ kind: 'deliver', time: flight.deliverAt, phase: 0, seq: this.seq++, flight });
    return flight.deliverAt;
  }

  /** Whether every server the action names exists (partition groups and removeServer may name any). */
  private namesKnownServers(action: Action): boolean {
    switch (action.type) {
      case 'crash':
      case 'restart':
      case 'timeoutNow':
        return this.indexOf.has(action.node);
      case 'cut':
      case 'restore':
        return this.indexOf.has(action.from) && this.indexOf.has(action.to);
      case 'write':
      case 'read':
        return action.node === undefined || this.indexOf.has(action.node);
      default:
        return true;
    }
  }

  /**
   * Boot the next server and ask the leader to add it as a learner (thesis §4.1). The leader is
   * asked first whether it would: a refused change boots nothing, so the name stays free.
   */
  private addServer(): void {
    const leader = this.leader();
    const name = `S${this.idList.length + 1}`;
    if (this.idList.length >= LIMITS.nodes.max)
      return this.emit({ type: 'membershipRefused', change: 'add', server: null, reason: 'full' });
    if (leader === null) return this.emit({ type: 'membershipRefused', change: 'add', server: name, reason: 'noLeader' });
    const li = this.index(leader);
    if (membershipRefusal(this.nodes[li]!, { change: 'add', server: name }) === null) {
      this.boot(name);
      this.links.wireLike(name, leader, this.idList);
    }
    // The leader reports the change, or why it refuses it.
    this.stepNode(li, { type: 'changeMembership', change: 'add', server: name });
  }

  private boot(id: NodeId): void {
    const i = this.idList.length;
    this.idList.push(id);
    this.indexOf.set(id, i);
    this.timerCauses.push(Object.freeze({ kind: 'timer', node: id }));
    this.nodes.push(this.createServer(id, i, this.nowMs));
    this.alive.push(true);
    this.timerGen.push(0);
    this.timerAt.push(NaN);
    this.diskDoneAt.push(0);
    this.lives.push(0);
    this.unsent.push(0);
    this.logChanges.push(Infinity);
    this.emit({ type: 'serverAdded', node: id });
    this.emit({ type: 'role', node: id, role: 'follower', term: 0, cause: 'start' });
    this.scheduleTimer(i);
  }

  /** Ask the leader to remove `node`; the leader refuses what it must (a change pending, the last voter). */
  private removeServer(node: NodeId): void {
    const leader = this.leader();
    if (!this.indexOf.has(node)) return this.emit({ type: 'membershipRefused', change: 'remove', server: node, reason: 'unknownServer' });
    if (leader === null) return this.emit({ type: 'membershipRefused', change: 'remove', server: node, reason: 'noLeader' });
    this.stepNode(this.index(leader), { type: 'changeMembership', change: 'remove', server: node });
  }

  /** What the lock service makes of a node's event; a leader's acknowledgement of a lock entry answers its client. */
  private seeLock(ev: EngineEvent): void {
    if (ev.type !== 'clientAck') {
      this.locks.see({ ...ev, t: this.nowMs, by: this.by } as TraceEvent);
      return;
    }
    const answer = this.locks.answerFor(ev.writeId);
    if (!answer) return;
    const line = { type: 'lockAnswer', node: ev.node, ...answer } as const;
    this.locks.see({ ...line, t: this.nowMs, by: this.by });
    this.emit(line);
  }

  /** The lock and the storage (src/sim/locks.ts), or null while nothing in the run has used them. */
  lockFacts(): LockFacts | null {
    return this.locks.seen ? this.locks.facts() : null;
  }

  private crash(i: number): void {
    if (!this.alive[i]) return;
    this.alive[i] = false;
    // Invalidate the pending timer: a crashed server does nothing until restarted.
    this.timerGen[i]!++;
    this.timerAt[i] = NaN;
    // A write in progress is lost with the messages waiting for it. The state it held stays: a
    // write, once begun, is treated as done (the model's disk never tears), so nothing any other
    // server was told is ever forgotten, and nothing it was not told matters.
    const unsent = this.unsent[i]!;
    this.lives[i]!++;
    this.unsent[i] = 0;
    this.diskDoneAt[i] = 0;
    this.checker?.forgetLeader(this.idList[i]!);
    this.emit({ type: 'crash', node: this.idList[i]!, unsent });
  }

  private restart(i: number): void {
    if (this.alive[i]) return;
    this.alive[i] = true;
    this.emit({ type: 'restart', node: this.idList[i]! });
    this.handleOutput(i, restartNode(this.nodes[i]!, this.nowMs));
  }

  /**
   * Ask the leader to hand over to `to`. What only the simulator knows (who leads, who is down)
   * is checked here; the leader itself refuses the rest (itself as the target, a transfer to
   * this target already under way).
   */
  private transfer(to: NodeId): void {
    const leader = this.leader();
    const target = this.indexOf.get(to);
    if (target === undefined) return this.emit({ type: 'transferRefused', from: leader, to, reason: 'unknownServer' });
    if (leader === null) return this.emit({ type: 'transferRefused', from: null, to, reason: 'noLeader' });
    if (!this.alive[target]) return this.emit({ type: 'transferRefused', from: leader, to, reason: 'crashed' });
    this.stepNode(this.index(leader), { type: 'transferLeadership', to });
  }

  private write(key: string, value: string, target: NodeId | undefined): void {
    const writeId = this.nextWriteId++;
    // A client without a target asks the leader; with no leader, the first live server
    // (which refuses and names the leader it knows, if any).
    const id = target ?? this.leader() ?? this.idList.find((_, i) => this.alive[i]) ?? this.idList[0]!;
    const i = this.index(id);
    if (!this.alive[i]) {
      this.emit({ type: 'writeLost', writeId, node: id, key, value });
      return;
    }
    this.stepNode(i, { type: 'clientWrite', key, value, writeId });
  }

  private read(key: string, target: NodeId | undefined): void {
    const readId = this.nextWriteId++;
    // As a write: to the leader, else the first live server (which refuses unless reads are
    // answered anywhere), or to `target`.
    const id = target ?? this.leader() ?? this.ids.find((_, i) => this.alive[i]) ?? this.ids[0]!;
    const i = this.index(id);
    if (!this.alive[i]) {
      this.emit({ type: 'readLost', readId, node: id, key });
      return;
    }
    this.stepNode(i, { type: 'clientRead', key, readId });
  }
}

/** The engine events the stale-read judge reads. */
const CLIENT_EVENTS: ReadonlySet<EngineEvent['type']> = new Set(['clientWrite', 'clientAck', 'clientRead', 'readAnswer', 'readUnanswered']);

export function nodeConfig(settings: ClusterSettings): NodeConfig {
  const broken: Record<keyof BrokenRules, boolean> = { ...NO_BROKEN_RULES };
  for (const rule of settings.broken) broken[rule] = true;
  return {
    electionTimeoutMin: settings.electionTimeout[0],
    electionTimeoutMax: settings.electionTimeout[1],
    heartbeatInterval: settings.heartbeat,
    maxEntriesPerMessage: 64,
    preVote: settings.preVote,
    checkQuorum: settings.checkQuorum,
    fastBacktrack: true,
    noopOnElection: settings.noopEntry,
    readMode: settings.readMode,
    broken,
  };
}
