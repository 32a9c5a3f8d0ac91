import { describe, expect, it } from 'vitest';
import {
  acked,
  clientEntries,
  cluster,
  committed,
  expectCommittedPrefixesAgree,
  leaderAmong,
  node,
  runUntilLeader,
} from '../../test/support/sim.ts';
import type { NodeId } from '../engine/types.ts';
import { roleOf } from '../engine/node.ts';

// The lesson's split-brain case: five servers split 3/2. Only the side with a majority may elect
// a leader and commit; the minority refuses to act. After the heal, every log converges and no
// committed entry is lost. Tried with the old leader on each side.

function splitRun(oldLeaderSide: 'majority' | 'minority', seed: number) {
  const { sim, trace } = cluster({ nodes: 5, seed });
  runUntilLeader(sim, 5000);
  sim.act({ at: sim.now, type: 'write', key: 'x', value: 'before' });
  sim.runUntil(sim.now + 500);
  const old = sim.leader()!;
  const oldTerm = node(sim, old).currentTerm;
  const others = sim.ids.filter((id) => id !== old);
  const [majority, minority]: [NodeId[], NodeId[]] =
    oldLeaderSide === 'majority' ? [[old, others[0]!, others[1]!], others.slice(2)] : [others.slice(0, 3), [old, others[3]!]];
  const minorityCommit = new Map(minority.map((id) => [id, node(sim, id).commitIndex]));

  sim.act({ at: sim.now, type: 'partition', groups: [majority, minority] });
  const splitAt = sim.now;
  const committedBySide: string[] = [];
  // Five seconds split: clients write to both sides.
  for (let k = 0; k < 10; k++) {
    const t = splitAt + 400 + k * 450;
    sim.runUntil(t);
    const ml = leaderAmong(sim, majority);
    if (ml) sim.act({ at: t, type: 'write', key: 'x', value: `maj${k}`, node: ml });
    sim.act({ at: t, type: 'write', key: 'x', value: `min${k}`, node: minority[k % 2]! });
    for (let dt = 0; dt < 450; dt += 25) {
      sim.runUntil(t + dt);
      for (const id of minority) {
        const n = node(sim, id);
        // The minority elects nobody: only an old leader may still think it leads, in its old term.
        if (roleOf(n) === 'leader') {
          expect(id).toBe(old);
          expect(n.currentTerm).toBe(oldTerm);
        }
        expect(n.commitIndex, `${id} committed while in the minority`).toBe(minorityCommit.get(id));
      }
    }
  }
  const majorityLeader = leaderAmong(sim, majority);
  expect(majorityLeader).not.toBeNull();
  const ml = node(sim, majorityLeader!);
  committedBySide.push(...committed(ml).map((e) => e.value));
  expect(committedBySide).toContain('maj9');
  expect(committedBySide.filter((v) => v.startsWith('min'))).toEqual([]);
  if (oldLeaderSide === 'majority') expect(ml.currentTerm).toBeGreaterThanOrEqual(oldTerm);
  else expect(ml.currentTerm).toBeGreaterThan(oldTerm);
  const frozen = committed(ml);
  // Without CheckQuorum nothing tells a leader in the minority that it lost its majority.
  if (oldLeaderSide === 'minority') expect(node(sim, old)).toMatchObject({ state: { role: 'leader' }, currentTerm: oldTerm });

  sim.act({ at: sim.now, type: 'heal' });
  const healAt = sim.now;
  sim.runUntil(healAt + 3000);
  return { sim, trace, old, oldTerm, minority, splitAt, healAt, frozen };
}

describe('a 3/2 split of five servers', () => {
  for (const seed of [1, 2, 3]) {
    it(`old leader on the majority side keeps leading and committing; the minority elects and commits nothing (seed ${seed})`, () => {
      const { sim, trace, frozen } = splitRun('majority', seed);
      expectConverged(sim, frozen);
      expect([...acked(trace)].length).toBeGreaterThan(10);
    });

    it(`old leader caught in the minority leads its old term, commits nothing, and steps down after heal (seed ${seed})`, () => {
      const { sim, trace, old, oldTerm, splitAt, healAt, frozen } = splitRun('minority', seed);
      const stepDown = trace.find((e) => e.type === 'role' && e.node === old && e.role === 'follower' && e.t >= healAt);
      expect(stepDown).toMatchObject({ cause: 'higherTerm' });
      expect(trace.some((e) => e.type === 'role' && e.node === old && e.t < healAt && e.term === oldTerm && e.role === 'follower')).toBe(
        false,
      );
      // None of its writes during the split was acknowledged.
      expect(trace.some((e) => e.type === 'clientAck' && e.node === old && e.t >= splitAt)).toBe(false);
      expectConverged(sim, frozen);
    });
  }
});

function expectConverged(sim: ReturnType<typeof cluster>['sim'], frozen: readonly { writeId: number }[]): void {
  const logs = sim.nodeStates.map((n) => JSON.stringify(n.log));
  expect(new Set(logs).size).toBe(1);
  const commits = sim.nodeStates.map((n) => n.commitIndex);
  expect(new Set(commits).size).toBe(1);
  // No committed entry lost: what the majority had committed is still there, at the same places.
  const log = clientEntries(sim.nodeStates[0]!);
  expect(log.slice(0, frozen.length).map((e) => e.writeId)).toEqual(frozen.map((e) => e.writeId));
  expect(log.some((e) => e.value.startsWith('min'))).toBe(false);
  expectCommittedPrefixesAgree(sim);
  expect(sim.violations).toEqual([]);
}
