import { describe, expect, it } from 'vitest';
import { BROKEN_RULE_NAMES } from '../../sim/settings.ts';
import { Simulation } from '../../sim/simulation.ts';
import { BROKEN_DEMOS } from './index.ts';
import { roleOf } from '../../engine/node.ts';

describe('what if Raft were broken', () => {
  it('has a demonstration for every rule that can be broken', () => {
    expect(BROKEN_DEMOS.map((d) => d.rule).sort()).toEqual([...BROKEN_RULE_NAMES].sort());
  });

  for (const demo of BROKEN_DEMOS) {
    it(`without "${demo.rule}", ${demo.breaks} is broken and the live check names it`, () => {
      const sim = Simulation.fromScenario(demo.scenario);
      sim.runUntil(demo.scenario.until ?? 3000);
      expect(demo.scenario.settings.broken).toEqual([demo.rule]);
      expect(sim.violations.map((v) => v.property)).toContain(demo.breaks);
    });

    it(`the same script with the rule kept breaks nothing (${demo.rule})`, () => {
      const sim = Simulation.fromScenario({ ...demo.scenario, settings: { ...demo.scenario.settings, broken: [] } });
      sim.runUntil(demo.scenario.until ?? 3000);
      expect(sim.violations).toEqual([]);
    });
  }

  it('Figure 8 with the rule kept: the old-term entry on a majority is not committed by counting', () => {
    const demo = BROKEN_DEMOS.find((d) => d.rule === 'commitOldTermByCount')!;
    const sim = Simulation.fromScenario({ ...demo.scenario, settings: { ...demo.scenario.settings, broken: [] } });
    sim.runUntil(2150); // S1 leads term 3 and has copied its term-1 entry at index 2 to S2, S3 and S4
    const s1 = sim.nodeStates.find((n) => n.id === 'S1')!;
    expect(roleOf(s1)).toBe('leader');
    expect(s1.currentTerm).toBe(3);
    const holders = sim.nodeStates.filter((n) => n.log[1]?.term === 1).length;
    expect(holders).toBeGreaterThanOrEqual(3);
    // Restarted, S1 relearns commits only through its own term: index 2 stays uncommitted.
    expect(s1.commitIndex).toBeLessThan(2);
  });
});
