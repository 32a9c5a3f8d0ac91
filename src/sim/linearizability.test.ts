import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkLinearizable, type RegisterOp } from './linearizability.ts';

const w = (id: number, value: string, call: number, ret: number | null, key = 'x'): RegisterOp => ({
  id,
  kind: 'write',
  key,
  value,
  call,
  ret,
});
const r = (id: number, value: string | null, call: number, ret: number | null, key = 'x'): RegisterOp => ({
  id,
  kind: 'read',
  key,
  value,
  call,
  ret,
});

describe('the linearizability checker on textbook histories', () => {
  it('accepts a read of the value a completed write wrote', () => {
    expect(checkLinearizable([w(1, 'a', 0, 10), r(2, 'a', 20, 30)]).kind).toBe('linearizable');
  });

  it('flags a stale read after a completed write, naming the read', () => {
    const result = checkLinearizable([w(1, 'a', 0, 10), w(2, 'b', 20, 30), r(3, 'a', 40, 50)]);
    expect(result.kind).toBe('notLinearizable');
    expect(result.culprits).toEqual([3]);
  });

  it('flags a read of the initial value after a completed write', () => {
    const result = checkLinearizable([w(1, 'a', 0, 10), r(2, null, 11, 12)]);
    expect(result.kind).toBe('notLinearizable');
    expect(result.culprits).toEqual([2]);
  });

  it('accepts a read concurrent with a write seeing either the old or the new value', () => {
    expect(checkLinearizable([w(1, 'a', 0, 5), w(2, 'b', 10, 30), r(3, 'a', 12, 20)]).kind).toBe('linearizable');
    expect(checkLinearizable([w(1, 'a', 0, 5), w(2, 'b', 10, 30), r(3, 'b', 12, 20)]).kind).toBe('linearizable');
  });

  it('accepts concurrent writes read in either order, as long as the readers agree on one order', () => {
    const writes = [w(1, 'a', 0, 20), w(2, 'b', 0, 20)];
    expect(checkLinearizable([...writes, r(3, 'a', 30, 40)]).kind).toBe('linearizable');
    expect(checkLinearizable([...writes, r(3, 'b', 30, 40)]).kind).toBe('linearizable');
    // Once one reader saw b after a, a later reader cannot see a again: there is one order.
    const flipped = checkLinearizable([...writes, r(3, 'a', 5, 10), r(4, 'b', 21, 25), r(5, 'a', 30, 40)]);
    expect(flipped.kind).toBe('notLinearizable');
    expect(flipped.culprits).toEqual([5]);
  });

  it('treats an unacknowledged write as taking effect at any time after its call, or never', () => {
    const lost = w(1, 'a', 0, null);
    expect(checkLinearizable([lost, r(2, null, 10, 20)]).kind).toBe('linearizable');
    expect(checkLinearizable([lost, r(2, 'a', 10, 20)]).kind).toBe('linearizable');
    expect(checkLinearizable([lost, r(2, 'a', 1000, 1001), r(3, null, 2000, 2001)]).kind).toBe('notLinearizable');
    // It cannot take effect before it was called.
    const early = checkLinearizable([r(2, 'a', 0, 5), w(1, 'a', 10, null)]);
    expect(early.kind).toBe('notLinearizable');
    expect(early.culprits).toEqual([2]);
  });

  it('flags a read of a value never written', () => {
    const result = checkLinearizable([w(1, 'a', 0, 10), r(2, 'z', 5, 15)]);
    expect(result.kind).toBe('notLinearizable');
    expect(result.culprits).toEqual([2]);
  });

  it('checks each key on its own', () => {
    const result = checkLinearizable([w(1, 'a', 0, 10, 'x'), r(2, null, 20, 30, 'y'), r(3, 'a', 20, 30, 'x'), r(4, 'q', 40, 50, 'y')]);
    expect(result.keys.map((k) => [k.key, k.kind])).toEqual([
      ['x', 'linearizable'],
      ['y', 'notLinearizable'],
    ]);
    expect(result.culprits).toEqual([4]);
  });

  it('ignores a read that never returned', () => {
    expect(checkLinearizable([w(1, 'a', 0, 10), r(2, 'never seen', 20, null)]).kind).toBe('linearizable');
  });

  it('refuses a history whose times make no sense, with a message', () => {
    expect(checkLinearizable([w(1, 'a', 10, 5)])).toMatchObject({ kind: 'invalid', problem: 'operation 1 returns before it is called' });
    expect(checkLinearizable([w(1, 'a', Number.NaN, 5)]).kind).toBe('invalid');
    expect(checkLinearizable([w(1, 'a', 0, 5), r(1, 'a', 6, 7)]).kind).toBe('invalid');
  });

  it('stops with "too long to check" on a history beyond its cap, and finishes a long sequential one', () => {
    // Forty writes all concurrent and never acknowledged, and a read of a value none wrote:
    // the search would try every subset; the cap ends it.
    const hostile: RegisterOp[] = Array.from({ length: 40 }, (_, i) => w(i, `v${i}`, 0, null));
    hostile.push(r(100, 'none', 1, 2));
    for (let i = 0; i < 30; i++) hostile.push(r(200 + i, `v${i}`, 3 + i, 3 + i + 0.5));
    const result = checkLinearizable(hostile, 20_000);
    expect(['tooLong', 'notLinearizable']).toContain(result.kind);
    expect(result.work).toBeLessThanOrEqual(20_000);
    const capped = checkLinearizable(
      Array.from({ length: 30 }, (_, i) => w(i, `v${i}`, 0, 100)).concat(
        Array.from({ length: 30 }, (_, i) => r(100 + i, `v${29 - i}`, 0, 100)),
      ),
      500,
    );
    expect(capped.kind).toBe('tooLong');
    const long = Array.from({ length: 3000 }, (_, i) =>
      i % 2 === 0 ? w(i, `v${i}`, i * 10, i * 10 + 5) : r(i, `v${i - 1}`, i * 10, i * 10 + 5),
    );
    expect(checkLinearizable(long).kind).toBe('linearizable');
  });
});

/** A history of an atomic register: each operation takes effect at its own instant, inside its interval. */
const atomicHistory = fc
  .array(
    fc.record({
      write: fc.boolean(),
      key: fc.constantFrom('x', 'y'),
      before: fc.nat(40),
      after: fc.nat(40),
      acknowledged: fc.integer({ min: 0, max: 5 }),
    }),
    { minLength: 1, maxLength: 24 },
  )
  .map((specs) => {
    const values = new Map<string, string>();
    return specs.map((s, i): RegisterOp => {
      const at = 10 * i + 5;
      const call = at - s.before;
      const ret = at + s.after;
      if (s.write) {
        const value = `v${i}`;
        values.set(s.key, value);
        return { id: i, kind: 'write', key: s.key, value, call, ret: s.acknowledged === 0 ? null : ret };
      }
      return { id: i, kind: 'read', key: s.key, value: values.get(s.key) ?? null, call, ret };
    });
  });

describe('the linearizability checker against an atomic register', () => {
  it('accepts every history an atomic register produces, with overlapping intervals', () => {
    fc.assert(fc.property(atomicHistory, (ops) => checkLinearizable(ops).kind === 'linearizable'));
  });

  it('flags a read changed to a value no write wrote', () => {
    fc.assert(
      fc.property(atomicHistory, fc.nat(), (ops, pick) => {
        const reads = ops.filter((op) => op.kind === 'read');
        fc.pre(reads.length > 0);
        const target = reads[pick % reads.length];
        if (target === undefined) return true;
        const changed = ops.map((op): RegisterOp => (op.id === target.id ? r(op.id, 'never written', op.call, op.ret, op.key) : op));
        const result = checkLinearizable(changed);
        return result.kind === 'notLinearizable' && result.culprits.includes(target.id);
      }),
    );
  });

  it('flags a read changed to the initial value after a write had completed', () => {
    fc.assert(
      fc.property(atomicHistory, (ops) => {
        const target = ops.find(
          (op) => op.kind === 'read' && ops.some((o) => o.kind === 'write' && o.key === op.key && o.ret !== null && o.ret < op.call),
        );
        if (target === undefined) return true;
        const changed = ops.map((op): RegisterOp => (op.id === target.id ? r(op.id, null, op.call, op.ret, op.key) : op));
        const result = checkLinearizable(changed);
        return result.kind === 'notLinearizable' && result.culprits.length === 1;
      }),
    );
  });
});
