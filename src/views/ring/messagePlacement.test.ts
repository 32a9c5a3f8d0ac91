import { describe, expect, it } from 'vitest';
import type { FlightFrame } from '../../worker/protocol.ts';
import { deathPoint, placeMessage } from './messagePlacement.ts';

const flight = (over: Partial<FlightFrame> = {}): FlightFrame => ({
  id: 1,
  from: 'S1',
  to: 'S2',
  kind: 'heartbeat',
  term: 1,
  sentAt: 100,
  deliverAt: 120,
  lost: false,
  entries: 0,
  held: false,
  leg: null,
  ...over,
});
const a = { x: 0, y: 0 };
const b = { x: 400, y: 0 };

describe('placeMessage', () => {
  it('moves from sender to receiver as simulated time goes from sentAt to deliverAt', () => {
    const start = placeMessage(flight(), 100, a, b, false, null, false)!;
    const mid = placeMessage(flight(), 110, a, b, false, null, false)!;
    expect(start.x).toBeLessThan(mid.x);
    expect(mid.x).toBeCloseTo(200);
    expect(placeMessage(flight(), 120, a, b, false, null, false)).toBeNull();
  });

  it('stops a message on a cut link at the partition gap and fades it there', () => {
    const before = placeMessage(flight(), 105, a, b, true, 300, false)!;
    expect(before.dead).toBe(false);
    const after = placeMessage(flight(), 118, a, b, true, 300, false)!;
    expect(after.dead).toBe(true);
    expect(after.x).toBeCloseTo(300, 0);
    expect(after.opacity).toBeLessThan(1);
    expect(deathPoint(0, 400, null)).toBe(0.5);
  });

  it('fades a lost message over the last part of its way', () => {
    expect(placeMessage(flight({ lost: true }), 105, a, b, false, null, false)!.opacity).toBe(1);
    expect(placeMessage(flight({ lost: true }), 118, a, b, false, null, false)!.opacity).toBeLessThan(0.5);
  });

  it('with reduced motion, shows the message standing halfway', () => {
    expect(placeMessage(flight(), 101, a, b, false, null, true)!.x).toBeCloseTo(200);
    expect(placeMessage(flight(), 119, a, b, false, null, true)!.x).toBeCloseTo(200);
  });
});
