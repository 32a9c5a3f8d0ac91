import { describe, expect, it } from 'vitest';
import { momentAfter, nextSlot } from './clipSchedule.ts';

const FRAME = 1000 / 30;

describe('clip schedule', () => {
  it('takes pictures one frame apart while drawing keeps up', () => {
    expect(nextSlot(0, 10, FRAME)).toBeCloseTo(FRAME);
    expect(nextSlot(FRAME, FRAME + 5, FRAME)).toBeCloseTo(2 * FRAME);
  });

  it('skips slots when a picture takes longer to draw, staying on the grid of real time', () => {
    // Ready 50 ms after a picture at one frame: the next free slot is the third.
    expect(nextSlot(FRAME, FRAME + 50, FRAME)).toBeCloseTo(3 * FRAME);
    expect(nextSlot(0, 100, FRAME)).toBeCloseTo(100);
  });

  const calm = { flights: [], nextEvent: Infinity, rate: 1, fastForward: false };

  it('at the chosen pace, a moment is the real time elapsed times the rate, never past the end', () => {
    expect(momentAfter(500, 100, calm, 2500)).toBe(600);
    expect(momentAfter(500, 100, { ...calm, rate: 0.02 }, 2500)).toBeCloseTo(502);
    expect(momentAfter(2450, 100, calm, 2500)).toBe(2500);
  });

  it('skipping quiet moments runs faster but never jumps over the next event; near it, the chosen pace', () => {
    const quiet = { flights: [], nextEvent: 10_000, rate: 1, fastForward: true };
    expect(momentAfter(500, 100, quiet, 20_000)).toBeGreaterThan(600);
    const near = momentAfter(9_000, 200, quiet, 20_000);
    expect(near).toBeGreaterThan(9_200);
    expect(near).toBeLessThanOrEqual(10_000);
    expect(momentAfter(9_990, 100, quiet, 20_000)).toBe(10_090);
  });
});
