import { describe, expect, it } from 'vitest';
import type { LogEntry } from '../engine/types.ts';
import { SCENARIO_VERSION, type Scenario } from '../sim/scenario.ts';
import { DEFAULT_SETTINGS } from '../sim/settings.ts';
import { ScenarioError } from '../sim/validate.ts';
import { SimDriver } from './driver.ts';
import type { Frame } from './protocol.ts';

const fresh = (seed = 1): Scenario => ({ version: SCENARIO_VERSION, settings: { ...DEFAULT_SETTINGS, seed }, actions: [] });

/** Apply log patches the way the page does, to check they rebuild the real logs. */
function applyLogs(logs: Map<string, LogEntry[]>, frame: Frame): void {
  for (const p of frame.logs) {
    const log = (logs.get(p.node) ?? []).slice(0, p.from - 1);
    logs.set(p.node, [...log, ...p.entries]);
  }
}

function summary(driver: SimDriver): string {
  return JSON.stringify(driver.simulation.finalState());
}

describe('SimDriver', () => {
  it('elects a leader and reports messages with their kinds and times', () => {
    const d = new SimDriver(fresh());
    const kinds = new Set<string>();
    for (let t = 10; t <= 2000; t += 10) {
      d.advanceTo(t);
      for (const f of d.frame().flights) {
        kinds.add(f.kind);
        expect(f.deliverAt).toBeGreaterThanOrEqual(f.sentAt);
      }
    }
    expect(d.simulation.leader()).not.toBeNull();
    expect(kinds).toContain('voteRequest');
    expect(kinds).toContain('heartbeat');
    expect(kinds).toContain('heartbeatReply');
  });

  it('tells the page which server a leader is handing over to, while it does', () => {
    const d = new SimDriver(fresh());
    d.advanceTo(1000);
    const leader = d.simulation.leader()!;
    const target = leader === 'S2' ? 'S3' : 'S2';
    d.act({ type: 'transfer', to: target });
    const during = d.frame().nodes;
    expect(during.find((n) => n.id === leader)!.handingTo).toBe(target);
    expect(during.filter((n) => n.handingTo !== null)).toHaveLength(1);
    d.advanceTo(1400);
    const after = d.frame().nodes;
    expect(after.find((n) => n.role === 'leader')!.id).toBe(target);
    expect(after.every((n) => n.handingTo === null)).toBe(true);
  });

  it('records each action at the simulated time it was taken, and replays the run exactly', () => {
    const d = new SimDriver(fresh(7));
    d.advanceTo(1000);
    d.act({ type: 'write', key: 'x', value: '1' });
    d.advanceTo(1500);
    d.act({ type: 'crashLeader' });
    d.advanceTo(2600);
    d.act({
      type: 'partition',
      groups: [
        ['S1', 'S2', 'S3'],
        ['S4', 'S5'],
      ],
    });
    d.step();
    d.act({ type: 'write', key: 'y', value: '2' });
    d.advanceTo(5000);
    expect(d.scenario.actions.map((a) => [a.type, a.at])).toEqual([
      ['write', 1000],
      ['crashLeader', 1500],
      ['partition', 2600],
      ['write', d.scenario.actions[3]!.at],
    ]);
    const replay = new SimDriver(d.scenario);
    replay.advanceTo(5000);
    expect(summary(replay)).toBe(summary(d));
  });

  it('load starts over from a scenario', () => {
    const d = new SimDriver(fresh(3));
    d.advanceTo(3000);
    d.act({ type: 'write', key: 'x', value: '1' });
    const saved = d.scenario;
    d.advanceTo(4000);
    const expected = summary(d);
    d.load(fresh(9));
    expect(d.now).toBe(0);
    expect(d.scenario.actions).toEqual([]);
    d.load(saved);
    d.advanceTo(4000);
    expect(summary(d)).toBe(expected);
  });

  it('sends only the log entries that changed, and they rebuild every log', () => {
    const d = new SimDriver(fresh(2));
    const logs = new Map<string, LogEntry[]>();
    d.advanceTo(1000);
    applyLogs(logs, d.frame());
    for (let i = 0; i < 5; i++) {
      d.act({ type: 'write', key: 'k', value: String(i) });
      d.advanceTo(d.now + 200);
      const frame = d.frame();
      for (const p of frame.logs) expect(p.entries.length).toBeLessThanOrEqual(1);
      applyLogs(logs, frame);
    }
    expect(d.frame().logs).toEqual([]);
    for (const n of d.simulation.nodeStates) expect(logs.get(n.id) ?? []).toEqual(n.log);
  });

  it('sends cut links only when they change', () => {
    const d = new SimDriver(fresh());
    expect(d.frame().cut).toEqual([]);
    expect(d.frame().cut).toBeNull();
    d.act({ type: 'cut', from: 'S1', to: 'S2', oneWay: true });
    expect(d.frame().cut).toEqual([['S1', 'S2']]);
    d.act({ type: 'heal' });
    expect(d.frame().cut).toEqual([]);
  });

  it('leaves routine per-message events out unless asked', () => {
    const d = new SimDriver(fresh());
    d.advanceTo(1000);
    expect(d.frame().events.some((e) => e.type === 'send' || e.type === 'deliver')).toBe(false);
    d.setVerbose(true);
    d.advanceTo(1200);
    expect(d.frame().events.some((e) => e.type === 'send')).toBe(true);
  });

  it('refuses an impossible action, naming the field, and keeps running', () => {
    const d = new SimDriver(fresh());
    expect(() => d.act({ type: 'crash', node: 'S9' })).toThrow(ScenarioError);
    expect(d.scenario.actions).toEqual([]);
    d.advanceTo(500);
    expect(d.now).toBe(500);
  });
});

describe('SimDriver time', () => {
  it("stands where the view's clock stands, to the microsecond, and an action taken then records that time", () => {
    const d = new SimDriver(fresh());
    d.advanceTo(123.70049);
    expect(d.now).toBe(123.7);
    expect(d.act({ type: 'crash', node: 'S1' }).at).toBe(123.7);
    expect(d.scenario.actions.at(-1)).toMatchObject({ at: 123.7, type: 'crash' });
  });
});
