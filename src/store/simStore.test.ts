import { describe, expect, it } from 'vitest';
import { SCENARIO_VERSION } from '../sim/scenario.ts';
import { DEFAULT_SETTINGS } from '../sim/settings.ts';
import { SimDriver } from '../worker/driver.ts';
import { splitGroups } from './actions.ts';
import { applyFrame, resetRun, useSim } from './simStore.ts';

describe('applyFrame', () => {
  it('folds worker frames into the store, keeping unchanged nodes and rebuilding logs', () => {
    resetRun(DEFAULT_SETTINGS);
    const d = new SimDriver({ version: SCENARIO_VERSION, settings: DEFAULT_SETTINGS, actions: [] });
    d.advanceTo(1000);
    applyFrame(d.frame());
    const before = useSim.getState().nodes;
    expect(before).toHaveLength(5);
    expect(useSim.getState().feed[0]?.text).toMatch(/won the election/);
    d.advanceTo(1001);
    applyFrame(d.frame());
    // Nothing a person can see changed in 1 ms of heartbeats: same objects, no re-render.
    expect(useSim.getState().nodes).toBe(before);
    d.act({ type: 'write', key: 'x', value: '1' });
    d.advanceTo(1500);
    applyFrame(d.frame());
    const logs = useSim.getState().logs;
    for (const n of d.simulation.nodeStates) expect(logs[n.id]).toEqual(n.log);
    expect(useSim.getState().nodes.every((n) => n.commitIndex === 1)).toBe(true);
  });
});

describe('splitGroups', () => {
  const ids = ['S1', 'S2', 'S3', 'S4', 'S5'];
  it('puts the leader in the majority with its ring neighbours', () => {
    expect(splitGroups(ids, 'S4', 'majority')).toEqual([
      ['S4', 'S5', 'S1'],
      ['S2', 'S3'],
    ]);
  });
  it('puts the leader in the minority when asked', () => {
    const [majority, minority] = splitGroups(ids, 'S4', 'minority');
    expect(minority).toContain('S4');
    expect(minority).toHaveLength(2);
    expect(majority).toHaveLength(3);
  });
  it('splits 4/3 for seven servers without a leader', () => {
    const seven = [...ids, 'S6', 'S7'];
    expect(splitGroups(seven, null, 'minority').map((g) => g.length)).toEqual([4, 3]);
  });
});
