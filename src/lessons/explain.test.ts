import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../sim/settings.ts';
import { Timeline } from '../sim/timeline.ts';
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

describe('explain without per-message events', () => {
  it('names the vote reply that completed a majority, read from the vote events', () => {
    const t = 0;
    const events = [
      {
        t,
        by: { kind: 'message', id: 1 },
        type: 'vote',
        node: 'S2',
        candidate: 'S1',
        term: 1,
        granted: true,
        reason: null,
        votedFor: null,
        preVote: false,
      },
      {
        t,
        by: { kind: 'message', id: 2 },
        type: 'vote',
        node: 'S3',
        candidate: 'S1',
        term: 1,
        granted: true,
        reason: null,
        votedFor: null,
        preVote: false,
      },
      { t: 5, by: { kind: 'message', id: 4 }, type: 'role', node: 'S1', role: 'leader', term: 1, cause: 'wonElection' },
    ] as const;
    expect(explain(events, 2)!.cause).toMatchObject({ kind: 'message', from: 'S3', to: 'S1', what: 'RequestVoteReply' });
    expect(explain(events, 0)!.cause).toMatchObject({ kind: 'message', from: 'S1', to: 'S2', what: 'RequestVote' });
  });
});
