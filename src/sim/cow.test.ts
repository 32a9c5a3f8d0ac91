import { describe, expect, it } from 'vitest';
import { CowArray } from './cow.ts';

describe('a copy-on-write array', () => {
  it('keeps each copy as it was when copied, whatever is written to the others', () => {
    const a = new CowArray<number>();
    const plain: number[] = [];
    const copies: { cow: CowArray<number>; expected: number[] }[] = [];
    for (let i = 0; i < 5000; i++) {
      a.push(i * 3);
      plain.push(i * 3);
      if (i % 701 === 700) {
        a.truncate(a.length - 40);
        plain.length -= 40;
      }
      if (i % 97 === 0) copies.push({ cow: a.clone(), expected: plain.slice() });
      if (i % 13 === 0) {
        a.set(Math.floor(i / 2), -i);
        plain[Math.floor(i / 2)] = -i;
      }
    }
    const read = (c: CowArray<number>): (number | undefined)[] => Array.from({ length: c.length }, (_, i) => c.get(i));
    expect(read(a)).toEqual(plain);
    for (const { cow, expected } of copies) expect(read(cow)).toEqual(expected);
  });

  it('shows no stale value past a truncation when it grows again with a gap', () => {
    const a = new CowArray<string>();
    for (let i = 0; i < 100; i++) a.push(`v${i}`);
    a.truncate(10);
    a.set(50, 'x');
    expect(a.get(20)).toBeUndefined();
    expect(a.get(9)).toBe('v9');
    expect(a.length).toBe(51);
  });
});
