import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { EngineEvent } from '../engine/events.ts';
import { StaleReadJudge } from './staleReads.ts';

const write = (writeId: number, value: string, key = 'x'): EngineEvent => ({
  type: 'clientWrite',
  node: 'S1',
  writeId,
  key,
  value,
  accepted: true,
  index: writeId,
  term: 1,
  leaderHint: null,
  handingTo: null,
});
const ack = (writeId: number): EngineEvent => ({ type: 'clientAck', node: 'S1', writeId, index: writeId, term: 1 });
const read = (readId: number, key = 'x'): EngineEvent => ({
  type: 'clientRead',
  node: 'S1',
  readId,
  key,
  accepted: true,
  via: 'anyServer',
  term: 1,
  leaderHint: null,
});
const answer = (readId: number, value: string | null, key = 'x'): EngineEvent => ({
  type: 'readAnswer',
  node: 'S1',
  readId,
  key,
  value,
  index: 0,
  term: 1,
  via: 'anyServer',
});

describe('the stale-read judge', () => {
  it('after a thousand acknowledged writes still calls a read of an old value stale, and the newest one fine', () => {
    const judge = new StaleReadJudge();
    let t = 0;
    for (let i = 1; i <= 1000; i++) {
      judge.see(write(i, `v${i}`), t++);
      judge.see(ack(i), t++);
    }
    judge.see(read(5000), t++);
    expect(judge.see(answer(5000, 'v3'), t++)).toMatchObject({ readId: 5000, value: 'v3', newerWriteId: 1000, newerValue: 'v1000' });
    judge.see(read(5001), t++);
    expect(judge.see(answer(5001, 'v1000'), t)).toBeNull();
  });

  it('a read that began before newer writes were acknowledged is judged by what was acknowledged when it began', () => {
    const judge = new StaleReadJudge();
    judge.see(write(1, 'a'), 0);
    judge.see(ack(1), 1);
    judge.see(read(10), 2); // began: only "a" acknowledged
    judge.see(write(2, 'b'), 3);
    judge.see(ack(2), 4);
    judge.see(write(3, 'c'), 5);
    judge.see(ack(3), 6);
    // Answered late with "a": it began before "b" was acknowledged, so "a" is a possible answer.
    expect(judge.see(answer(10, 'a'), 7)).toBeNull();
  });

  // The judge forgets writes no read can need; what it says must be what it would say keeping them
  // all. The reference below is the same judgement over every write ever seen.
  it('forgetting old writes never changes a verdict (against a judge that keeps every write)', () => {
    type Op =
      | { kind: 'write'; key: string; value: string }
      | { kind: 'ack' }
      | { kind: 'read'; key: string }
      | { kind: 'answer'; value: string | null };
    const op: fc.Arbitrary<Op> = fc.oneof(
      fc.record({ kind: fc.constant('write' as const), key: fc.constantFrom('x', 'y'), value: fc.constantFrom('1', '2', '3') }),
      fc.record({ kind: fc.constant('ack' as const) }),
      fc.record({ kind: fc.constant('read' as const), key: fc.constantFrom('x', 'y') }),
      fc.record({ kind: fc.constant('answer' as const), value: fc.constantFrom('1', '2', '3', null) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), fc.array(fc.nat(), { maxLength: 60 }), (ops, picks) => {
        const judge = new StaleReadJudge();
        const all: { writeId: number; key: string; value: string; call: number; ret: number }[] = [];
        const pendingWrites: number[] = [];
        const pendingReads: { readId: number; key: string; call: number }[] = [];
        let id = 0;
        ops.forEach((o, t) => {
          const pick = picks[t] ?? 0;
          if (o.kind === 'write') {
            id++;
            all.push({ writeId: id, key: o.key, value: o.value, call: t, ret: Infinity });
            pendingWrites.push(id);
            judge.see(write(id, o.value, o.key), t);
          } else if (o.kind === 'ack' && pendingWrites.length > 0) {
            const [w] = pendingWrites.splice(pick % pendingWrites.length, 1);
            all.find((x) => x.writeId === w)!.ret = t;
            judge.see(ack(w!), t);
          } else if (o.kind === 'read') {
            id++;
            pendingReads.push({ readId: id, key: o.key, call: t });
            judge.see(read(id, o.key), t);
          } else if (o.kind === 'answer' && pendingReads.length > 0) {
            const [r] = pendingReads.splice(pick % pendingReads.length, 1);
            const list = all.filter((w) => w.key === r!.key);
            let newer: (typeof list)[number] | null = null;
            for (const w of list) if (w.ret < r!.call && (newer === null || w.call > newer.call)) newer = w;
            const stale = newer !== null && !(o.value !== null && list.some((w) => w.value === o.value && !(w.ret < newer!.call)));
            const got = judge.see(answer(r!.readId, o.value, r!.key), t);
            expect(got !== null).toBe(stale);
            if (got && newer) expect(got.newerWriteId).toBe(newer.writeId);
          }
        });
      }),
      { numRuns: 500 },
    );
  });
});
