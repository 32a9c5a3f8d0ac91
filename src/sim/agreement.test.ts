import { describe, expect, it } from 'vitest';
import {
  acked,
  clientEntries,
  cluster,
  committed,
  expectCommittedPrefixesAgree,
  node,
  runUntilLeader,
  writes,
} from '../../test/support/sim.ts';
import type { NodeId } from '../engine/types.ts';
import type { Simulation } from './simulation.ts';
import { roleOf } from '../engine/node.ts';

// Log agreement in the spirit of the MIT 6.824 lab tests (2B/2C): commits need a majority,
// a stale leader's uncommitted entries are overwritten, lagging followers catch up, and an
// unreliable network with churn never breaks agreement.

function write(sim: Simulation, value: string, key = 'x', to?: NodeId): void {
  sim.act(to === undefined ? { at: sim.now, type: 'write', key, value } : { at: sim.now, type: 'write', key, value, node: to });
}

/** Every live server has committed (and applied) `value` somewhere in its log. */
function committedEverywhere(sim: Simulation, value: string): boolean {
  return sim.nodeStates.every((n) => !sim.isAlive(n.id) || committed(n).some((e) => e.value === value));
}

function runUntil(sim: Simulation, until: number, cond: () => boolean): boolean {
  for (let t = sim.now; t <= until; t += 10) {
    sim.runUntil(t);
    if (cond()) return true;
  }
  return false;
}

describe('agreement (6.824 2B)', () => {
  it('basic agreement: each write is committed and applied at the same index on every server', () => {
    const { sim, trace } = cluster({ nodes: 5, seed: 2 });
    runUntilLeader(sim, 5000);
    for (let i = 0; i < 5; i++) {
      write(sim, `v${i}`);
      expect(runUntil(sim, sim.now + 2000, () => committedEverywhere(sim, `v${i}`))).toBe(true);
    }
    const logs = sim.nodeStates.map((n) => JSON.stringify(committed(n)));
    expect(new Set(logs).size).toBe(1);
    for (const n of sim.nodeStates) expect(n.kv).toEqual({ x: 'v4' });
    expect(acked(trace).size).toBe(5);
  });

  it('no agreement without a majority: with 3 of 5 followers cut off, a write is not committed; after heal, writes commit again', () => {
    const { sim, trace } = cluster({ nodes: 5, seed: 3 });
    runUntilLeader(sim, 5000);
    write(sim, 'first');
    runUntil(sim, sim.now + 2000, () => committedEverywhere(sim, 'first'));
    const leader = sim.leader()!;
    const followers = sim.ids.filter((id) => id !== leader);
    sim.act({ at: sim.now, type: 'partition', groups: [[leader, followers[0]!], ...followers.slice(1).map((f) => [f])] });
    const commitBefore = node(sim, leader).commitIndex;
    write(sim, 'lonely', 'x', leader);
    sim.runUntil(sim.now + 3000);
    expect(node(sim, leader).log.some((e) => e.value === 'lonely')).toBe(true);
    expect(node(sim, leader).commitIndex).toBe(commitBefore);
    expect(sim.nodeStates.every((n) => n.commitIndex <= commitBefore)).toBe(true);
    expect(trace.some((e) => e.type === 'clientAck' && e.node === leader && e.index > commitBefore)).toBe(false);

    sim.act({ at: sim.now, type: 'heal' });
    runUntilLeader(sim, sim.now + 5000);
    sim.runUntil(sim.now + 1000);
    write(sim, 'after');
    expect(runUntil(sim, sim.now + 5000, () => committedEverywhere(sim, 'after'))).toBe(true);
    expectCommittedPrefixesAgree(sim);
    expect(sim.violations).toEqual([]);
  });

  it('rejoin: a partitioned old leader keeps taking writes it cannot commit; on return they are overwritten', () => {
    const { sim, trace } = cluster({ nodes: 3, seed: 6 });
    runUntilLeader(sim, 5000);
    write(sim, '101');
    runUntil(sim, sim.now + 2000, () => committedEverywhere(sim, '101'));
    const l1 = sim.leader()!;
    const rest = sim.ids.filter((id) => id !== l1);
    sim.act({ at: sim.now, type: 'partition', groups: [[l1], rest] });
    for (const v of ['102', '103', '104']) write(sim, v, 'x', l1);
    expect(runUntilLeader(sim, sim.now + 5000, rest)).not.toBeNull();
    const l2 = sim.ids.find((id) => rest.includes(id) && roleOf(node(sim, id)) === 'leader')!;
    write(sim, '103b', 'x', l2);
    expect(runUntil(sim, sim.now + 3000, () => committed(node(sim, l2)).some((e) => e.value === '103b'))).toBe(true);
    expect(roleOf(node(sim, l1))).toBe('leader'); // of its old term, committing nothing

    // Now the new leader is cut off and the old one returns to the remaining server.
    const third = rest.find((id) => id !== l2)!;
    sim.act({ at: sim.now, type: 'partition', groups: [[l1, third], [l2]] });
    expect(runUntilLeader(sim, sim.now + 5000, [l1, third])).not.toBeNull();
    write(sim, '104b');
    sim.act({ at: sim.now, type: 'heal' });
    expect(runUntil(sim, sim.now + 5000, () => committedEverywhere(sim, '104b'))).toBe(true);
    sim.runUntil(sim.now + 1000);

    // The old leader's uncommitted writes are gone from every log; the committed ones remain.
    for (const n of sim.nodeStates) {
      const values = clientEntries(n).map((e) => e.value);
      expect(values).not.toContain('102');
      expect(values).not.toContain('104');
      expect(values.slice(0, 2)).toEqual(['101', '103b']);
    }
    expect(trace.some((e) => e.type === 'truncate' && e.node === l1)).toBe(true);
    expectCommittedPrefixesAgree(sim);
    expect(sim.violations).toEqual([]);
  });

  it('backup: a follower missing many entries (and holding stale ones) catches up quickly', () => {
    const { sim } = cluster({ nodes: 5, seed: 12 });
    runUntilLeader(sim, 5000);
    write(sim, 'base');
    runUntil(sim, sim.now + 2000, () => committedEverywhere(sim, 'base'));
    const l1 = sim.leader()!;
    const f = sim.ids.filter((id) => id !== l1);
    // The leader and one follower are cut off with 50 writes they cannot commit.
    sim.act({ at: sim.now, type: 'partition', groups: [[l1, f[0]!], f.slice(1)] });
    for (let i = 0; i < 50; i++) write(sim, `stale${i}`, 'x', l1);
    expect(runUntilLeader(sim, sim.now + 5000, f.slice(1))).not.toBeNull();
    for (let i = 0; i < 200; i++) write(sim, `new${i}`);
    expect(runUntil(sim, sim.now + 5000, () => committed(node(sim, sim.leader()!)).length >= 201)).toBe(true);
    // Heal: the two stale servers must drop 50 entries and fetch 200.
    sim.act({ at: sim.now, type: 'heal' });
    expect(runUntil(sim, sim.now + 3000, () => committedEverywhere(sim, 'new199'))).toBe(true);
    const leaderLog = JSON.stringify(node(sim, sim.leader()!).log);
    for (const n of sim.nodeStates) {
      expect(JSON.stringify(n.log)).toBe(leaderLog);
      expect(n.log.some((e) => e.value.startsWith('stale'))).toBe(false);
    }
    expect(sim.violations).toEqual([]);
  });

  it('concurrent writes: many writes at the same moment are each committed exactly once, in one order everywhere', () => {
    const { sim, trace } = cluster({ nodes: 3, seed: 14 });
    runUntilLeader(sim, 5000);
    const at = sim.now + 10;
    for (const a of writes(at, 30, 0)) sim.schedule(a);
    for (const a of writes(at, 30, 0, 'y', 'w')) sim.schedule(a);
    sim.runUntil(at + 2000);
    const logs = sim.nodeStates.map((n) => committed(n).map((e) => e.writeId));
    expect(logs[0]).toHaveLength(60);
    expect(new Set(logs[0]).size).toBe(60);
    for (const l of logs) expect(l).toEqual(logs[0]);
    expect(acked(trace).size).toBe(60);
    for (const n of sim.nodeStates) expect(n.kv).toEqual({ x: 'v29', y: 'w29' });
  });
});

describe('unreliable network with churn (6.824 2C)', () => {
  for (const seed of [1, 2, 3]) {
    it(`loss, duplication, reordering and crashes never break agreement, and it recovers (seed ${seed})`, () => {
      const { sim, trace } = cluster({ nodes: 5, seed, loss: 0.1, duplicate: 0.1, reorder: true, latency: [5, 40] });
      // A fixed schedule of crashes, restarts, partitions and writes: at most 2 servers down at once.
      const ids = sim.ids;
      for (let k = 0; k < 40; k++) {
        const t = 500 + k * 500;
        const a = ids[(k * 3 + seed) % 5]!;
        const b = ids[(k * 7 + 2 * seed + 1) % 5]!;
        sim.schedule({ at: t, type: 'write', key: `k${k % 3}`, value: `v${k}` });
        if (k % 4 === 0) sim.schedule({ at: t, type: 'crash', node: a });
        if (k % 4 === 1) sim.schedule({ at: t, type: 'crashLeader' });
        if (k % 4 === 2 && a !== b) sim.schedule({ at: t, type: 'cut', from: a, to: b, oneWay: k % 8 === 2 });
        if (k % 4 === 3) {
          for (const id of ids) sim.schedule({ at: t, type: 'restart', node: id });
          sim.schedule({ at: t, type: 'heal' });
        }
      }
      sim.runUntil(21_000);
      for (const id of ids) sim.act({ at: sim.now, type: 'restart', node: id });
      sim.act({ at: sim.now, type: 'heal' });
      expect(runUntilLeader(sim, sim.now + 5000)).not.toBeNull();
      sim.runUntil(sim.now + 1000);
      write(sim, 'final');
      expect(runUntil(sim, sim.now + 10_000, () => committedEverywhere(sim, 'final'))).toBe(true);
      expectCommittedPrefixesAgree(sim);
      // Every acknowledged write survived: it is in the committed log of every server.
      const ackedIds = acked(trace);
      expect(ackedIds.size).toBeGreaterThan(0);
      for (const n of sim.nodeStates) {
        const have = new Set(committed(n).map((e) => e.writeId));
        for (const id of ackedIds) expect(have.has(id), `write ${id} on ${n.id}`).toBe(true);
      }
      expect(sim.violations).toEqual([]);
    });
  }
});
