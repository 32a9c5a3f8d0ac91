import { describe, expect, it } from 'vitest';
import { expectedFirstTimeout, nearTieProbability, predict } from './model.ts';

describe("the paper's simple model", () => {
  it('puts the first of s timeouts at 1/(s+1) of the range', () => {
    expect(expectedFirstTimeout([150, 300], 4)).toBe(180);
    expect(expectedFirstTimeout([150, 300], 2)).toBe(200);
    expect(expectedFirstTimeout([150, 150], 4)).toBe(150);
  });

  it('makes a near-tie certain with no randomness and rare with a wide range', () => {
    expect(nearTieProbability([150, 150], 4, 7.5)).toBe(1);
    expect(nearTieProbability([150, 155], 4, 7.5)).toBe(1);
    // 1 - (1 - 7.5/150)^4
    expect(nearTieProbability([150, 300], 4, 7.5)).toBeCloseTo(1 - 0.95 ** 4, 12);
    expect(nearTieProbability([150, 300], 1, 7.5)).toBe(0);
  });

  it('matches a Monte Carlo estimate of a near-tie', () => {
    // A fixed LCG: the test is deterministic.
    let x = 12345;
    const rand = (): number => (x = (Math.imul(x, 1103515245) + 12345) >>> 0) / 2 ** 32;
    let ties = 0;
    const runs = 20000;
    for (let i = 0; i < runs; i++) {
      const draws = [rand(), rand(), rand(), rand()].map((u) => u * 150).sort((a, b) => a - b);
      if (draws[1]! - draws[0]! <= 7.5) ties++;
    }
    expect(ties / runs).toBeCloseTo(nearTieProbability([150, 300], 4, 7.5), 1);
  });

  it('predicts downtime as the first eligible timeout, less half a heartbeat, plus four delays', () => {
    const p = predict({ range: [150, 300], servers: 4, eligible: 2, delayMs: 7.5, heartbeatMs: 75 });
    expect(p.firstEligibleTimeoutMs).toBe(200);
    expect(p.downtimeMs).toBe(200 - 37.5 + 30);
  });
});
