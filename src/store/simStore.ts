import { useStore } from 'zustand';
import type { LogEntry, NodeId } from '../engine/types.ts';
import { DEFAULT_SETTINGS, type ClusterSettings } from '../sim/settings.ts';
import type { ClientHistoryFacts } from '../sim/clientHistory.ts';
import type { LockFacts } from '../sim/locks.ts';
import type { TraceEvent } from '../sim/trace.ts';
import type { Frame, NodeFrame, ReachFacts } from '../worker/protocol.ts';
import { narrate, type Tone } from '../narration/narrate.ts';
import { useLab } from './context.ts';
import { resetFacts } from './facts.ts';
import type { LabStore } from './lab.ts';

export interface FeedItem {
  readonly key: number;
  readonly t: number;
  readonly text: string;
  readonly tone: Tone;
  readonly routine: boolean;
  /** The trace event the line tells, and its id in the run, so a click can ask the worker why. */
  readonly event: TraceEvent;
  readonly eventId: number;
}

export interface Problem {
  readonly message: string;
  readonly field: string | null;
}

/** A long replay under way in the worker (simulated ms): shown with a way to stop it. */
export interface ReplayProgress {
  readonly from: number;
  readonly reached: number;
  readonly target: number;
}

/** What the views render from. Fast motion (clock, message positions) lives in `live`, not here. */
export interface SimState {
  readonly status: 'starting' | 'running' | 'failed';
  /** Why the worker failed, when it did. */
  readonly failure: string | null;
  /** An input the worker refused (the run goes on). */
  readonly notice: Problem | null;
  readonly settings: ClusterSettings;
  readonly settingsError: Problem | null;
  /** Bumped on every new run. */
  readonly run: number;
  /** Node states without their timers; replaced only when something a person can see changed. */
  readonly nodes: readonly NodeFrame[];
  readonly logs: Readonly<Record<NodeId, readonly LogEntry[]>>;
  readonly cut: readonly (readonly [NodeId, NodeId])[];
  /** Who can still gather a majority, as the worker found it. */
  readonly reach: ReachFacts;
  /** The lock, its clients and the storage, as the worker found them; null when the run has no lock. */
  readonly lock: LockFacts | null;
  /** What the clients saw and its linearizability check, as the worker found them; null before any write. */
  readonly clients: ClientHistoryFacts | null;
  readonly feed: readonly FeedItem[];
  readonly violations: number;
  readonly playing: boolean;
  readonly speed: number;
  /** Quiet moments (only timers draining) run fast, routine heartbeats at twice the speed. */
  readonly fastForward: boolean;
  /** Where the leader goes when "Split" (button or S key) cuts the cluster in two. */
  readonly splitSide: 'majority' | 'minority';
  readonly verbose: boolean;
  readonly selected: NodeId | null;
  readonly selectedLink: readonly [NodeId, NodeId] | null;
  /** Messages on the wire not drawn on the cluster (a frame carries at most MAX_FLIGHTS_PER_FRAME). */
  readonly flightsSkipped: number;
  /** The worker is replaying far ahead (opening a link, a long seek); null when not. */
  readonly replay: ReplayProgress | null;
}

export const FEED_LIMIT = 120;

/** Before the first frame: no servers, no sides. */
const NO_REACH: ReachFacts = { needed: 0, config: { voters: [], learners: [], from: null, pending: false }, islands: [], cutOff: [] };

/** The state of a new lab, before its first run. */
export const initialSim = (): SimState => ({
  status: 'starting',
  failure: null,
  notice: null,
  settings: DEFAULT_SETTINGS,
  settingsError: null,
  run: 0,
  nodes: [],
  logs: {},
  cut: [],
  reach: NO_REACH,
  lock: null,
  clients: null,
  feed: [],
  violations: 0,
  playing: true,
  speed: 1,
  fastForward: true,
  splitSide: 'majority',
  verbose: false,
  selected: null,
  selectedLink: null,
  flightsSkipped: 0,
  replay: null,
});

/** The lab's simulation state, as a component sees it: re-renders when the selected slice changes. */
export function useSim<T>(selector: (s: SimState) => T): T {
  return useStore(useLab().sim, selector);
}

// Selectors at module level, so their identity is stable (xyflow style).
export const selectNodes = (s: SimState) => s.nodes;
export const selectLogs = (s: SimState) => s.logs;
export const selectCut = (s: SimState) => s.cut;
export const selectReach = (s: SimState) => s.reach;
export const selectLock = (s: SimState) => s.lock;
export const selectClients = (s: SimState) => s.clients;
export const selectFeed = (s: SimState) => s.feed;
export const selectSelected = (s: SimState) => s.selected;
export const selectPlaying = (s: SimState) => s.playing;
export const selectSpeed = (s: SimState) => s.speed;
export const selectSettings = (s: SimState) => s.settings;
export const selectVerbose = (s: SimState) => s.verbose;
export const selectStatus = (s: SimState) => s.status;
export const selectReplay = (s: SimState) => s.replay;
export const selectLeader = (s: SimState): NodeFrame | null => {
  let best: NodeFrame | null = null;
  for (const n of s.nodes) if (n.alive && n.role === 'leader' && (!best || n.term > best.term)) best = n;
  return best;
};

/**
 * The fields whose change a person can see. The timer fields (and the timeout drawn at each reset)
 * move every heartbeat and are drawn from `live` by the animations instead.
 */
function sameVisible(a: NodeFrame, b: NodeFrame): boolean {
  return (
    a.alive === b.alive &&
    a.membership === b.membership &&
    a.timer === b.timer &&
    a.role === b.role &&
    a.term === b.term &&
    a.votedFor === b.votedFor &&
    a.leaderId === b.leaderId &&
    a.commitIndex === b.commitIndex &&
    a.lastApplied === b.lastApplied &&
    a.logLength === b.logLength &&
    a.preCandidate === b.preCandidate &&
    a.handingTo === b.handingTo &&
    a.votesGranted.length === b.votesGranted.length &&
    a.votesDenied.length === b.votesDenied.length &&
    sameRecord(a.nextIndex, b.nextIndex) &&
    sameRecord(a.matchIndex, b.matchIndex)
  );
}

function sameRecord(a: Readonly<Record<string, number>>, b: Readonly<Record<string, number>>): boolean {
  for (const k in a) if (a[k] !== b[k]) return false;
  for (const k in b) if (!(k in a)) return false;
  return true;
}

/** Turns the events of each frame into feed lines, remembering the little it needs between frames. */
export class FeedBuilder {
  private key = 0;
  /** The last vote tally shown per candidate: a refusal repeats the same count, which says nothing new. */
  private readonly lastTally = new Map<NodeId, string>();

  reset(): void {
    this.lastTally.clear();
  }

  items(events: readonly TraceEvent[], ids: readonly number[], verbose: boolean, nodes: readonly NodeFrame[]): FeedItem[] {
    const items: FeedItem[] = [];
    for (let i = 0; i < events.length; i++) {
      const e = events[i]!;
      const n = narrate(e);
      // A follower learning the commit index is detail: the leader's commit tells the story.
      const followerCommit = e.type === 'commit' && nodes.some((x) => x.id === e.node && x.role !== 'leader');
      if ((n.routine || followerCommit) && !verbose) continue;
      if (e.type === 'voteCount') {
        const tally = `${e.term}:${e.granted}:${e.preVote}`;
        if (this.lastTally.get(e.node) === tally && !verbose) continue;
        this.lastTally.set(e.node, tally);
      }
      items.push({ key: this.key++, t: e.t, text: n.text, tone: n.tone, routine: n.routine, event: e, eventId: ids[i]! });
    }
    return items;
  }
}

/** Fold a worker frame into the store, touching only the slices that changed. */
export function applyFrame(lab: LabStore, frame: Frame): void {
  const { live, feedBuilder } = lab;
  live.frameNow = frame.now;
  live.validUntil = frame.nextEventTime ?? Infinity;
  live.nodes = frame.nodes;
  live.flights = frame.flights;
  const s = lab.sim.getState();
  const patch: { -readonly [K in keyof SimState]?: SimState[K] } = {};
  // Keep the previous object for every node that looks the same, so memoized glyphs skip rendering.
  let changed = frame.nodes.length !== s.nodes.length;
  const nodes = frame.nodes.map((n, i) => {
    const old = s.nodes[i];
    if (old && old.id === n.id && sameVisible(n, old)) return old;
    changed = true;
    return n;
  });
  if (changed) patch.nodes = nodes;
  if (frame.logs.length > 0) {
    const logs = { ...s.logs };
    for (const p of frame.logs) logs[p.node] = [...(logs[p.node] ?? []).slice(0, p.from - 1), ...p.entries];
    patch.logs = logs;
  }
  if (frame.cut) patch.cut = frame.cut;
  if (frame.reach) patch.reach = frame.reach;
  if (frame.lock) patch.lock = frame.lock.facts;
  if (frame.clients) patch.clients = frame.clients.facts;
  if (frame.events.length > 0 || frame.feedReset) {
    // After a jump back in time the worker sends the newest events up to the moment shown
    // instead: the feed is rebuilt from them.
    if (frame.feedReset) feedBuilder.reset();
    const kept = frame.feedReset ? [] : s.feed;
    const items = feedBuilder.items(frame.events, frame.eventIds, s.verbose, frame.nodes);
    if (items.length > 0 || kept.length !== s.feed.length) patch.feed = [...items.reverse(), ...kept].slice(0, FEED_LIMIT);
  }
  if (frame.violations !== s.violations) patch.violations = frame.violations;
  if (frame.flightsSkipped !== s.flightsSkipped) patch.flightsSkipped = frame.flightsSkipped;
  if (s.status !== 'running') patch.status = 'running';
  if (Object.keys(patch).length > 0) lab.sim.setState(patch);
}

/** A new run: clear everything drawn from the previous one. */
export function resetRun(lab: LabStore, settings: ClusterSettings): void {
  lab.feedBuilder.reset();
  resetFacts(lab);
  lab.sim.setState((s) => ({
    settings,
    settingsError: null,
    notice: null,
    run: s.run + 1,
    nodes: [],
    logs: {},
    cut: [],
    reach: NO_REACH,
    lock: null,
    clients: null,
    feed: [],
    violations: 0,
    flightsSkipped: 0,
    selected: null,
    selectedLink: null,
  }));
}
