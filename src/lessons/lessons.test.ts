import { describe, expect, it } from 'vitest';
import { LESSONS } from './index.ts';
import { walkLesson } from './walk.ts';

describe('guided lessons', () => {
  for (const lesson of LESSONS) {
    it(`"${lesson.title}" can be walked through end to end, each task recognised when done`, () => {
      for (const w of walkLesson(lesson)) {
        expect(w.step.text.length).toBeGreaterThan(40);
        if (!w.step.task) continue;
        expect(w.done, `${lesson.id}/${w.step.id}: ${w.step.task.prompt}`).toBe(true);
        // A task that waits for a click must not already count as done before the click.
        expect(w.doneBeforeAction, `${lesson.id}/${w.step.id} done before acting`).toBe(false);
        expect(w.acted, `${lesson.id}/${w.step.id}`).toBe(!w.step.task.watch);
      }
    });

    it(`"${lesson.title}": a step that asks for an action is not done while the learner does nothing`, () => {
      lesson.steps.forEach((step, index) => {
        if (!step.task || step.task.watch) return;
        const idle = walkLesson(lesson, {}, index).at(-1)!;
        expect(idle.step.id).toBe(step.id);
        expect(idle.done, `${lesson.id}/${step.id} did itself`).toBe(false);
      });
    });

    it(`"${lesson.title}": a step that says "watch" is done by what happens after it appeared`, () => {
      for (const w of walkLesson(lesson)) {
        if (!w.step.task?.watch) continue;
        expect(w.endEvent, `${lesson.id}/${w.step.id} was over as it appeared`).toBeGreaterThan(w.startEvent);
        expect(w.endT).toBeGreaterThan(w.startT);
      }
    });
  }

  it('a step opened on its own opens its scene where the steps before it leave it', () => {
    for (const lesson of LESSONS) {
      walkLesson(lesson).forEach((w, i) => {
        const setup = w.step.setup;
        if (setup.from !== 'continue' || setup.at === undefined) return;
        // Only for steps whose earlier steps of the scene are watched: nothing to redo by hand.
        const earlier = lesson.steps.slice(0, i);
        const sceneStep = earlier.map((s) => s.setup.from !== 'continue').lastIndexOf(true);
        for (const s of earlier.slice(sceneStep)) expect(!s.task || s.task.watch, `${lesson.id}/${s.id} asks for an action`).toBe(true);
        // The walk advances a millisecond at a time and the page holds the goal's exact moment.
        expect(Math.abs(w.startT - setup.at), `${lesson.id}/${w.step.id} opens at ${setup.at}, walked to ${w.startT}`).toBeLessThanOrEqual(
          1,
        );
      });
    }
  });

  it('covers every idea of the lesson text', () => {
    const goals = new Set(LESSONS.flatMap((l) => l.steps.flatMap((s) => (s.task ? [s.task.goal.kind] : []))));
    for (const g of [
      'leaderElected',
      'leaderCrashed',
      'forcedTimeout',
      'committed',
      'clientAcked',
      'split',
      'minorityRefused',
      'healed',
      'caughtUp',
      'truncated',
    ]) {
      expect(goals).toContain(g);
    }
  });

  it('each lesson asks the class at least one question before it shows the answer', () => {
    for (const lesson of LESSONS) {
      const asked = lesson.steps.filter((s) => s.question);
      expect(asked.length, lesson.id).toBeGreaterThan(0);
      for (const s of asked) {
        const q = s.question!;
        expect(q.choices.length).toBeGreaterThanOrEqual(2);
        expect(q.choices[q.answer]).toBeDefined();
        // The answer comes from the run: the question waits on a goal the run reaches by itself.
        expect(s.task?.watch, `${lesson.id}/${s.id}`).toBe(true);
      }
    }
  });
});
