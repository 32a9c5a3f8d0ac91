import { describe, expect, it } from 'vitest';
import { cluster, leadersByTerm, node, runUntilLeader } from '../../test/support/sim.ts';
import type { ClusterSettings } from './settings.ts';
import type { TraceEvent } from './trace.ts';

// Leadership transfer in a cluster (thesis §3.10), through the `transfer` action: the leader
// catches the target up, sends it TimeoutNow, and the target wins the next term.

type Transfer = Extract<TraceEvent, { type: 'transfer' }>;
const transferSteps = (trace: readonly TraceEvent[]) => trace.filter((e): e is Transfer => e.type === 'transfer');

/** A settled cluster with a leader and a few committed writes; the target is a follower. */
function settled(settings: Partial<ClusterSettings> = {}) {
  const run = cluster({ nodes: 5, seed: 3, ...settings });
  runUntilLeader(run.sim, 5000);
  const { sim } = run;
  for (let i = 0; i < 3; i++) sim.act({ at: sim.now, type: 'write', key: 'x', value: `${i}` });
  sim.runUntil(sim.now + 400);
  const leader = sim.leader()!;
  const target = sim.ids.find((id) => id !== leader)!;
  return { ...run, leader, target };
}

describe('the transfer action', () => {
  for (const settings of [{}, { preVote: true, checkQuorum: true }, { diskWrite: 4, loss: 0 }] as Partial<ClusterSettings>[]) {
    it(`hands leadership to the target, which wins the next term (${JSON.stringify(settings)})`, () => {
      const { sim, trace, leader, target } = settled(settings);
      const term = node(sim, leader).currentTerm;
      sim.act({ at: sim.now, type: 'transfer', to: target });
      sim.runUntil(sim.now + 300);
      expect(sim.leader()).toBe(target);
      expect(node(sim, target).currentTerm).toBe(term + 1);
      expect(transferSteps(trace).map((e) => e.step)).toEqual(['start', 'timeoutNow', 'done']);
      expect(transferSteps(trace).at(-1)).toMatchObject({ node: target, from: leader, to: target, term: term + 1 });
      // No one else ran for leader: one leader per term, and the new one is the target.
      expect([...(leadersByTerm(trace).get(term + 1) ?? [])]).toEqual([target]);
      expect(sim.violations).toEqual([]);
    });
  }

  it('catches a lagging target up before TimeoutNow: its log holds everything the leader had', () => {
    const { sim, trace, leader, target } = settled();
    // The target misses three writes while cut off from the leader.
    sim.act({ at: sim.now, type: 'cut', from: leader, to: target, oneWay: false });
    for (let i = 0; i < 3; i++) sim.act({ at: sim.now, type: 'write', key: 'y', value: `${i}` });
    sim.runUntil(sim.now + 100);
    expect(node(sim, target).log.length).toBeLessThan(node(sim, leader).log.length);
    sim.act({ at: sim.now, type: 'restore', from: leader, to: target, oneWay: false });
    const leaderLog = node(sim, leader).log.slice();
    sim.act({ at: sim.now, type: 'transfer', to: target });
    sim.runUntil(sim.now + 300);
    expect(transferSteps(trace).map((e) => e.step)).toEqual(['start', 'catchUp', 'timeoutNow', 'done']);
    // When TimeoutNow reached the target, the target held the leader's whole log.
    const sendIndex = trace.findIndex((e) => e.type === 'send' && e.rpc.type === 'TimeoutNow');
    const send = trace[sendIndex] as Extract<TraceEvent, { type: 'send' }>;
    const arrival = trace.findIndex((e) => e.type === 'deliver' && e.id === send.id);
    expect(arrival).toBeGreaterThan(sendIndex);
    expect(node(sim, target).log.slice(0, leaderLog.length)).toEqual(leaderLog);
    expect(sim.leader()).toBe(target);
  });

  it('refuses client writes while handing over, then the new leader takes them', () => {
    const { sim, trace, leader, target } = settled();
    sim.act({ at: sim.now, type: 'transfer', to: target });
    sim.act({ at: sim.now, type: 'write', key: 'z', value: 'during' });
    expect(trace.filter((e) => e.type === 'clientWrite').at(-1)).toMatchObject({ node: leader, accepted: false, handingTo: target });
    sim.runUntil(sim.now + 300);
    sim.act({ at: sim.now, type: 'write', key: 'z', value: 'after' });
    sim.runUntil(sim.now + 200);
    expect(trace.filter((e) => e.type === 'clientWrite').at(-1)).toMatchObject({ node: target, accepted: true });
    expect(node(sim, target).kv.z).toBe('after');
  });

  it('abandons the transfer after an election timeout when the target cannot be reached, and takes writes again', () => {
    const { sim, trace, leader, target } = settled();
    // The target is cut off alone: TimeoutNow dies on the way, and its own elections reach no one.
    sim.act({ at: sim.now, type: 'partition', groups: [sim.ids.filter((id) => id !== target), [target]] });
    const start = sim.now;
    sim.act({ at: start, type: 'transfer', to: target });
    sim.runUntil(start + sim.settings.electionTimeout[0] - 1);
    expect(transferSteps(trace).map((e) => e.step)).toEqual(['start', 'timeoutNow']);
    expect(trace.some((e) => e.type === 'drop' && e.to === target && e.reason === 'partition')).toBe(true);
    sim.runUntil(start + sim.settings.electionTimeout[0]);
    expect(transferSteps(trace).at(-1)).toMatchObject({ step: 'abandoned', node: leader, to: target });
    expect(sim.leader()).toBe(leader);
    sim.act({ at: sim.now, type: 'write', key: 'z', value: 'again' });
    expect(trace.filter((e) => e.type === 'clientWrite').at(-1)).toMatchObject({ node: leader, accepted: true });
  });

  it('refuses with a reason: no leader, a crashed target, the leader itself', () => {
    const fresh = cluster({ nodes: 3, seed: 3 });
    fresh.sim.act({ at: 0, type: 'transfer', to: 'S2' });
    expect(fresh.trace.at(-1)).toMatchObject({ type: 'transferRefused', from: null, to: 'S2', reason: 'noLeader' });

    const { sim, trace, leader, target } = settled();
    sim.act({ at: sim.now, type: 'crash', node: target });
    sim.act({ at: sim.now, type: 'transfer', to: target });
    expect(trace.at(-1)).toMatchObject({ type: 'transferRefused', from: leader, to: target, reason: 'crashed' });
    sim.act({ at: sim.now, type: 'transfer', to: leader });
    expect(trace.at(-1)).toMatchObject({ type: 'transfer', step: 'refused', reason: 'self', from: leader });
    sim.act({ at: sim.now, type: 'transfer', to: 'S9' });
    expect(trace.at(-1)).toMatchObject({ type: 'transferRefused', to: 'S9', reason: 'unknownServer' });
    // None of these stopped the leader taking writes.
    sim.act({ at: sim.now, type: 'write', key: 'z', value: 'still' });
    expect(trace.filter((e) => e.type === 'clientWrite').at(-1)).toMatchObject({ node: leader, accepted: true });
  });
});
