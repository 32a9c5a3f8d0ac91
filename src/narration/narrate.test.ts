import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../sim/settings.ts';
import { TRACE_VERSION, type Cause, type TraceEvent, type TraceEventType } from '../sim/trace.ts';
import { narrate } from './narrate.ts';

/** Narration reads no cause: any will do. */
const by: Cause = { kind: 'run' };

// One sample per event type: a Record, so a new TraceEvent type fails to compile here until it
// has a sentence.
const samples: { [K in TraceEventType]: Extract<TraceEvent, { type: K }> } = {
  role: { t: 1, by, type: 'role', node: 'S3', role: 'leader', term: 4, cause: 'wonElection' },
  term: { t: 1, by, type: 'term', node: 'S1', from: 3, to: 4, cause: 'message' },
  electionTimeout: { t: 1, by, type: 'electionTimeout', node: 'S3', term: 4, preVote: false, forced: false },
  vote: {
    t: 1,
    by,
    type: 'vote',
    node: 'S5',
    candidate: 'S3',
    term: 4,
    granted: false,
    reason: 'alreadyVoted',
    votedFor: 'S2',
    preVote: false,
  },
  lockAnswer: { t: 1, by, type: 'lockAnswer', node: 'S1', writeId: 2, client: 'A', granted: true, token: 2, heldBy: null },
  store: { t: 1, by, type: 'store', client: 'A', value: 'report', token: 2, accepted: false, highest: 5 },
  voteCount: { t: 1, by, type: 'voteCount', node: 'S4', term: 7, granted: 2, needed: 3, preVote: false },
  clientWrite: {
    t: 1,
    by,
    type: 'clientWrite',
    node: 'S2',
    writeId: 1,
    key: 'x',
    value: '1',
    accepted: false,
    index: 0,
    term: 2,
    leaderHint: 'S1',
    handingTo: null,
  },
  transfer: { t: 1, by, type: 'transfer', node: 'S1', step: 'start', from: 'S1', to: 'S3', term: 3, reason: null },
  transferRefused: { t: 1, by, type: 'transferRefused', from: 'S1', to: 'S4', reason: 'crashed' },
  membership: {
    t: 1,
    by,
    type: 'membership',
    node: 'S1',
    step: 'proposed',
    change: 'addLearner',
    server: 'S6',
    index: 4,
    term: 2,
    voters: ['S1', 'S2', 'S3', 'S4', 'S5'],
    learners: ['S6'],
    reason: null,
  },
  serverAdded: { t: 1, by, type: 'serverAdded', node: 'S6' },
  membershipRefused: { t: 1, by, type: 'membershipRefused', change: 'remove', server: 'S3', reason: 'noLeader' },
  truncate: { t: 1, by, type: 'truncate', node: 'S2', fromIndex: 2, removed: 2 },
  commit: { t: 1, by, type: 'commit', node: 'S1', from: 1, to: 3, term: 2 },
  apply: { t: 1, by, type: 'apply', node: 'S1', index: 1, term: 1, key: 'x', value: '1', writeId: 1, noop: false },
  clientAck: { t: 1, by, type: 'clientAck', node: 'S1', writeId: 1, index: 1, term: 1 },
  start: { t: 0, by, type: 'start', version: TRACE_VERSION, settings: DEFAULT_SETTINGS, nodes: ['S1', 'S2', 'S3'] },
  send: {
    t: 1,
    by,
    type: 'send',
    id: 1,
    from: 'S1',
    to: 'S2',
    rpc: { type: 'AppendEntries', term: 1, leaderId: 'S1', prevLogIndex: 0, prevLogTerm: 0, entries: [], leaderCommit: 0 },
    deliverAt: 12,
  },
  deliver: { t: 1, by, type: 'deliver', id: 1, from: 'S1', to: 'S2' },
  drop: { t: 1, by, type: 'drop', id: 1, from: 'S1', to: 'S4', reason: 'partition' },
  crash: { t: 1, by, type: 'crash', node: 'S2', unsent: 0 },
  restart: { t: 1, by, type: 'restart', node: 'S2' },
  persist: { t: 1, by, type: 'persist', node: 'S2', doneAt: 5.25 },
  partition: {
    t: 1,
    by,
    type: 'partition',
    groups: [
      ['S1', 'S2', 'S3'],
      ['S4', 'S5'],
    ],
  },
  cut: { t: 1, by, type: 'cut', from: 'S1', to: 'S2', oneWay: true },
  restore: { t: 1, by, type: 'restore', from: 'S1', to: 'S2', oneWay: false },
  heal: { t: 1, by, type: 'heal' },
  action: { t: 1, by, type: 'action', action: { at: 1, type: 'heal' } },
  messageAction: {
    t: 1,
    by,
    type: 'messageAction',
    action: { at: 1, type: 'dropMessage', message: 7 },
    done: true,
    why: null,
    from: 'S3',
    to: 'S1',
    rpc: { type: 'RequestVoteReply', term: 2, voteGranted: true, preVote: false, reason: null, votedFor: null },
    deliverAt: null,
    copy: null,
  },
  writeLost: { t: 1, by, type: 'writeLost', writeId: 3, node: 'S1', key: 'x', value: '3' },
  clientRead: {
    t: 1,
    by,
    type: 'clientRead',
    node: 'S1',
    readId: 4,
    key: 'x',
    accepted: true,
    via: 'readIndex',
    term: 2,
    leaderHint: 'S1',
  },
  readAnswer: { t: 1, by, type: 'readAnswer', node: 'S1', readId: 4, key: 'x', value: '1', index: 3, term: 2, via: 'readIndex' },
  readUnanswered: { t: 1, by, type: 'readUnanswered', node: 'S1', readId: 4, key: 'x', term: 3 },
  readLost: { t: 1, by, type: 'readLost', readId: 4, node: 'S1', key: 'x' },
  staleRead: {
    t: 1,
    by,
    type: 'staleRead',
    readId: 4,
    node: 'S1',
    key: 'x',
    value: '1',
    newerWriteId: 3,
    newerValue: '2',
    newerAckAt: 0.5,
  },
  violation: {
    t: 1,
    by,
    type: 'violation',
    property: 'ElectionSafety',
    message: 'two leaders in term 3',
    nodes: ['S1', 'S2'],
    term: 3,
    index: 0,
  },
  final: { t: 9, by, type: 'final', nodes: [] },
};

describe('narrate', () => {
  it('has a sentence for every trace event type', () => {
    for (const e of Object.values(samples)) {
      const n = narrate(e as TraceEvent);
      expect(n.text.length, e.type).toBeGreaterThan(5);
      expect(n.text).not.toMatch(/undefined|NaN|\[object/);
    }
  });

  it('reads like the lesson', () => {
    expect(narrate(samples.electionTimeout).text).toBe("S3's timer ran out: it starts term 4 and asks for votes");
    expect(narrate(samples.vote).text).toBe('S5 refused S3: already voted for S2 in term 4');
    expect(narrate(samples.voteCount).text).toBe('S4 has 2 of the 3 votes it needs for term 7');
    expect(narrate(samples.partition).text).toBe('The network split into {S1, S2, S3} and {S4, S5}');
  });

  it('says each step of a leadership transfer, and why one is refused', () => {
    const step = (s: Extract<TraceEvent, { type: 'transfer' }>['step'], reason: 'self' | 'notLeader' | null = null): string =>
      narrate({ ...samples.transfer, step: s, reason, ...(s === 'done' ? { node: 'S3', term: 4 } : {}) }).text;
    expect(step('start')).toBe('S1 stops taking writes to hand leadership to S3');
    expect(step('catchUp')).toBe("S1 brings S3's log up to date");
    expect(step('timeoutNow')).toBe('S1 tells S3 to start an election now (TimeoutNow)');
    expect(step('done')).toBe('S3 won term 4: the handover is done');
    expect(step('abandoned')).toBe('The handover to S3 timed out; S1 takes writes again');
    expect(step('refused', 'notLeader')).toBe('S1 cannot hand leadership to S3: S1 is not the leader');
    expect(narrate(samples.transferRefused).text).toBe('S1 cannot hand leadership to S4: S4 is down');
    expect(narrate({ ...samples.clientWrite, node: 'S1', leaderHint: 'S1', handingTo: 'S3' }).text).toBe(
      'S1 refused the write x=1: S1 is handing leadership to S3',
    );
  });

  it('says how a read is answered, and calls a stale read what it is', () => {
    expect(narrate(samples.staleRead).text).toBe('S1 answered x=1, but x=2 had already been acknowledged: a stale read');
    expect(narrate({ ...samples.staleRead, value: null }).text).toBe(
      'S1 answered that x is not set, but x=2 had already been acknowledged: a stale read',
    );
    expect(narrate({ ...samples.clientRead, accepted: false, via: null, node: 'S2' }).text).toBe(
      'S2 refused the read of x: it is not the leader (it points to S1)',
    );
    expect(narrate({ ...samples.clientRead, via: 'anyServer' }).text).toMatch(/unsafe/);
  });

  it('says what a membership change did, with the majority it implies', () => {
    const m = samples.membership;
    const six = ['S1', 'S2', 'S3', 'S4', 'S5', 'S6'];
    expect(narrate(m).text).toBe('S6 joined as a learner: S1 sends it the log; it does not vote yet');
    expect(narrate({ ...m, change: 'promote', voters: six, learners: [] }).text).toBe(
      'S6 caught up and now votes: 6 servers: a leader needs 4',
    );
    expect(narrate({ ...m, step: 'committed', change: 'remove', server: 'S1', voters: ['S2', 'S3', 'S4', 'S5'], learners: [] }).text).toBe(
      'S1 removed itself and stepped down: its removal committed at index 4 (4 servers: a leader needs 3)',
    );
    expect(narrate({ ...m, step: 'refused', reason: 'changePending' }).text).toBe(
      'S1 cannot add S6: an earlier change is not committed yet (one change at a time)',
    );
    expect(narrate(samples.membershipRefused).text).toBe('No leader to remove S3: the cluster has no leader now');
  });

  it('marks per-message lines as routine, hidden by default', () => {
    expect(narrate(samples.send).routine).toBe(true);
    expect(narrate(samples.deliver).routine).toBe(true);
    expect(narrate(samples.electionTimeout).routine).toBe(false);
  });
});
