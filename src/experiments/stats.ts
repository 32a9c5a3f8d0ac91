// Summary statistics on plain number arrays. Percentiles interpolate linearly between the two
// nearest ranks (Hyndman and Fan's type 7, the default of R, NumPy and d3.quantile), so the
// median of an even-sized sample is the mean of its two middle values.

/** Ascending copy; the input is left alone. */
export function sorted(values: readonly number[]): number[] {
  return values.slice().sort((a, b) => a - b);
}

/** The p-th quantile (p in [0, 1]) of an ascending array; NaN for an empty one. */
export function quantileSorted(ascending: ArrayLike<number>, p: number): number {
  const n = ascending.length;
  if (n === 0) return NaN;
  if (p <= 0) return ascending[0]!;
  if (p >= 1) return ascending[n - 1]!;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const a = ascending[lo]!;
  const b = ascending[Math.min(lo + 1, n - 1)]!;
  return a + (b - a) * (h - lo);
}

export function percentile(values: readonly number[], pct: number): number {
  return quantileSorted(sorted(values), pct / 100);
}

export function median(values: readonly number[]): number {
  return percentile(values, 50);
}

export function mean(values: ArrayLike<number>): number {
  if (values.length === 0) return NaN;
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i]!;
  return sum / values.length;
}

/** One step of an empirical CDF: the fraction of all trials that took at most `ms`. */
export interface CdfPoint {
  readonly ms: number;
  readonly fraction: number;
}

/**
 * The empirical CDF, one point per distinct value, for a step plot on a log-scale x axis.
 * `total` may exceed the sample size: trials cut off by the cap count in the denominator but
 * have no point, so the curve stops below 1 by exactly the capped share, as it should.
 */
export function cdf(ascending: ArrayLike<number>, total = ascending.length): CdfPoint[] {
  const points: CdfPoint[] = [];
  if (total === 0) return points;
  for (let i = 0; i < ascending.length; i++) {
    const v = ascending[i]!;
    if (i + 1 < ascending.length && ascending[i + 1] === v) continue;
    points.push({ ms: v, fraction: (i + 1) / total });
  }
  return points;
}
