import { describe, expect, it } from 'vitest';
import { InProcessWorkers } from '../../test/support/labClient.ts';
import { BROKEN_DEMOS } from '../scenarios/broken/index.ts';
import { SCENARIO_VERSION, type Scenario } from '../sim/scenario.ts';
import { DEFAULT_SETTINGS } from '../sim/settings.ts';
import { Timeline } from '../sim/timeline.ts';
import { createLabStore } from './lab.ts';

// Facts about the run are derived in the worker from its whole history and only shown by the
// page: checked here through the real store around the real worker code, against the worker's
// own record of the run.

function lab(start: Scenario) {
  const workers = new InProcessWorkers();
  const page = createLabStore(workers);
  page.start(start);
  workers.flush();
  const playTo = (t: number) => {
    workers.flush();
    page.live.clock = t;
    page.connection.requestFrame(t, page.sim.getState().verbose);
    workers.flush();
  };
  return { page, workers, playTo, history: () => workers.driver!.history };
}

const plain: Scenario = { version: SCENARIO_VERSION, settings: { ...DEFAULT_SETTINGS, seed: 4 }, actions: [] };

describe('explanations, asked of the worker', () => {
  it('with "every message" off, name the exact message that set an event off', () => {
    const { page, workers, playTo, history } = lab(plain);
    for (let t = 50; t <= 1500; t += 50) playTo(t);
    expect(page.sim.getState().verbose).toBe(false);
    const feed = page.sim.getState().feed;
    // The page was sent no per-message event at all...
    expect(feed.some((f) => f.event.type === 'send' || f.event.type === 'deliver')).toBe(false);
    const win = feed.find((f) => f.event.type === 'role' && f.event.role === 'leader')!;
    const vote = feed.find((f) => f.event.type === 'vote')!;
    for (const item of [win, vote]) {
      page.actions.explainEvent(item.event, item.eventId);
      expect(page.explain.getState().explained).toMatchObject({ pending: true, why: null });
      workers.flush();
      const cause = page.explain.getState().explained!.why!.cause;
      // ...yet the cause is the very message the simulator stamped on the event, with its ends.
      const stamped = history()[item.eventId]!;
      expect(stamped).toEqual(item.event);
      expect(stamped.by.kind).toBe('message');
      const id = stamped.by.kind === 'message' ? stamped.by.id : -1;
      const sent = history().find((e) => e.type === 'send' && e.id === id);
      expect(sent?.type).toBe('send');
      if (sent?.type !== 'send') return;
      expect(cause).toEqual({ kind: 'message', id, from: sent.from, to: sent.to, what: sent.rpc.type });
    }
    page.dispose();
  });

  it('keeps the latest question only, and forgets it on a new run', () => {
    const { page, workers, playTo } = lab(plain);
    playTo(1500);
    const [a, b] = page.sim.getState().feed;
    page.actions.explainEvent(a!.event, a!.eventId);
    page.actions.explainEvent(b!.event, b!.eventId);
    workers.flush();
    expect(page.explain.getState().explained?.event).toBe(b!.event);
    page.actions.explainEvent(a!.event, a!.eventId);
    page.actions.applySettings(DEFAULT_SETTINGS);
    workers.flush();
    expect(page.explain.getState().explained).toBeNull();
    page.dispose();
  });
});

describe('the first violation of each Figure 3 property', () => {
  it('is found by the worker, only while its moment is in the past', () => {
    const demo = BROKEN_DEMOS.find((d) => d.breaks === 'StateMachineSafety')!;
    const truth = new Timeline(demo.scenario);
    truth.advance(demo.scenario.until ?? 10_000);
    const first = truth.events.findIndex((e) => e.type === 'violation' && e.property === 'StateMachineSafety');
    expect(first).toBeGreaterThan(0);
    const at = truth.events[first]!.t;
    const { page, workers, playTo } = lab(demo.scenario);
    for (let t = 100; t <= at + 500; t += 100) playTo(t);
    const shown = page.broken.getState().firstBreak.StateMachineSafety!;
    expect({ t: shown.t, eventId: shown.eventId }).toEqual({ t: at, eventId: first });
    page.actions.seekTo(at - 1);
    workers.flush();
    expect(page.broken.getState().firstBreak.StateMachineSafety).toBeUndefined();
    page.actions.seekTo(at + 200);
    workers.flush();
    expect(page.broken.getState().firstBreak.StateMachineSafety?.eventId).toBe(first);
    page.dispose();
  });
});

describe('callouts', () => {
  it('say the new leader as it happens, and nothing of a moment jumped back to', () => {
    const { page, workers, playTo } = lab(plain);
    for (let t = 50; t <= 1500; t += 50) playTo(t);
    const said = page.callouts.getState();
    expect(said.callouts.some((c) => c.kind === 'leader')).toBe(true);
    expect(said.spoken).not.toBe('');
    page.actions.seekTo(200);
    workers.flush();
    expect(page.callouts.getState().callouts).toEqual([]);
    page.dispose();
  });
});

describe('lesson goals, watched by the worker', () => {
  it('count only what happens after the step appeared', () => {
    const { page, playTo, history } = lab(plain);
    for (let t = 50; t <= 1500; t += 50) playTo(t);
    // A leader was elected before this step appeared: that is not the learner's doing.
    expect(history().some((e) => e.type === 'role' && e.role === 'leader')).toBe(true);
    page.lesson.setState({ lessonId: 'one-leader', step: 0 });
    const watch = page.connection.watchGoal({ kind: 'leaderElected' }, null);
    page.lesson.setState({ watch, done: false, doneAt: null });
    playTo(1600);
    expect(page.lesson.getState().done).toBe(false);
    // Crash the leader: the next election, after the step appeared, reaches the goal.
    page.actions.act({ type: 'crashLeader' });
    for (let t = 1650; t <= 4000 && !page.lesson.getState().done; t += 50) playTo(t);
    const { done, doneAt } = page.lesson.getState();
    expect(done).toBe(true);
    const reached = history()[doneAt!]!;
    expect(reached).toMatchObject({ type: 'role', role: 'leader' });
    expect(reached.t).toBeGreaterThan(1500);
    page.dispose();
  });

  it('a step that carries on counts from where the last one was done', () => {
    const { page, playTo, history } = lab(plain);
    for (let t = 50; t <= 1500; t += 50) playTo(t);
    const firstLeader = history().findIndex((e) => e.type === 'role' && e.role === 'leader');
    const watch = page.connection.watchGoal({ kind: 'leaderElected' }, firstLeader);
    page.lesson.setState({ lessonId: 'one-leader', step: 0, watch, done: false, doneAt: null });
    playTo(1550);
    expect(page.lesson.getState()).toMatchObject({ done: true, doneAt: firstLeader });
    page.dispose();
  });

  it('a whole lesson walked through the store: Next only after each task, done by the learner', () => {
    const { page, workers, playTo } = lab(plain);
    page.actions.startLesson('one-leader');
    workers.flush();
    for (let t = 50; t <= 3000 && !page.lesson.getState().done; t += 50) playTo(t);
    expect(page.lesson.getState()).toMatchObject({ step: 0, done: true });
    page.actions.nextStep();
    let t = page.live.clock;
    playTo((t += 500));
    // Sending a write is the task: it is not done until the learner sends one.
    expect(page.lesson.getState()).toMatchObject({ step: 1, done: false });
    page.actions.clientWrite();
    for (let i = 0; i < 40 && !page.lesson.getState().done; i++) playTo((t += 50));
    expect(page.lesson.getState()).toMatchObject({ step: 1, done: true });
    page.dispose();
  });

  it('the run holds where a goal was reached; the next step counts only what happens after it appeared', () => {
    const { page, workers, playTo, history } = lab(plain);
    page.actions.startLesson('log-replication');
    workers.flush();
    let t = page.live.clock;
    playTo((t += 20));
    page.actions.clientWrite();
    // The page plays on past the write before the worker's word that it was accepted arrives...
    page.live.clock = t + 80;
    page.connection.requestFrame(t + 80, false);
    workers.flush();
    workers.flush();
    const { done, doneAt } = page.lesson.getState();
    expect(done).toBe(true);
    // ...and goes back to the write's moment, paused.
    const write = history()[doneAt!]!;
    expect(write).toMatchObject({ type: 'clientWrite', accepted: true });
    expect(page.sim.getState().playing).toBe(false);
    expect(workers.driver!.now).toBe(write.t);
    page.actions.nextStep();
    workers.flush();
    // A question: the run waits, paused, for the answer.
    expect(page.lesson.getState()).toMatchObject({ step: 1, done: false, answer: null });
    expect(page.sim.getState().playing).toBe(false);
    page.actions.answerQuestion(1);
    expect(page.sim.getState().playing).toBe(true);
    t = write.t;
    for (let i = 0; i < 20 && !page.lesson.getState().done; i++) playTo((t += 5));
    const commit = history()[page.lesson.getState().doneAt!]!;
    expect(commit).toMatchObject({ type: 'commit' });
    expect(commit.t).toBeGreaterThan(write.t);
    expect(page.sim.getState().playing).toBe(false);
    page.dispose();
  });
});
