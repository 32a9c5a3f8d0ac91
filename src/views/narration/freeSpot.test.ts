import { describe, expect, it } from 'vitest';
import { freeSpot } from './freeSpot.ts';

describe('freeSpot: where a callout goes', () => {
  const bounds = { w: 400, h: 300 };
  const size = { w: 100, h: 40 };
  const server = { x: 150, y: 100, w: 100, h: 100 };

  it('never over a server, yet right beside it', () => {
    const spot = freeSpot({ x: 200, y: 150 }, size, [server], bounds)!;
    const clear = spot.x >= 250 || spot.x + spot.w <= 150 || spot.y >= 200 || spot.y + spot.h <= 100;
    expect(clear).toBe(true);
    // Within one search step of the server's edge.
    const gap = Math.min(Math.abs(spot.x - 250), Math.abs(spot.x + spot.w - 150), Math.abs(spot.y - 200), Math.abs(spot.y + spot.h - 100));
    expect(gap).toBeLessThanOrEqual(10);
  });

  it('stays where it was while that place is free, and moves when it is not', () => {
    const before = { x: 300, y: 10, w: 100, h: 40 };
    expect(freeSpot({ x: 200, y: 150 }, size, [server], bounds, before)).toBe(before);
    const moved = freeSpot({ x: 200, y: 150 }, size, [server, { x: 290, y: 0, w: 110, h: 60 }], bounds, before)!;
    expect(moved).not.toEqual(before);
  });

  it('is not drawn when there is no room', () => {
    expect(freeSpot({ x: 200, y: 150 }, size, [{ x: 0, y: 0, w: 400, h: 300 }], bounds)).toBeNull();
  });
});
