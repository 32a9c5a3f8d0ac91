import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../sim/settings.ts';
import { TRACE_VERSION, type TraceEvent } from '../sim/trace.ts';
import { MomentFinder } from './moments.ts';

type Untimed = TraceEvent extends infer E ? (E extends TraceEvent ? Omit<E, 't' | 'by'> : never) : never;
const at = (e: Untimed): TraceEvent => ({ ...e, t: 0, by: { kind: 'run' } }) as TraceEvent;

describe('moments called out on the cluster', () => {
  it("a new leader, a denied vote, a leader commit and a minority election; not follower commits, not a new leader's no-op", () => {
    const finder = new MomentFinder();
    const moments = finder.find([
      at({ type: 'start', version: TRACE_VERSION, settings: DEFAULT_SETTINGS, nodes: ['S1', 'S2', 'S3', 'S4', 'S5'] }),
      at({ type: 'vote', node: 'S2', candidate: 'S3', term: 1, granted: false, reason: 'alreadyVoted', votedFor: 'S1', preVote: false }),
      at({ type: 'role', node: 'S1', role: 'leader', term: 1, cause: 'wonElection' }),
      at({ type: 'commit', node: 'S1', from: 0, to: 1, term: 1 }),
      at({ type: 'apply', node: 'S1', index: 1, term: 1, key: '', value: '', writeId: 0, noop: true }),
      at({ type: 'commit', node: 'S1', from: 1, to: 2, term: 1 }),
      at({ type: 'apply', node: 'S1', index: 2, term: 1, key: 'x', value: '1', writeId: 1, noop: false }),
      at({ type: 'commit', node: 'S2', from: 0, to: 2, term: 1 }),
      at({ type: 'apply', node: 'S2', index: 2, term: 1, key: 'x', value: '1', writeId: 1, noop: false }),
      at({
        type: 'partition',
        groups: [
          ['S1', 'S2', 'S3'],
          ['S4', 'S5'],
        ],
      }),
      at({ type: 'electionTimeout', node: 'S4', term: 2, preVote: false, forced: false }),
      at({ type: 'electionTimeout', node: 'S2', term: 2, preVote: false, forced: false }),
    ]);
    expect(moments.map((m) => [m.kind, m.node])).toEqual([
      ['deny', 'S2'],
      ['leader', 'S1'],
      ['commit', 'S1'],
      ['refused', 'S4'],
    ]);
    expect(moments[3]!.text).toContain('only 2 of 5');
  });

  it('a leadership transfer beginning and giving up, beside the leader; its other steps only in the feed', () => {
    const step = (s: 'start' | 'catchUp' | 'timeoutNow' | 'done' | 'abandoned') =>
      at({ type: 'transfer', node: s === 'done' ? 'S3' : 'S1', step: s, from: 'S1', to: 'S3', term: 2, reason: null });
    const moments = new MomentFinder().find([step('start'), step('catchUp'), step('timeoutNow'), step('abandoned'), step('done')]);
    expect(moments).toEqual([
      { node: 'S1', kind: 'leader', text: 'S1 stops taking writes to hand leadership to S3' },
      { node: 'S1', kind: 'refused', text: 'The handover to S3 timed out; S1 takes writes again' },
    ]);
  });
});
