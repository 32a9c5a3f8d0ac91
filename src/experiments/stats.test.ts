import { describe, expect, it } from 'vitest';
import { cdf, mean, median, percentile, quantileSorted, sorted } from './stats.ts';

describe('percentiles, by hand', () => {
  it('the median of an odd sample is its middle value, of an even one the mean of the two middle values', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([7])).toBe(7);
    expect(median([])).toBeNaN();
  });

  it('interpolates between ranks (type 7): p95 of 1..100 is 95.05, p0 the minimum, p100 the maximum', () => {
    const oneToHundred = Array.from({ length: 100 }, (_, i) => 100 - i); // unsorted on purpose
    expect(percentile(oneToHundred, 95)).toBeCloseTo(95.05, 10);
    expect(percentile(oneToHundred, 0)).toBe(1);
    expect(percentile(oneToHundred, 100)).toBe(100);
    expect(percentile([10, 20], 25)).toBe(12.5);
    expect(quantileSorted([1, 2, 3, 4, 5], 0.5)).toBe(3);
  });

  it('leaves its input alone', () => {
    const values = [3, 1, 2];
    percentile(values, 50);
    sorted(values);
    expect(values).toEqual([3, 1, 2]);
  });

  it('mean', () => {
    expect(mean([1, 2, 3, 4])).toBe(2.5);
    expect(mean([])).toBeNaN();
  });
});

describe('CDF points', () => {
  it('has one point per distinct value, at the share of trials at or below it', () => {
    expect(cdf([10, 10, 20, 40])).toEqual([
      { ms: 10, fraction: 0.5 },
      { ms: 20, fraction: 0.75 },
      { ms: 40, fraction: 1 },
    ]);
  });

  it('stops below 1 by the share of capped trials left out', () => {
    const points = cdf([100, 200], 4);
    expect(points[points.length - 1]).toEqual({ ms: 200, fraction: 0.5 });
    expect(cdf([], 0)).toEqual([]);
  });
});
