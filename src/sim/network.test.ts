import { describe, expect, it } from 'vitest';
import { cluster } from '../../test/support/sim.ts';
import type { TraceEvent } from './trace.ts';

// The simulated network's faults are what the agreement tests rely on: if "reorder" never
// reorders or "loss" never loses, those tests prove less than they claim.

function deliveries(trace: readonly TraceEvent[]): Map<string, number[]> {
  const byLink = new Map<string, number[]>();
  for (const e of trace) {
    if (e.type !== 'deliver') continue;
    const k = `${e.from}>${e.to}`;
    byLink.set(k, [...(byLink.get(k) ?? []), e.id]);
  }
  return byLink;
}

const outOfOrder = (ids: readonly number[]) => ids.some((id, i) => i > 0 && id < ids[i - 1]!);

describe('simulated network', () => {
  it('links are FIFO when reorder is off, even with a wide latency range', () => {
    const { sim, trace } = cluster({ nodes: 5, latency: [1, 80], reorder: false });
    sim.runUntil(5000);
    const links = deliveries(trace);
    expect(links.size).toBeGreaterThan(0);
    for (const [link, ids] of links) expect(outOfOrder(ids), link).toBe(false);
  });

  it('messages overtake each other on a link when reorder is on', () => {
    const { sim, trace } = cluster({ nodes: 5, latency: [1, 80], reorder: true });
    sim.runUntil(5000);
    expect([...deliveries(trace).values()].some(outOfOrder)).toBe(true);
  });

  it('loss drops about the configured share of messages, and duplication delivers copies', () => {
    const { sim, trace } = cluster({ nodes: 5, loss: 0.3, duplicate: 0.2, seed: 5 });
    sim.runUntil(20_000);
    const sends = trace.filter((e) => e.type === 'send');
    const lost = trace.filter((e) => e.type === 'drop' && e.reason === 'loss').length;
    expect(lost / sends.length).toBeGreaterThan(0.25);
    expect(lost / sends.length).toBeLessThan(0.35);
    // A duplicate is a second send of the same RPC object, with a new message id.
    const copies = sends.filter(
      (e, i) => i > 0 && e.type === 'send' && sends[i - 1]!.type === 'send' && (sends[i - 1] as { rpc: unknown }).rpc === e.rpc,
    );
    expect(copies.length / sends.length).toBeGreaterThan(0.1);
  });

  it('duplicate 1 delivers every message exactly twice, never more (the audit case: it used to overflow the stack)', () => {
    // {"settings":{"duplicate":1},"until":1000} from the issue, through the scenario path the CLI and links use.
    const { sim, trace } = cluster({ nodes: 5, duplicate: 1 });
    sim.runUntil(1000);
    const sends = trace.filter((e) => e.type === 'send');
    expect(sends.length).toBeGreaterThan(20);
    expect(sends.length % 2).toBe(0);
    // Sends come in pairs: the original and its one copy (same RPC object, the next id).
    for (let i = 0; i < sends.length; i += 2) {
      const [a, b] = [sends[i]!, sends[i + 1]!];
      expect(a.type === 'send' && b.type === 'send' && b.rpc === a.rpc && b.id === a.id + 1).toBe(true);
    }
    expect(sim.leader()).not.toBeNull();
  });

  it('loss 1 loses every message: nobody is ever elected', () => {
    const { sim, trace } = cluster({ nodes: 3, loss: 1 });
    sim.runUntil(5000);
    expect(trace.some((e) => e.type === 'deliver')).toBe(false);
    expect(trace.filter((e) => e.type === 'drop').every((e) => e.type === 'drop' && e.reason === 'loss')).toBe(true);
    expect(sim.leader()).toBeNull();
  });

  it('a partition drops every message between groups and none within a group', () => {
    const { sim, trace } = cluster({ nodes: 5 });
    sim.act({
      at: 0,
      type: 'partition',
      groups: [
        ['S1', 'S2'],
        ['S3', 'S4', 'S5'],
      ],
    });
    sim.runUntil(3000);
    const side = (id: string) => (['S1', 'S2'].includes(id) ? 0 : 1);
    for (const e of trace) {
      if (e.type === 'deliver') expect(side(e.from)).toBe(side(e.to));
      if (e.type === 'drop') expect(e.reason === 'partition' && side(e.from) !== side(e.to)).toBe(true);
    }
  });

  it('a one-way cut drops one direction only', () => {
    const { sim, trace } = cluster({ nodes: 3 });
    sim.act({ at: 0, type: 'cut', from: 'S1', to: 'S2', oneWay: true });
    sim.runUntil(3000);
    expect(trace.some((e) => e.type === 'deliver' && e.from === 'S1' && e.to === 'S2')).toBe(false);
    expect(trace.some((e) => e.type === 'deliver' && e.from === 'S2' && e.to === 'S1')).toBe(true);
  });

  it('a crashed server receives nothing and sends nothing until restarted', () => {
    const { sim, trace } = cluster({ nodes: 3 });
    sim.runUntil(1000);
    sim.act({ at: 1000, type: 'crash', node: 'S2' });
    sim.runUntil(3000);
    const during = trace.filter((e) => e.t > 1000 && e.t <= 3000);
    expect(during.some((e) => e.type === 'send' && e.from === 'S2')).toBe(false);
    expect(during.some((e) => e.type === 'deliver' && e.to === 'S2')).toBe(false);
    sim.act({ at: 3000, type: 'restart', node: 'S2' });
    sim.runUntil(4000);
    expect(trace.some((e) => e.t > 3000 && e.type === 'deliver' && e.to === 'S2')).toBe(true);
  });
});
