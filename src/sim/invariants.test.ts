import { describe, expect, it } from 'vitest';
import { makeNode, entries } from '../../test/support/nodes.ts';
import { cluster, node } from '../../test/support/sim.ts';
import type { EngineEvent } from '../engine/events.ts';
import type { RaftNode } from '../engine/node.ts';
import { InvariantChecker } from './invariants.ts';
import type { Simulation } from './simulation.ts';
import { markLeader } from '../../test/support/nodes.ts';

// The property test's "zero violations" means something only if the checker can see a
// violation. Here it is fed hand-made broken states, and runs with a Figure 2 rule removed.

const leaderEvent = (n: RaftNode): EngineEvent => ({ type: 'role', node: n.id, role: 'leader', term: n.currentTerm, cause: 'wonElection' });
const commitEvent = (n: RaftNode, from: number, to: number): EngineEvent => ({ type: 'commit', node: n.id, from, to, term: n.currentTerm });
const applyEvent = (n: RaftNode, index: number): EngineEvent => {
  const e = n.log[index - 1]!;
  return { type: 'apply', node: n.id, index, term: e.term, key: e.key, value: e.value, writeId: e.writeId, noop: false };
};

describe('InvariantChecker on constructed states (Figure 3)', () => {
  it('Election Safety: two leaders in one term', () => {
    const c = new InvariantChecker();
    const a = makeNode({ id: 'S1', term: 3 });
    const b = makeNode({ id: 'S2', term: 3 });
    markLeader(a);
    markLeader(b);
    expect(c.observe(a, [leaderEvent(a)], Infinity)).toEqual([]);
    const v = c.observe(b, [leaderEvent(b)], Infinity);
    expect(v).toMatchObject([{ property: 'ElectionSafety', term: 3 }]);
    // Leaders of different terms are fine.
    const d = makeNode({ id: 'S3', term: 4 });
    markLeader(d);
    expect(c.observe(d, [leaderEvent(d)], Infinity)).toEqual([]);
  });

  it('Leader Append-Only: a leader deleting an entry of its own log', () => {
    const c = new InvariantChecker();
    const a = makeNode({ id: 'S1', term: 2, log: [1, 2, 2] });
    markLeader(a);
    c.observe(a, [leaderEvent(a)], 1);
    a.log.push(...entries([2], 4)); // appending is fine
    expect(c.observe(a, [], 4)).toEqual([]);
    a.log.length = 2;
    expect(c.observe(a, [], 3)).toMatchObject([{ property: 'LeaderAppendOnly', nodes: ['S1'] }]);
  });

  it('Log Matching: same index and term, different entries before it', () => {
    const c = new InvariantChecker();
    const a = makeNode({ id: 'S1', log: [1, 2] });
    const b = makeNode({ id: 'S2', log: [1, 2] });
    b.log[0] = { ...b.log[0]!, writeId: 99 }; // a different entry at index 1, same term
    expect(c.observe(a, [], 1)).toEqual([]);
    const v = c.observe(b, [], 1);
    expect(v.map((x) => x.property)).toContain('LogMatching');
    // Identical logs are fine.
    const d = makeNode({ id: 'S3', log: [1, 2] });
    expect(c.observe(d, [], 1)).toEqual([]);
  });

  it('State Machine Safety: two servers apply different entries at one index', () => {
    const c = new InvariantChecker();
    const a = makeNode({ id: 'S1', log: [1] });
    const b = makeNode({ id: 'S2', log: [2] });
    c.observe(a, [applyEvent(a, 1)], 1);
    expect(c.observe(b, [applyEvent(b, 1)], 1)).toMatchObject([{ property: 'StateMachineSafety', index: 1 }]);
  });

  it('State Machine Safety: two servers commit different entries at one index', () => {
    const c = new InvariantChecker();
    const a = makeNode({ id: 'S1', term: 1, log: [1] });
    const b = makeNode({ id: 'S2', term: 2, log: [2] });
    c.observe(a, [commitEvent(a, 0, 1)], 1);
    expect(c.observe(b, [commitEvent(b, 0, 1)], 1).map((v) => v.property)).toContain('StateMachineSafety');
  });

  it('Leader Completeness: a leader of a later term missing an entry committed earlier', () => {
    const c = new InvariantChecker();
    const a = makeNode({ id: 'S1', term: 1, log: [1, 1] });
    c.observe(a, [commitEvent(a, 0, 2)], 1);
    const b = makeNode({ id: 'S2', term: 2, log: [1] });
    markLeader(b);
    expect(c.observe(b, [leaderEvent(b)], 1)).toMatchObject([{ property: 'LeaderCompleteness', term: 2 }]);
    // A later leader holding every committed entry is fine.
    const d = makeNode({ id: 'S3', term: 3, log: [1, 1, 3] });
    markLeader(d);
    expect(c.observe(d, [leaderEvent(d)], 1)).toEqual([]);
  });

  it('reports each distinct violation once', () => {
    const c = new InvariantChecker();
    const a = makeNode({ id: 'S1', term: 3 });
    const b = makeNode({ id: 'S2', term: 3 });
    c.observe(a, [leaderEvent(a)], Infinity);
    expect(c.observe(b, [leaderEvent(b)], Infinity)).toHaveLength(1);
    expect(c.observe(b, [leaderEvent(b)], Infinity)).toHaveLength(0);
  });
});

function properties(sim: Simulation): Set<string> {
  return new Set(sim.violations.map((v) => v.property));
}

describe('the live checker catches broken rules in the simulator', () => {
  it("['winWithoutMajority'] in a partition: two servers alone both 'win' term 1 (Election Safety)", () => {
    const { sim, trace } = cluster({ nodes: 5, broken: ['winWithoutMajority'] });
    sim.act({ at: 0, type: 'partition', groups: [['S1'], ['S2'], ['S3', 'S4', 'S5']] });
    sim.act({ at: 0, type: 'timeoutNow', node: 'S1' });
    sim.act({ at: 0, type: 'timeoutNow', node: 'S2' });
    sim.runUntil(100);
    expect(properties(sim).has('ElectionSafety')).toBe(true);
    expect(trace.some((e) => e.type === 'violation' && e.property === 'ElectionSafety')).toBe(true);
  });

  it("['voteTwice']: two candidates of one term both collect a majority (Election Safety)", () => {
    const { sim } = cluster({ nodes: 5, latency: [10, 10], broken: ['voteTwice'] });
    sim.act({ at: 0, type: 'timeoutNow', node: 'S1' });
    sim.act({ at: 0, type: 'timeoutNow', node: 'S2' });
    sim.runUntil(100);
    expect(properties(sim).has('ElectionSafety')).toBe(true);
  });

  it("['forgetVoteOnRestart']: a voter that crashes and forgets its vote elects a second leader (Election Safety)", () => {
    const script = (broken: readonly 'forgetVoteOnRestart'[]) => {
      const { sim } = cluster({ nodes: 3, latency: [10, 10], broken });
      // S1 and S2 cannot hear each other, so only S3's vote decides; S3 votes for S1 first.
      sim.act({ at: 0, type: 'cut', from: 'S1', to: 'S2', oneWay: false });
      sim.act({ at: 0, type: 'timeoutNow', node: 'S1' });
      // S3 has voted (at 10); it crashes and restarts before S1's first AppendEntries (with its
      // no-op) reaches it at 30, so its log stays as short as S2's.
      sim.runUntil(15);
      sim.act({ at: 15, type: 'crash', node: 'S3' });
      sim.act({ at: 15, type: 'restart', node: 'S3' });
      sim.act({ at: 15, type: 'timeoutNow', node: 'S2' }); // also term 1
      sim.runUntil(60);
      expect(sim.ids.filter((id) => id !== 'S3' && node(sim, id).currentTerm === 1)).toEqual(['S1', 'S2']);
      return sim;
    };
    expect(properties(script(['forgetVoteOnRestart'])).has('ElectionSafety')).toBe(true);
    // With votedFor persisted, the restarted S3 refuses S2 in term 1.
    expect(script([]).violations).toEqual([]);
  });

  it('the same two simultaneous candidates without the broken rule elect at most one leader', () => {
    const { sim } = cluster({ nodes: 5, latency: [10, 10] });
    sim.act({ at: 0, type: 'timeoutNow', node: 'S1' });
    sim.act({ at: 0, type: 'timeoutNow', node: 'S2' });
    sim.runUntil(3000);
    expect(sim.violations).toEqual([]);
  });

  it("['commitWithoutMajority']: a cut-off leader's lone commit is lost (State Machine Safety or Leader Completeness)", () => {
    const { sim } = cluster({ nodes: 3, latency: [10, 10], broken: ['commitWithoutMajority'] });
    sim.act({ at: 0, type: 'timeoutNow', node: 'S1' });
    sim.runUntil(100);
    sim.act({ at: 100, type: 'partition', groups: [['S1'], ['S2', 'S3']] });
    sim.act({ at: 100, type: 'write', key: 'x', value: 'lost', node: 'S1' });
    sim.runUntil(2000);
    sim.act({ at: 2000, type: 'write', key: 'x', value: 'other' });
    sim.act({ at: 2000, type: 'heal' });
    sim.runUntil(4000);
    const p = properties(sim);
    expect(p.has('LeaderCompleteness') || p.has('StateMachineSafety')).toBe(true);
  });
});
