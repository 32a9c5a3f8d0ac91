import { describe, expect, it } from 'vitest';
import { splitGroups } from './actions.ts';

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
