import { describe, expect, it } from 'vitest';
import { InProcessWorkers } from '../../test/support/labClient.ts';
import { SCENARIO_VERSION, type Scenario } from '../sim/scenario.ts';
import { DEFAULT_SETTINGS } from '../sim/settings.ts';
import { Simulation } from '../sim/simulation.ts';
import { markersOf } from '../worker/history.ts';
import { PROTOCOL_VERSION } from '../worker/protocol.ts';
import { createLabStore, type LabStore } from './lab.ts';
import { roleOf } from '../engine/node.ts';

// The real store (createLabStore) around the real worker code, run in-process: what the page
// shows is checked against an independent replay of the same scenario.

const scenario: Scenario = {
  version: SCENARIO_VERSION,
  settings: { ...DEFAULT_SETTINGS, seed: 4 },
  actions: [
    { at: 700, type: 'write', key: 'x', value: '1' },
    { at: 1200, type: 'crashLeader' },
    {
      at: 2500,
      type: 'partition',
      groups: [
        ['S1', 'S2', 'S3'],
        ['S4', 'S5'],
      ],
    },
    { at: 3500, type: 'heal' },
  ],
};

function lab(start: Scenario): { lab: LabStore; workers: InProcessWorkers; playTo: (t: number) => void } {
  const workers = new InProcessWorkers();
  const lab = createLabStore(workers);
  lab.start(start);
  workers.flush();
  /** What the display loop does while playing: the clock moves on and a frame is asked for. */
  const playTo = (t: number) => {
    workers.flush();
    lab.live.clock = t;
    expect(lab.connection.requestFrame(t, lab.sim.getState().verbose)).toBe(true);
    workers.flush();
  };
  return { lab, workers, playTo };
}

function replayed(s: Scenario, t: number): Simulation {
  const sim = Simulation.fromScenario(s);
  sim.runUntil(t);
  return sim;
}

describe('the lab store around a worker', () => {
  it('folds frames in: unchanged servers keep their objects, logs are rebuilt, commits show', () => {
    const { lab: page, playTo } = lab({ version: SCENARIO_VERSION, settings: DEFAULT_SETTINGS, actions: [] });
    playTo(1000);
    const before = page.sim.getState().nodes;
    expect(before).toHaveLength(5);
    expect(page.sim.getState().status).toBe('running');
    // The newest lines first: the new leader's no-op committing, after its election.
    expect(
      page.sim
        .getState()
        .feed.map((f) => f.text)
        .join('\n'),
    ).toMatch(/won the election/);
    playTo(1001);
    // Nothing a person can see changed in 1 ms of heartbeats: same objects, no re-render.
    expect(page.sim.getState().nodes).toBe(before);
    page.actions.act({ type: 'write', key: 'x', value: '1' });
    playTo(1500);
    const truth = replayed(page.travel.getState().scenario!, 1500);
    const logs = page.sim.getState().logs;
    for (const n of truth.nodeStates) expect(logs[n.id]).toEqual(n.log);
    // The leader's no-op of term 1 at index 1, the write at 2: both committed everywhere.
    expect(page.sim.getState().nodes.every((n) => n.commitIndex === 2)).toBe(true);
    page.dispose();
  });

  it('after a seek back shows that moment: servers, logs, messages in flight, and a feed that ends there', () => {
    const { lab: page, workers, playTo } = lab(scenario);
    for (let t = 100; t <= 4000; t += 100) playTo(t);
    page.actions.seekTo(1500);
    workers.flush();
    expect(page.live.clock).toBe(1500);
    expect(page.travel.getState()).toMatchObject({ horizon: 4000, inPast: true });
    const truth = replayed(scenario, 1500);
    for (const n of truth.nodeStates) {
      const shown = page.sim.getState().nodes.find((x) => x.id === n.id)!;
      expect([shown.role, shown.term, shown.alive]).toEqual([roleOf(n), n.currentTerm, truth.isAlive(n.id)]);
      expect(page.sim.getState().logs[n.id] ?? []).toEqual(n.log);
    }
    expect(page.live.flights.map((f) => f.id)).toEqual([...truth.inFlight()].map((f) => f.message.id));
    const feed = page.sim.getState().feed;
    expect(feed.length).toBeGreaterThan(0);
    expect(feed.every((f) => f.t <= 1500)).toBe(true);
    expect(feed.some((f) => /crashed/.test(f.text))).toBe(true);
    // Playing on from there adds what comes after 1500, once, newest first.
    page.actions.play();
    for (let t = 1600; t <= 3000; t += 100) playTo(t);
    const later = page.sim.getState().feed;
    expect(later.slice(later.length - feed.length)).toEqual(feed);
    expect(later.filter((f) => /network split/.test(f.text)).map((f) => f.t)).toEqual([2500]);
    expect(later.every((f, i) => i === 0 || later[i - 1]!.t >= f.t)).toBe(true);
    expect(new Set(later.map((f) => f.key)).size).toBe(later.length);
    page.dispose();
  });

  it('holds the timeline marks of the whole history, sent a piece at a time', () => {
    const { lab: page, workers, playTo } = lab(scenario);
    for (let t = 250; t <= 4000; t += 250) playTo(t);
    const marks = page.travel.getState().markers;
    expect(marks).toEqual(markersOf(workers.driver!.history));
    expect(new Set(marks.map((m) => m.kind))).toEqual(new Set(['election', 'leader', 'commit', 'crash', 'partition', 'heal']));
    page.dispose();
  });

  it('acting in the past: the branch is announced, the link follows it and the marks after it go', () => {
    const { lab: page, workers, playTo } = lab(scenario);
    playTo(4000);
    page.actions.seekTo(2000);
    page.actions.act({ type: 'crash', node: 'S2' });
    workers.flush();
    const travel = page.travel.getState();
    expect(travel.branchedAt).toBe(2000);
    expect(travel.horizon).toBe(2000);
    expect(travel.scenario?.actions.map((a) => a.at)).toEqual([700, 1200, 2000]);
    expect(travel.markers.every((m) => m.t <= 2000)).toBe(true);
    expect(travel.markers.at(-1)).toMatchObject({ kind: 'crash', t: 2000 });
    page.dispose();
  });

  it('a refused action is named and the run goes on; a new run clears what the old one drew', () => {
    const { lab: page, workers, playTo } = lab(scenario);
    playTo(1000);
    page.actions.act({ type: 'crash', node: 'S9' });
    workers.flush();
    expect(page.sim.getState().notice?.field).toMatch(/node/);
    expect(page.sim.getState().status).toBe('running');
    expect(page.actions.applySettings({ ...DEFAULT_SETTINGS, nodes: 3 })).toBe(true);
    expect(page.sim.getState()).toMatchObject({ nodes: [], feed: [], notice: null });
    expect(page.travel.getState().markers).toEqual([]);
    playTo(1000);
    expect(page.sim.getState().nodes).toHaveLength(3);
    expect(page.actions.applySettings({ ...DEFAULT_SETTINGS, nodes: 12 })).toBe(false);
    expect(page.sim.getState().settingsError?.field).toBe('settings.nodes');
    page.dispose();
  });

  it('two labs on one page are independent', () => {
    const a = lab(scenario);
    const b = lab({ version: SCENARIO_VERSION, settings: { ...DEFAULT_SETTINGS, nodes: 3 }, actions: [] });
    a.playTo(1000);
    b.playTo(500);
    expect(a.lab.sim.getState().nodes).toHaveLength(5);
    expect(b.lab.sim.getState().nodes).toHaveLength(3);
    expect(a.lab.live.frameNow).toBe(1000);
    expect(b.lab.live.frameNow).toBe(500);
    a.lab.dispose();
    b.lab.dispose();
  });
});

describe('a worker that misbehaves', () => {
  it('a message the page cannot read shows the failure banner instead of throwing, and Restart starts the default run', () => {
    const workers = new InProcessWorkers();
    const realSpawn = workers.spawnSim;
    let sendGarbage: ((m: unknown) => void) | null = null;
    workers.spawnSim = (on) => {
      sendGarbage = (m) => on.message(m as never);
      return realSpawn(on);
    };
    const store = createLabStore(workers);
    store.start({ ...scenario, settings: { ...scenario.settings, nodes: 3, seed: 9 } });
    workers.flush();
    expect(store.sim.getState().status).not.toBe('failed');

    expect(() => sendGarbage!({ v: PROTOCOL_VERSION, type: 'frame', id: 1_000_000, frame: null })).not.toThrow();
    expect(store.sim.getState().status).toBe('failed');
    expect(store.sim.getState().failure).toMatch(/frame message the page cannot read/);

    store.connection.restart();
    workers.flush();
    expect(store.sim.getState().status).not.toBe('failed');
    expect(store.sim.getState().settings).toEqual(DEFAULT_SETTINGS);
    expect(() => sendGarbage!('not even an object')).not.toThrow();
    expect(store.sim.getState().failure).toMatch(/cannot read/);
  });
});
