import { describe, expect, it } from 'vitest';
import { SCENARIO_VERSION } from '../sim/scenario.ts';
import { DEFAULT_SETTINGS } from '../sim/settings.ts';
import { SimDriver } from './driver.ts';
import { islandsOf, reachOf } from './reach.ts';

const five = ['S1', 'S2', 'S3', 'S4', 'S5'];
const cutBetween = (a: readonly string[], b: readonly string[]) => a.flatMap((x) => b.flatMap((y) => [[x, y] as const, [y, x] as const]));

describe('who can still gather a majority', () => {
  it('a 3/2 split: the three can elect, the two cannot, and a leader among the two can no longer commit', () => {
    const servers = five.map((id) => ({ id, alive: true, leader: id === 'S1' }));
    const reach = reachOf(servers, cutBetween(['S1', 'S2'], ['S3', 'S4', 'S5']));
    expect(reach.needed).toBe(3);
    expect(reach.islands).toEqual([
      { members: ['S3', 'S4', 'S5'], canElect: true },
      { members: ['S1', 'S2'], canElect: false },
    ]);
    expect(reach.cutOff).toEqual(['S1']);
  });

  it('a leader on the bigger side is cut off too once crashes leave it fewer live servers than a majority', () => {
    const servers = five.map((id) => ({ id, alive: id !== 'S4' && id !== 'S5', leader: id === 'S3' }));
    expect(reachOf(servers, cutBetween(['S1', 'S2'], ['S3', 'S4', 'S5'])).cutOff).toEqual(['S3']);
  });

  it('one cut link leaves the cluster whole; with nothing cut no leader is cut off, however many crashed', () => {
    expect(islandsOf(five, [['S1', 'S2']])).toEqual([five]);
    const servers = five.map((id) => ({ id, alive: id === 'S1', leader: id === 'S1' }));
    expect(reachOf(servers, []).cutOff).toEqual([]);
  });

  it('the worker sends it when it changes, and only then', () => {
    const driver = new SimDriver({
      version: SCENARIO_VERSION,
      settings: DEFAULT_SETTINGS,
      actions: [
        {
          at: 1000,
          type: 'partition',
          groups: [
            ['S1', 'S2', 'S3'],
            ['S4', 'S5'],
          ],
        },
      ],
    });
    driver.seek(500);
    expect(driver.frame().reach!.islands).toHaveLength(1);
    driver.advanceTo(600);
    expect(driver.frame().reach).toBeNull();
    driver.advanceTo(1100);
    expect(driver.frame().reach!.islands.map((i) => [i.members, i.canElect])).toEqual([
      [['S1', 'S2', 'S3'], true],
      [['S4', 'S5'], false],
    ]);
  });
});
