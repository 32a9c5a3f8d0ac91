import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../sim/settings.ts';
import { Timeline } from '../sim/timeline.ts';
import { findScenario } from '../scenarios/index.ts';
import { explain } from './explain.ts';

describe('explaining an event', () => {
  const timeline = new Timeline({
    version: 1,
    settings: { ...DEFAULT_SETTINGS, seed: 4 },
    actions: [
      { at: 500, type: 'timeoutNow', node: 'S1' },
      { at: 500, type: 'timeoutNow', node: 'S2' },
      { at: 1500, type: 'write', key: 'x', value: '1' },
    ],
  });
  timeline.advance(3000);
  const events = timeline.events;

  it('points a vote at the request that asked for it and names the rule', () => {
    const i = events.findIndex((e) => e.type === 'vote' && e.granted);
    const why = explain(events, i)!;
    expect(why.paper).toMatch(/RequestVote/);
    expect(why.cause).toMatchObject({ kind: 'message', what: 'RequestVote' });
  });

  it('explains a refused vote by its reason', () => {
    const i = events.findIndex((e) => e.type === 'vote' && !e.granted && e.reason === 'alreadyVoted');
    expect(i).toBeGreaterThan(0);
    expect(explain(events, i)!.rule).toMatch(/at most one candidate per term/);
  });

  it('traces a timeout to the timer, or to the click that forced it', () => {
    const natural = events.findIndex((e) => e.type === 'electionTimeout' && !e.forced);
    expect(explain(events, natural)!.cause).toMatchObject({ kind: 'timer' });
    const forced = events.findIndex((e) => e.type === 'electionTimeout' && e.forced);
    expect(explain(events, forced)!.cause).toMatchObject({ kind: 'action', what: 'timeoutNow' });
  });

  it('explains a commit and a leader win', () => {
    const commit = events.findIndex((e) => e.type === 'commit');
    expect(explain(events, commit)!.paper).toMatch(/Leaders/);
    const win = events.findIndex((e) => e.type === 'role' && e.role === 'leader');
    expect(explain(events, win)!.rule).toMatch(/majority/);
    expect(explain(events, win)!.cause).toMatchObject({ kind: 'message', what: 'RequestVoteReply' });
  });
});

describe('explanations are exact', () => {
  const timeline = new Timeline({
    version: 1,
    settings: { ...DEFAULT_SETTINGS, seed: 11, loss: 0.1 },
    actions: [
      { at: 900, type: 'write', key: 'x', value: '1' },
      { at: 1400, type: 'crashLeader' },
      { at: 2600, type: 'write', key: 'y', value: '2' },
    ],
  });
  timeline.advance(5000);
  const events = timeline.events;
  const sendOf = (id: number) => events.find((e) => e.type === 'send' && e.id === id);

  it('names, for every event set off by a message, that very message: its id, ends and kind', () => {
    let checked = 0;
    events.forEach((e, i) => {
      if (e.by.kind !== 'message') return;
      const cause = explain(events, i)?.cause;
      if (cause === undefined) return; // an event with no rule to tell (a send, a delivery)
      const sent = sendOf(e.by.id);
      expect(sent?.type).toBe('send');
      if (sent?.type !== 'send') return;
      expect(cause).toEqual({ kind: 'message', id: e.by.id, from: sent.from, to: sent.to, what: sent.rpc.type });
      checked++;
    });
    expect(checked).toBeGreaterThan(50);
  });

  it("points a vote at the candidate's request, and a win at the reply that completed the majority", () => {
    const votes = events.flatMap((e, i) => (e.type === 'vote' ? [i] : []));
    expect(votes.length).toBeGreaterThan(3);
    for (const i of votes) {
      const e = events[i]!;
      if (e.type !== 'vote') continue;
      expect(explain(events, i)!.cause).toMatchObject({ kind: 'message', from: e.candidate, to: e.node, what: 'RequestVote' });
    }
    const wins = events.flatMap((e, i) => (e.type === 'role' && e.role === 'leader' ? [i] : []));
    expect(wins.length).toBeGreaterThanOrEqual(2);
    for (const i of wins) {
      const e = events[i]!;
      if (e.type !== 'role') continue;
      const cause = explain(events, i)!.cause;
      expect(cause).toMatchObject({ kind: 'message', to: e.node, what: 'RequestVoteReply' });
      const reply = cause?.kind === 'message' ? sendOf(cause.id) : undefined;
      expect(reply?.type === 'send' && reply.rpc.type === 'RequestVoteReply' && reply.rpc.voteGranted).toBe(true);
    }
  });

  it("traces what an action did to the action, and the run's own lines to nothing", () => {
    const crash = events.findIndex((e) => e.type === 'crash');
    expect(events[crash]!.by.kind).toBe('action');
    const write = events.findIndex((e) => e.type === 'clientWrite');
    expect(explain(events, write)!.cause).toEqual({ kind: 'action', what: 'write' });
    const start = events.findIndex((e) => e.type === 'role' && e.cause === 'start');
    expect(explain(events, start)!.cause).toBeNull();
  });

  it('explains each step of a leadership transfer, and the election TimeoutNow started, by the thesis', () => {
    const handover = new Timeline(findScenario('leadership-transfer')!);
    handover.advance(1500);
    const log = handover.events;
    const steps = ['start', 'catchUp', 'timeoutNow', 'done'].map((step) => log.findIndex((e) => e.type === 'transfer' && e.step === step));
    for (const i of steps) expect(explain(log, i)!.paper).toBe('Leadership transfer (Raft thesis §3.10)');
    expect(explain(log, steps[0]!)!.cause).toMatchObject({ kind: 'action', what: 'transfer' });
    const refused = log.findIndex((e) => e.type === 'clientWrite' && e.handingTo !== null);
    expect(explain(log, refused)!.rule).toMatch(/takes no new writes/);
    const election = log.findIndex((e) => e.type === 'electionTimeout' && e.forced && e.by.kind === 'message');
    expect(explain(log, election)).toMatchObject({ paper: 'Leadership transfer (Raft thesis §3.10)', cause: { what: 'TimeoutNow' } });
  });

  it('explains the stale read and the read that gave it, by the thesis, caused by the read action', () => {
    const stale = findScenario('stale-read')!;
    const run = new Timeline(stale);
    run.advance(stale.until);
    const log = run.events;
    const asked = log.findIndex((e) => e.type === 'clientRead' && e.node === 'S1');
    expect(explain(log, asked)).toMatchObject({ rule: expect.stringMatching(/unsafe/), cause: { kind: 'action', what: 'read' } });
    const flagged = log.findIndex((e) => e.type === 'staleRead');
    expect(explain(log, flagged)!.rule).toMatch(/x=2 had been acknowledged/);
    const safe = new Timeline({ ...stale, settings: { ...stale.settings, readMode: 'readIndex' } });
    safe.advance(stale.until);
    const round = safe.events.findIndex((e) => e.type === 'clientRead' && e.node === 'S1');
    expect(explain(safe.events, round)).toMatchObject({ paper: 'Processing read-only queries (Raft thesis §6.4)' });
  });
});
