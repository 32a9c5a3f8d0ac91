import { describe, expect, it } from 'vitest';
import { cluster, runUntilLeader } from '../../test/support/sim.ts';
import { narrate } from '../narration/narrate.ts';
import { wayAlong } from './messageActions.ts';
import type { MessageAction, UntimedAction } from './scenario.ts';
import type { InFlight, Simulation } from './simulation.ts';
import { Timeline } from './timeline.ts';
import { traceLine, type TraceEvent } from './trace.ts';

// A person's hand on one message in flight (scenario.ts, MessageAction): each action does what
// its name says to that message only, replays exactly, and on a message no longer on the wire
// does nothing but say so.

/** A cluster with a leader and, at the returned moment, one of its heartbeats on the wire. */
function withHeartbeat(seed = 3): { sim: Simulation; trace: TraceEvent[]; flight: InFlight } {
  const run = cluster({ seed });
  expect(runUntilLeader(run.sim, 5000)).not.toBeNull();
  for (let guard = 0; guard < 10_000; guard++) {
    const f = [...run.sim.inFlight()].find((x) => x.message.rpc.type === 'AppendEntries' && x.message.rpc.entries.length === 0);
    if (f && f.sentAt < run.sim.now && f.deliverAt > run.sim.now) return { ...run, flight: f };
    run.sim.stepMoment();
  }
  throw new Error('no heartbeat in flight');
}

const act = (sim: Simulation, a: Extract<UntimedAction, { message: number }>): void => sim.act({ ...a, at: sim.now } as MessageAction);
const fates = (trace: readonly TraceEvent[], id: number) => trace.filter((e) => (e.type === 'deliver' || e.type === 'drop') && e.id === id);
const lines = (trace: readonly TraceEvent[]) => trace.filter((e) => e.type === 'messageAction').map((e) => narrate(e).text);

describe('message actions', () => {
  it('drop: the message never arrives, the drop is recorded at once as done by hand, and the feed says whose message it was', () => {
    const { sim, trace, flight } = withHeartbeat();
    const at = sim.now;
    act(sim, { type: 'dropMessage', message: flight.message.id });
    expect(sim.flight(flight.message.id)).toBeUndefined();
    sim.runUntil(flight.deliverAt + 200);
    expect(fates(trace, flight.message.id)).toEqual([expect.objectContaining({ type: 'drop', reason: 'action', t: at })]);
    expect(lines(trace)).toEqual([`You dropped ${flight.message.from}'s heartbeat to ${flight.message.to}: it never arrives`]);
  });

  it('hold: the message stands where it is, past its arrival time; release: it takes the rest of its trip from then', () => {
    const { sim, trace, flight } = withHeartbeat();
    const id = flight.message.id;
    const heldAt = sim.now;
    const p = wayAlong(flight, heldAt);
    expect(p).toBeGreaterThan(0);
    expect(p).toBeLessThan(1);
    act(sim, { type: 'holdMessage', message: id });
    sim.runUntil(flight.deliverAt + 250);
    expect(fates(trace, id)).toEqual([]);
    const held = sim.flight(id)!;
    expect(held.held).toBe(true);
    expect(wayAlong(held, sim.now)).toBeCloseTo(p, 9);
    const releasedAt = sim.now;
    act(sim, { type: 'releaseMessage', message: id });
    const remaining = flight.deliverAt - heldAt;
    expect(sim.flight(id)!.deliverAt).toBeCloseTo(releasedAt + remaining, 3);
    // It moves on from where it stood, not from the sender.
    expect(wayAlong(sim.flight(id)!, releasedAt)).toBeCloseTo(p, 9);
    sim.runUntil(releasedAt + remaining + 50);
    const arrived = fates(trace, id);
    expect(arrived).toHaveLength(1);
    expect(arrived[0]!.type).toBe('deliver');
    expect(arrived[0]!.t).toBeCloseTo(releasedAt + remaining, 3);
    const [hold, release] = lines(trace);
    expect(hold).toBe(`You held ${flight.message.from}'s heartbeat to ${flight.message.to}: it waits where it is until released`);
    expect(release).toMatch(/^You released S\d's heartbeat to S\d: it moves on and arrives at [\d.]+ ms$/);
  });

  it('deliver now: it arrives at the moment of the action, once', () => {
    const { sim, trace, flight } = withHeartbeat();
    const at = sim.now;
    act(sim, { type: 'deliverMessage', message: flight.message.id });
    sim.runUntil(flight.deliverAt + 200);
    expect(fates(trace, flight.message.id)).toEqual([expect.objectContaining({ type: 'deliver', t: at })]);
  });

  it('delay: it arrives exactly that much later, once, without jumping back on its way', () => {
    const { sim, trace, flight } = withHeartbeat();
    const before = wayAlong(flight, sim.now);
    act(sim, { type: 'delayMessage', message: flight.message.id, ms: 140 });
    expect(wayAlong(sim.flight(flight.message.id)!, sim.now)).toBeCloseTo(before, 9);
    sim.runUntil(flight.deliverAt + 300);
    const arrived = fates(trace, flight.message.id);
    expect(arrived).toHaveLength(1);
    expect(arrived[0]).toMatchObject({ type: 'deliver' });
    expect(arrived[0]!.t).toBeCloseTo(flight.deliverAt + 140, 3);
    expect(lines(trace)[0]).toMatch(/^You delayed S\d's heartbeat to S\d by 140 ms: it arrives at [\d.]+ ms$/);
  });

  it('delay of a held message: it has that much further to go once released', () => {
    const { sim, trace, flight } = withHeartbeat();
    const id = flight.message.id;
    const remaining = flight.deliverAt - sim.now;
    act(sim, { type: 'holdMessage', message: id });
    act(sim, { type: 'delayMessage', message: id, ms: 30 });
    sim.runUntil(sim.now + 100);
    const r = sim.now;
    act(sim, { type: 'releaseMessage', message: id });
    sim.runUntil(r + remaining + 100);
    expect(fates(trace, id)[0]!.t).toBeCloseTo(r + remaining + 30, 3);
  });

  it('duplicate: a copy with a new id carries the same RPC and arrives too, beside the original', () => {
    const { sim, trace, flight } = withHeartbeat();
    const id = flight.message.id;
    act(sim, { type: 'duplicateMessage', message: id });
    const line = trace.find((e) => e.type === 'messageAction')!;
    expect(line.type === 'messageAction' && line.copy).toBeGreaterThan(id);
    const copy = line.type === 'messageAction' ? line.copy! : -1;
    const sent = trace.find((e) => e.type === 'send' && e.id === copy);
    expect(sent).toMatchObject({ from: flight.message.from, to: flight.message.to, rpc: flight.message.rpc, t: sim.now });
    sim.runUntil(sim.now + 200);
    expect(fates(trace, id).map((e) => e.type)).toEqual(['deliver']);
    expect(fates(trace, copy).map((e) => e.type)).toEqual(['deliver']);
  });

  it('on a message no longer on the wire every action does nothing but say so; the run goes on as without it', () => {
    const plain = withHeartbeat();
    const { sim, trace, flight } = withHeartbeat();
    const id = flight.message.id;
    sim.runUntil(flight.deliverAt + 1);
    plain.sim.runUntil(flight.deliverAt + 1);
    const mark = trace.length;
    for (const type of ['dropMessage', 'holdMessage', 'releaseMessage', 'deliverMessage', 'duplicateMessage'] as const)
      act(sim, { type, message: id });
    act(sim, { type: 'delayMessage', message: id, ms: 10 });
    // And one never sent at all.
    act(sim, { type: 'dropMessage', message: 1e9 });
    const added = trace.slice(mark);
    expect(added.filter((e) => e.type !== 'action' && e.type !== 'messageAction')).toEqual([]);
    expect(added.filter((e) => e.type === 'messageAction').every((e) => e.type === 'messageAction' && !e.done && e.why === 'gone')).toBe(
      true,
    );
    expect(lines(added)[0]).toBe(`Message #${id} is no longer on the wire (it arrived or was dropped): nothing to drop`);
    sim.runUntil(3000);
    plain.sim.runUntil(3000);
    const strip = (t: readonly TraceEvent[]) =>
      t.filter((e) => e.type !== 'action' && e.type !== 'messageAction').map((e) => traceLine({ ...e, by: { kind: 'run' } }));
    expect(strip(trace)).toEqual(strip(plain.trace));
  });

  it('release of a message not held, and hold of one already held, change nothing and say why', () => {
    const { sim, trace, flight } = withHeartbeat();
    const id = flight.message.id;
    act(sim, { type: 'releaseMessage', message: id });
    expect(sim.flight(id)).toBe(flight);
    act(sim, { type: 'holdMessage', message: id });
    const held = sim.flight(id);
    act(sim, { type: 'holdMessage', message: id });
    expect(sim.flight(id)).toBe(held);
    const [notHeld, , already] = lines(trace);
    expect(notHeld).toMatch(/heartbeat to S\d is not held: nothing to release$/);
    expect(already).toMatch(/heartbeat to S\d is already held$/);
  });

  it('replays exactly: a held and released message in a scenario, through snapshots and a branch in the past', () => {
    const { sim, flight } = withHeartbeat();
    const t0 = sim.now;
    const id = flight.message.id;
    const settings = sim.settings;
    const actions: MessageAction[] = [
      { at: t0, type: 'holdMessage', message: id },
      { at: t0 + 400, type: 'duplicateMessage', message: id },
      { at: t0 + 700, type: 'releaseMessage', message: id },
    ];
    // Compared as data: an action clicked lists its fields in another order than a scripted one.
    const straight: unknown[] = [];
    const whole = new Timeline(
      { version: 1, settings, actions },
      { snapshotEvery: 100, onRecord: (e) => straight.push(JSON.parse(traceLine(e))) },
    );
    whole.advance(t0 + 2000);
    // The same run, clicked live on a timeline, with seeks back and forth through the hold.
    const clicked = new Timeline({ version: 1, settings, actions: [] }, { snapshotEvery: 100 });
    clicked.advance(t0 + 1500);
    clicked.seek(t0);
    clicked.act({ type: 'holdMessage', message: id });
    clicked.advance(t0 + 400);
    clicked.act({ type: 'duplicateMessage', message: id });
    clicked.advance(t0 + 550);
    clicked.seek(t0 + 250);
    clicked.seek(t0 + 700);
    clicked.act({ type: 'releaseMessage', message: id });
    clicked.advance(t0 + 2000);
    const replayed: unknown[] = [];
    for (let i = 0; i < clicked.log.length; i++) replayed.push(JSON.parse(traceLine(clicked.log.at(i)!)));
    expect(replayed).toEqual(straight);
    expect(clicked.scenario().actions).toEqual(actions);
  });
});
