import { describe, expect, it } from 'vitest';
import type { Action, Scenario } from './scenario.ts';
import { DEFAULT_SETTINGS } from './settings.ts';
import { Simulation } from './simulation.ts';
import { Timeline } from './timeline.ts';
import type { TraceEvent } from './trace.ts';

// Every line names what caused it (`by`): the message delivered, the timer, the action, or the
// run itself. Explanations and narration read it instead of guessing from what lies nearby.

const actions: Action[] = [
  { at: 400, type: 'write', key: 'x', value: '1' },
  { at: 700, type: 'crashLeader' },
  {
    at: 900,
    type: 'partition',
    groups: [
      ['S1', 'S2', 'S3'],
      ['S4', 'S5'],
    ],
  },
  { at: 1200, type: 'write', key: 'y', value: '2' },
  { at: 1500, type: 'heal' },
  { at: 1500, type: 'restart', node: 'S5' },
  { at: 1800, type: 'timeoutNow', node: 'S4' },
  { at: 2100, type: 'write', key: 'x', value: '3', node: 'S5' },
];
const scenario: Scenario = {
  version: 1,
  settings: { ...DEFAULT_SETTINGS, seed: 5, loss: 0.05, duplicate: 0.05, preVote: true, checkQuorum: true },
  actions,
};

function run(): TraceEvent[] {
  const trace: TraceEvent[] = [];
  const sim = Simulation.fromScenario(scenario, { onEvent: (e) => trace.push(e) });
  sim.runUntil(3000);
  sim.finish();
  return trace;
}

const trace = run();
const sends = new Map(trace.flatMap((e) => (e.type === 'send' ? [[e.id, e] as const] : [])));

describe('every line names its cause', () => {
  it('a vote names the RequestVote it answers, and the vote reply it sends names it too', () => {
    const votes = trace.filter((e) => e.type === 'vote');
    expect(votes.length).toBeGreaterThan(4);
    for (const vote of votes) {
      expect(vote.by.kind).toBe('message');
      const request = vote.by.kind === 'message' ? sends.get(vote.by.id) : undefined;
      expect(request?.rpc.type).toBe('RequestVote');
      expect([request?.from, request?.to]).toEqual([vote.candidate, vote.node]);
      // The reply the voter sends in the same step has the same cause.
      const i = trace.indexOf(vote);
      const reply = trace.slice(i).find((e) => e.type === 'send' && e.from === vote.node && e.rpc.type === 'RequestVoteReply');
      expect(reply?.by).toEqual(vote.by);
    }
  });

  it('a leader wins by the vote reply that completed its majority', () => {
    const wins = trace.filter((e) => e.type === 'role' && e.role === 'leader');
    expect(wins.length).toBeGreaterThan(1);
    for (const win of wins) {
      const reply = win.by.kind === 'message' ? sends.get(win.by.id) : undefined;
      expect(reply?.rpc.type).toBe('RequestVoteReply');
      expect(reply?.to).toBe(win.type === 'role' ? win.node : '');
    }
  });

  it("an election timeout names its own server's timer, the timeoutNow that forced it, or the PreVote reply that won the round", () => {
    const timeouts = trace.filter((e) => e.type === 'electionTimeout');
    expect(timeouts.some((e) => e.forced)).toBe(true);
    expect(timeouts.some((e) => !e.preVote && e.by.kind === 'message')).toBe(true);
    for (const e of timeouts) {
      if (e.forced) expect(e.by).toEqual({ kind: 'action', index: 6, at: 1800 });
      else if (e.preVote) expect(e.by).toEqual({ kind: 'timer', node: e.node });
      else {
        // With PreVote, the real election starts when a majority said yes: on a reply's arrival.
        const reply = e.by.kind === 'message' ? sends.get(e.by.id) : undefined;
        expect(reply?.rpc).toMatchObject({ type: 'RequestVoteReply', preVote: true, voteGranted: true });
        expect(reply?.to).toBe(e.node);
      }
    }
  });

  it('an action and all its effects name the action by its place in the list and its time', () => {
    const actionLines = trace.filter((e) => e.type === 'action');
    expect(actionLines.map((e) => e.by)).toEqual(actions.map((a, index) => ({ kind: 'action', index, at: a.at })));
    for (const type of ['crash', 'restart', 'partition', 'heal', 'clientWrite'] as const) {
      const lines = trace.filter((e) => e.type === type);
      expect(lines.length, type).toBeGreaterThan(0);
      for (const e of lines) expect(e.by.kind, type).toBe('action');
    }
  });

  it('the run itself causes its start, the servers booting and its final line', () => {
    const boot = trace.slice(0, 1 + scenario.settings.nodes);
    for (const e of [...boot, trace.at(-1)!]) expect(e.by).toEqual({ kind: 'run' });
  });

  it('each step is one block of lines opened by its input: the delivery or drop, the action, or a timer', () => {
    let blocks = 0;
    for (let i = 1 + scenario.settings.nodes; i < trace.length - 1; i++) {
      const e = trace[i]!;
      const prev = trace[i - 1]!;
      if (sameCause(e, prev)) continue;
      blocks++;
      const by = e.by;
      if (by.kind === 'message') {
        expect(e.type === 'deliver' || e.type === 'drop', `line ${i}`).toBe(true);
        expect('id' in e && e.id).toBe(by.id);
      } else if (by.kind === 'action') {
        expect(e.type).toBe('action');
        expect(e.t).toBe(by.at);
      } else {
        expect(by.kind).toBe('timer');
        // A timer's lines are all about its own server.
        for (let j = i; j < trace.length && sameCause(trace[j]!, e); j++) {
          const line = trace[j]!;
          expect('node' in line ? line.node : 'from' in line ? line.from : null).toBe(by.kind === 'timer' ? by.node : null);
        }
      }
    }
    expect(blocks).toBeGreaterThan(100);
  });

  it('causes replay identically after a seek back (the action count is part of a snapshot)', () => {
    const timeline = new Timeline(scenario, { snapshotEvery: 500 });
    timeline.seek(3000);
    const first = timeline.events.map((e) => JSON.stringify(e.by));
    timeline.seek(1000);
    const replayed: TraceEvent[] = [];
    const again = new Timeline(scenario, { snapshotEvery: 500, onRecord: (e) => replayed.push(e) });
    again.seek(3000);
    expect(replayed.map((e) => JSON.stringify(e.by))).toEqual(first);
    expect(first.join('\n')).toContain('"index":7');
  });
});

function sameCause(a: TraceEvent, b: TraceEvent): boolean {
  return a.t === b.t && JSON.stringify(a.by) === JSON.stringify(b.by);
}
