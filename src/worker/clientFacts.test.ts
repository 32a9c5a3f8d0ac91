import { describe, expect, it } from 'vitest';
import { MAX_WRITES_SHOWN } from '../sim/clientHistory.ts';
import { cluster, runUntilLeader } from '../../test/support/sim.ts';
import { ClientFacts } from './clientFacts.ts';

describe('the client history the page is sent', () => {
  it('is sent when a write changes, not otherwise, and going back in time sends what was true then', () => {
    const { sim, trace } = cluster({ nodes: 3, seed: 2 });
    runUntilLeader(sim, 5000);
    const before = trace.length;
    for (let k = 0; k < MAX_WRITES_SHOWN + 2; k++) sim.act({ at: sim.now + k * 50, type: 'write', key: 'k', value: `v${k}` });
    sim.runUntil(sim.now + 2000);
    const facts = new ClientFacts();
    expect(facts.advance(trace, before)).toEqual({ facts: null });
    expect(facts.advance(trace, before)).toBeNull();
    const all = facts.advance(trace, trace.length)!.facts!;
    expect(all.writes).toHaveLength(MAX_WRITES_SHOWN);
    expect(all.writesSkipped).toBe(2);
    expect(all.writes.at(-1)!.value).toBe(`v${MAX_WRITES_SHOWN + 1}`);
    expect(all.counts).toEqual({ acknowledged: MAX_WRITES_SHOWN + 2, unacknowledged: 0, refused: 0, lost: 0 });
    expect(all.check).toEqual({ kind: 'linearizable', culprits: [], problem: null });
    expect(facts.advance(trace, trace.length)).toBeNull();
    // Back to just after the first write was sent: it has no answer yet.
    const firstSent = trace.findIndex((e) => e.type === 'clientWrite') + 1;
    expect(facts.advance(trace, firstSent)!.facts!.writes.map((w) => [w.value, w.outcome])).toEqual([['v0', 'unacknowledged']]);
  });
});
