import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type TimeoutRange } from './config.ts';
import { runExperiment } from './runner.ts';

// Figure 16 of the Raft paper, with the experiment's default setup (five servers, 2-3 ms network,
// a 4 ms disk write where persistent state changes, heartbeat half the minimum timeout, the leader
// crashed uniformly within its heartbeat interval, two of four survivors eligible). The paper's
// medians are read off the figure; 287 ms (150-155) and 35 ms (12-24, a mean) are in its text.
// 400 trials a range keep this under a few seconds; a median of 400 draws is within a few per cent.

const PAPER: readonly [TimeoutRange, 'medianMs' | 'meanMs', number, number][] = [
  [[150, 155], 'medianMs', 287, 0.25],
  [[150, 175], 'medianMs', 141, 0.15],
  [[25, 50], 'medianMs', 43, 0.15],
  [[50, 100], 'medianMs', 67, 0.15],
  [[100, 200], 'medianMs', 120, 0.15],
  [[12, 24], 'meanMs', 35, 0.15],
];

describe("Figure 16 with the experiment's default setup", () => {
  it('reproduces the paper: each figure within its tolerance (15%, or 25% for 150-155)', () => {
    const { result } = runExperiment({ ...DEFAULT_CONFIG, trials: 400, ranges: PAPER.map(([range]) => range) });
    const off = result.ranges.map((r, i) => {
      const [, statistic, paper, tolerance] = PAPER[i]!;
      return { range: r.label, ours: r[statistic], paper, ratio: r[statistic] / paper, tolerance };
    });
    for (const o of off) expect(Math.abs(o.ratio - 1), JSON.stringify(o)).toBeLessThanOrEqual(o.tolerance);
  });

  it('150-150: no leader within 10 s in any trial, as the paper found', () => {
    const { result } = runExperiment({ ...DEFAULT_CONFIG, trials: 100, ranges: [[150, 150]], capMs: 10_000 });
    expect(result.ranges[0]!.capped).toBe(100);
  });

  it('states the setup it ran with, the broadcast time measured', () => {
    const { result } = runExperiment({ ...DEFAULT_CONFIG, trials: 20, ranges: [[150, 300]] });
    const text = result.setup.join('\n');
    expect(text).toMatch(/Five servers/);
    expect(text).toMatch(/Network 2-3 ms one way; a 4 ms disk write/);
    expect(text).toMatch(/about 9 ms, measured (8|9|10)\.\d ms/);
    expect(text).toMatch(/half the minimum election timeout/);
    expect(text).toMatch(/uniformly random moment within its heartbeat interval/);
    expect(text).toMatch(/only two of the four survivors can win/);
  });
});
