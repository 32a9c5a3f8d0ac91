import { describe, expect, it } from 'vitest';
import { MomentFinder } from '../narration/moments.ts';
import { BROKEN_DEMOS } from '../scenarios/broken/index.ts';
import { SCENARIO_VERSION } from '../sim/scenario.ts';
import { DEFAULT_SETTINGS } from '../sim/settings.ts';
import { Timeline } from '../sim/timeline.ts';
import { RunFacts } from './facts.ts';
import { MAX_MOMENTS_PER_FRAME } from './protocol.ts';

const timeline = new Timeline({
  version: SCENARIO_VERSION,
  settings: { ...DEFAULT_SETTINGS, seed: 6 },
  actions: [
    { at: 800, type: 'write', key: 'x', value: '1' },
    { at: 1500, type: 'crashLeader' },
    {
      at: 3000,
      type: 'partition',
      groups: [
        ['S1', 'S2', 'S3'],
        ['S4', 'S5'],
      ],
    },
  ],
});
timeline.advance(6000);
const history = timeline.events;

describe('the facts the worker derives', () => {
  it('calls out, frame by frame, exactly the moments of one pass over the whole history', () => {
    const facts = new RunFacts();
    const sent = [];
    for (let end = 0; end <= history.length; end += 97) sent.push(...(facts.advance(history, end).moments ?? []));
    sent.push(...(facts.advance(history, history.length).moments ?? []));
    expect(sent).toEqual(new MomentFinder().find(history));
    expect(sent.some((m) => m.kind === 'refused')).toBe(true);
  });

  it('says nothing of a jump back, then goes on from there without repeating itself', () => {
    const facts = new RunFacts();
    facts.advance(history, history.length);
    const half = Math.floor(history.length / 2);
    expect(facts.advance(history, half).moments).toBeNull();
    const rest = facts.advance(history, history.length).moments!;
    const finder = new MomentFinder();
    finder.find(history.slice(0, half));
    // A jump forward says only the newest moments: the page has room for two at once.
    expect(rest).toEqual(finder.find(history.slice(half)).slice(-MAX_MOMENTS_PER_FRAME));
  });

  it('reports the first violation of each property once, and forgets it when the moment shown goes before it', () => {
    const demo = BROKEN_DEMOS.find((d) => d.breaks === 'ElectionSafety')!;
    const run = new Timeline(demo.scenario);
    run.advance(demo.scenario.until ?? 10_000);
    const events = run.events;
    const first = events.findIndex((e) => e.type === 'violation');
    const facts = new RunFacts();
    expect(facts.advance(events, first).firstBreaks).toEqual({});
    expect(facts.advance(events, events.length).firstBreaks?.ElectionSafety?.eventId).toBe(first);
    expect(facts.advance(events, events.length).firstBreaks).toBeNull();
    expect(facts.advance(events, first).firstBreaks).toEqual({});
  });

  it('reports a watched goal once pending and once done, under its watch number; a step without one is done where it began', () => {
    const facts = new RunFacts();
    const crash = history.findIndex((e) => e.type === 'crash');
    facts.advance(history, crash);
    facts.watchGoal(7, { kind: 'newLeaderAfterCrash' }, null, history, crash);
    expect(facts.advance(history, crash).goal).toEqual({ watch: 7, done: false, doneAt: null, at: null });
    expect(facts.advance(history, crash + 1).goal).toBeNull();
    const progress = facts.advance(history, history.length).goal!;
    expect(progress).toMatchObject({ watch: 7, done: true });
    expect(history[progress.doneAt!]).toMatchObject({ type: 'role', role: 'leader', t: progress.at });
    facts.watchGoal(8, null, null, history, history.length);
    expect(facts.advance(history, history.length).goal).toEqual({ watch: 8, done: true, doneAt: history.length, at: null });
  });
});
