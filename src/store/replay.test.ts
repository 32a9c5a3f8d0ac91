import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { InProcessWorkers } from '../../test/support/labClient.ts';
import { SCENARIO_VERSION, type Scenario } from '../sim/scenario.ts';
import { DEFAULT_SETTINGS } from '../sim/settings.ts';
import { Simulation } from '../sim/simulation.ts';
import { createLabStore, type LabStore } from './lab.ts';
import type { LabClient } from './client.ts';
import { roleOf } from '../engine/node.ts';

// A link opened far into its run replays for a long while. The page must show how far it is,
// let it be stopped, and keep its watchdog for a worker that really stopped answering. Time is
// faked: each reading of the worker's clock costs 10 ms, as on a slow laptop, so a minute of
// cluster time takes many (fake) seconds, longer than the watchdog's patience.

const far: Scenario = {
  version: SCENARIO_VERSION,
  settings: { ...DEFAULT_SETTINGS, seed: 7 },
  actions: Array.from({ length: 40 }, (_, i) => ({ at: 500 + i * 1000, type: 'write' as const, key: 'k', value: String(i) })),
};
const TARGET = 60_000;

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'setTimeout', 'clearTimeout', 'performance'] });
});
afterEach(() => {
  vi.useRealTimers();
});

function slowLab(): { lab: LabStore; workers: InProcessWorkers } {
  const workers = new InProcessWorkers(() => {
    vi.advanceTimersByTime(10);
    return performance.now();
  });
  const lab = createLabStore(workers);
  lab.start({ version: SCENARIO_VERSION, settings: DEFAULT_SETTINGS, actions: [] });
  workers.flush();
  lab.actions.openRun(far, TARGET, true);
  return { lab, workers };
}

describe('a long replay', () => {
  it('reports progress in slices, never trips the watchdog, and ends where a straight replay does', () => {
    const { lab, workers } = slowLab();
    const start = performance.now();
    const reached: number[] = [];
    while (workers.deliver()) {
      const replay = lab.sim.getState().replay;
      if (replay && replay.reached !== reached.at(-1)) reached.push(replay.reached);
    }
    // Longer than the watchdog waits (8 s), and still healthy.
    expect(performance.now() - start).toBeGreaterThan(10_000);
    expect(lab.sim.getState().status).toBe('running');
    expect(lab.sim.getState().failure).toBeNull();
    expect(reached.length).toBeGreaterThan(20);
    expect(reached).toEqual([...reached].sort((a, b) => a - b));
    expect(reached.at(-1)!).toBeLessThan(TARGET);
    expect(lab.sim.getState().replay).toBeNull();
    expect(lab.live.frameNow).toBe(TARGET);
    // Slicing changes nothing in the run: the same servers as one uninterrupted replay.
    const sim = Simulation.fromScenario(far);
    sim.runUntil(TARGET);
    expect(lab.live.nodes.map((n) => [n.id, n.role, n.term, n.commitIndex])).toEqual(
      sim.nodeStates.map((n) => [n.id, roleOf(n), n.currentTerm, n.commitIndex]),
    );
    lab.dispose();
  });

  it('stops where it got to when cancelled, paused, with the run usable from there', () => {
    const { lab, workers } = slowLab();
    while (!lab.sim.getState().replay || lab.sim.getState().replay!.reached < 10_000) expect(workers.deliver()).toBe(true);
    lab.actions.cancelReplay();
    workers.flush();
    const s = lab.sim.getState();
    expect(s.replay).toBeNull();
    expect(s.playing).toBe(false);
    expect(s.status).toBe('running');
    const stopped = lab.live.frameNow;
    expect(stopped).toBeGreaterThanOrEqual(10_000);
    expect(stopped).toBeLessThan(TARGET);
    expect(lab.live.clock).toBe(stopped);
    expect(workers.driver!.now).toBe(stopped);
    // The run goes on from the moment reached.
    lab.live.clock = stopped + 100;
    expect(lab.connection.requestFrame(stopped + 100, false)).toBe(true);
    workers.flush();
    expect(lab.live.frameNow).toBe(stopped + 100);
    lab.dispose();
  });

  it('still fails when the worker stops answering', () => {
    // A worker that takes requests and never answers (a hung thread).
    const silent: LabClient = { ...new InProcessWorkers(), spawnSim: () => ({ post: () => {}, terminate: () => {} }) };
    const lab = createLabStore(silent);
    lab.start({ version: SCENARIO_VERSION, settings: DEFAULT_SETTINGS, actions: [] });
    lab.actions.openRun(far, TARGET, true);
    vi.advanceTimersByTime(7000);
    expect(lab.sim.getState().status).not.toBe('failed');
    vi.advanceTimersByTime(3000);
    expect(lab.sim.getState().status).toBe('failed');
    expect(lab.sim.getState().failure).toMatch(/stopped answering/);
    lab.dispose();
  });
});
