import { describe, expect, it } from 'vitest';
import { SCENARIO_VERSION } from '../sim/scenario.ts';
import { DEFAULT_SETTINGS } from '../sim/settings.ts';
import { SimDriver } from '../worker/driver.ts';
import type { FlightFrame, Frame } from '../worker/protocol.ts';
import { splitGroups } from './actions.ts';
import { EASE_REAL_MS, paceAt, QUIET_FACTOR, ROUTINE_FACTOR, type PaceMode } from './pace.ts';
import { simRate } from './speed.ts';

const base = simRate(1);
const flight = (kind: FlightFrame['kind'], deliverAt: number) => ({ kind, deliverAt });

describe('pace', () => {
  it('runs at the chosen speed while a vote or a write is on the wire, twice that for heartbeats alone', () => {
    expect(paceAt(10, [flight('voteRequest', 20)], 20, base, true)).toEqual({ mode: 'chosen', rate: base });
    expect(paceAt(10, [flight('heartbeat', 20), flight('appendOk', 25)], 20, base, true)).toEqual({ mode: 'chosen', rate: base });
    expect(paceAt(10, [flight('heartbeat', 20), flight('heartbeatReply', 25)], 20, base, true)).toEqual({
      mode: 'routine',
      rate: base * ROUTINE_FACTOR,
    });
  });

  it('fast-forwards while only timers drain, and is back at the chosen speed just before the next event', () => {
    // Delivered messages (deliverAt <= clock) are no longer on the wire.
    const far = paceAt(0, [flight('voteRequest', 0)], 250, base, true);
    expect(far).toEqual({ mode: 'fastForward', rate: base * QUIET_FACTOR });
    const nearer = paceAt(240, [], 250, base, true);
    expect(nearer.mode).toBe('fastForward');
    expect(nearer.rate).toBeCloseTo(10 / EASE_REAL_MS);
    expect(paceAt(249.5, [], 250, base, true)).toEqual({ mode: 'chosen', rate: base });
  });

  it('never changes pace when fast-forward is off', () => {
    expect(paceAt(0, [], 250, base, false)).toEqual({ mode: 'chosen', rate: base });
    expect(paceAt(0, [flight('heartbeat', 20)], 20, base, false)).toEqual({ mode: 'chosen', rate: base });
  });
});

/**
 * The page's playback loop in Node: a display frame every 1/60 s, the shown clock advanced by
 * the pace, a new worker frame whenever the clock reaches the previous frame's next event.
 * Returns the real ms shown, so the pace can be judged in the run's own terms, never by a clock.
 */
class Show {
  readonly driver = new SimDriver({ version: SCENARIO_VERSION, settings: DEFAULT_SETTINGS, actions: [] });
  clock = 0;
  real = 0;
  frame: Frame = this.driver.frame();
  readonly crossings = new Map<number, { kind: string; deliverAt: number; real: number }>();
  readonly modes = new Map<PaceMode, number>();
  /** The rate of the display frame in which each live event was reached. */
  readonly ratesAtEvents: { mode: PaceMode; rate: number }[] = [];

  tick(): void {
    const dt = 1000 / 60;
    const pace = paceAt(this.clock, this.frame.flights, this.frame.nextEventTime, base, true);
    this.modes.set(pace.mode, (this.modes.get(pace.mode) ?? 0) + dt);
    for (const f of this.frame.flights) {
      if (f.deliverAt <= this.clock) continue;
      const c = this.crossings.get(f.id) ?? { kind: f.kind, deliverAt: f.deliverAt, real: 0 };
      // The part of this display frame the message spends on the wire.
      const onWire = Math.min(1, (f.deliverAt - this.clock) / (pace.rate * dt));
      c.real += dt * onWire;
      this.crossings.set(f.id, c);
    }
    const next = this.clock + pace.rate * dt;
    this.real += dt;
    if (this.frame.nextEventTime !== null && next >= this.frame.nextEventTime) {
      this.ratesAtEvents.push(pace);
      this.driver.advanceTo(next);
      this.frame = this.driver.frame();
    }
    this.clock = next;
  }

  until(done: () => boolean, limitMs = 60_000): number {
    const start = this.real;
    while (!done() && this.real - start < limitMs) this.tick();
    return this.real - start;
  }
}

describe('pace on the default run', () => {
  it('shows the first leader within 3 s, and a split minority standing for election within 8 s of the click', () => {
    const show = new Show();
    const toLeader = show.until(() => show.frame.nodes.some((n) => n.role === 'leader'));
    expect(toLeader).toBeLessThan(3000);
    show.until(() => false, 2000);
    const leader = show.frame.nodes.find((n) => n.role === 'leader')!.id;
    const [majority, minority] = splitGroups(
      show.frame.nodes.map((n) => n.id),
      leader,
      'majority',
    );
    show.driver.advanceTo(show.clock);
    show.driver.act({ type: 'partition', groups: [majority, minority] });
    show.frame = show.driver.frame();
    const terms = new Map(show.frame.nodes.map((n) => [n.id, n.term]));
    const toCampaign = show.until(() => show.frame.nodes.some((n) => minority.includes(n.id) && n.term > terms.get(n.id)!));
    expect(toCampaign).toBeLessThan(8000);
    expect(show.frame.nodes.every((n) => n.role !== 'leader' || majority.includes(n.id))).toBe(true);
  });

  it('lets every message cross slowly enough to follow, and slows down before each event of a quiet stretch', () => {
    const show = new Show();
    show.until(() => false, 6000);
    show.driver.advanceTo(show.clock);
    show.driver.act({ type: 'write', key: 'x', value: '1' });
    show.frame = show.driver.frame();
    show.until(() => false, 4000);
    const done = [...show.crossings.values()].filter((c) => c.deliverAt < show.clock);
    expect(done.length).toBeGreaterThan(20);
    // The shortest latency (10 ms) crosses in at least 10 / (2 x base) = 250 ms; votes and writes in 500 ms.
    for (const c of done) expect(c.real).toBeGreaterThan(c.kind.startsWith('heartbeat') ? 240 : 480);
    expect(show.modes.get('fastForward') ?? 0).toBeGreaterThan(0);
    expect(show.ratesAtEvents.every((p) => p.rate <= base * ROUTINE_FACTOR)).toBe(true);
  });
});
