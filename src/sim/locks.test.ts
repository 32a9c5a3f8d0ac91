import { describe, expect, it } from 'vitest';
import type { Action, Scenario } from './scenario.ts';
import { DEFAULT_SETTINGS } from './settings.ts';
import { Simulation } from './simulation.ts';
import { Timeline } from './timeline.ts';
import type { TraceEvent } from './trace.ts';
import { parseScenario, ScenarioError } from './validate.ts';

/** S1 is elected at once and every request goes to it, so each entry's index is known. */
function run(actions: readonly Action[], until = 1000): { sim: Simulation; events: TraceEvent[] } {
  const events: TraceEvent[] = [];
  const scenario: Scenario = { version: 1, settings: DEFAULT_SETTINGS, actions: [{ at: 0, type: 'timeoutNow', node: 'S1' }, ...actions] };
  const sim = Simulation.fromScenario(scenario, { onEvent: (e) => events.push(e) });
  sim.runUntil(until);
  return { sim, events };
}

const ask = (at: number, value: string): Action => ({ at, type: 'write', key: 'lock', value, node: 'S1' });
const store = (at: number, client: string, value = 'v'): Action => ({ at, type: 'store', client, value });
const answers = (events: TraceEvent[]) => events.filter((e) => e.type === 'lockAnswer');
const stores = (events: TraceEvent[]) => events.filter((e) => e.type === 'store');

describe('the lock service on the log', () => {
  it('grants a free lock once its entry is committed, with the entry’s index as the fencing token', () => {
    const { sim, events } = run([ask(100, 'A')]);
    // Index 1 is the leader's no-op; A's request is entry 2.
    expect(answers(events)).toEqual([expect.objectContaining({ node: 'S1', client: 'A', granted: true, token: 2, heldBy: null })]);
    const ack = events.findIndex((e) => e.type === 'clientAck');
    const commit = events.findIndex((e) => e.type === 'commit' && e.node === 'S1' && e.to >= 2);
    expect(commit).toBeGreaterThan(-1);
    expect(events.findIndex((e) => e.type === 'lockAnswer')).toBeGreaterThan(Math.max(ack, commit));
    expect(sim.lockFacts()).toMatchObject({ holder: 'A', token: 2, clients: [{ client: 'A', state: 'holds', token: 2 }] });
  });

  it('tells a second client who holds the lock, and a renewal by the holder keeps its token', () => {
    const { sim, events } = run([ask(100, 'A'), ask(200, 'B'), ask(300, 'A')]);
    expect(answers(events).map((e) => [e.client, e.granted, e.token, e.heldBy])).toEqual([
      ['A', true, 2, null],
      ['B', false, null, 'A'],
      ['A', true, 2, null],
    ]);
    expect(sim.lockFacts()?.clients.map((c) => [c.client, c.state])).toEqual([
      ['A', 'holds'],
      ['B', 'refused'],
    ]);
  });

  it('frees the lock with lock=free, and the next grant has a larger token', () => {
    const { sim, events } = run([ask(100, 'A'), ask(200, 'free'), ask(300, 'B')]);
    expect(answers(events).map((e) => [e.client, e.token])).toEqual([
      ['A', 2],
      ['B', 4],
    ]);
    // Nobody tells A: it still believes it holds the lock. That is what fencing is for.
    expect(sim.lockFacts()).toMatchObject({ holder: 'B', token: 4 });
    expect(sim.lockFacts()?.clients.find((c) => c.client === 'A')).toMatchObject({ state: 'holds', token: 2 });
  });

  it('the storage accepts a token at least as large as any it has seen, and refuses an older one or none', () => {
    const { sim, events } = run([
      ask(100, 'A'),
      store(150, 'A'),
      ask(200, 'free'),
      ask(300, 'B'),
      store(400, 'B'),
      store(450, 'A'),
      store(500, 'C'),
      store(550, 'B'),
    ]);
    expect(stores(events).map((e) => [e.client, e.token, e.accepted, e.highest])).toEqual([
      ['A', 2, true, null],
      ['B', 4, true, 2],
      ['A', 2, false, 4],
      ['C', null, false, 4],
      ['B', 4, true, 4],
    ]);
    const facts = sim.lockFacts()!;
    expect(facts.highest).toBe(4);
    expect(facts.clients.find((c) => c.client === 'A')).toMatchObject({ state: 'fenced', token: 2 });
    expect(facts.stores.length).toBeLessThanOrEqual(4);
    expect(facts.storesSkipped + facts.stores.length).toBe(5);
  });

  it('keeps the facts small however many clients a scenario names', () => {
    const many = Array.from({ length: 40 }, (_, i) => ask(100 + i * 5, String.fromCharCode(65 + (i % 26)) + String(i)));
    const facts = run(many, 2000).sim.lockFacts()!;
    expect(facts.clients.length).toBe(6);
    expect(facts.clientsSkipped).toBe(34);
  });

  it('is not there in a run that never uses it', () => {
    expect(run([{ at: 100, type: 'write', key: 'x', value: '1' }]).sim.lockFacts()).toBeNull();
  });

  it('decides the same without a trace being recorded (experiments run without one)', () => {
    const scenario: Scenario = {
      version: 1,
      settings: DEFAULT_SETTINGS,
      actions: [{ at: 0, type: 'timeoutNow', node: 'S1' }, ask(100, 'A'), ask(200, 'free'), ask(300, 'B'), store(400, 'A')],
    };
    const quiet = Simulation.fromScenario(scenario);
    quiet.runUntil(1000);
    expect(quiet.lockFacts()).toEqual(run(scenario.actions.slice(1)).sim.lockFacts());
  });

  it('travels in time with the run: going back to a moment shows the lock as it was then', () => {
    const scenario: Scenario = {
      version: 1,
      settings: DEFAULT_SETTINGS,
      actions: [
        { at: 0, type: 'timeoutNow', node: 'S1' },
        ask(100, 'A'),
        store(150, 'A'),
        ask(200, 'free'),
        ask(300, 'B'),
        store(400, 'A'),
      ],
    };
    const tl = new Timeline(scenario);
    tl.seek(180);
    const early = tl.sim.lockFacts();
    tl.seek(900);
    expect(tl.sim.lockFacts()?.holder).toBe('B');
    tl.seek(180);
    expect(tl.sim.lockFacts()).toEqual(early);
    expect(early).toMatchObject({ holder: 'A', token: 2, highest: 2 });
  });

  it('refuses a storage write by anything but a client letter', () => {
    const bad = { version: 1, settings: {}, actions: [{ at: 1, type: 'store', client: 'S1', value: 'v' }] };
    expect(() => parseScenario(bad)).toThrow(ScenarioError);
    expect(() => parseScenario(bad)).toThrow(/capital letter/);
  });
});
