import { describe, expect, it } from 'vitest';
import type { Simulation } from '../sim/simulation.ts';
import type { UntimedAction } from '../sim/scenario.ts';
import { Timeline } from '../sim/timeline.ts';
import { goalReached } from './goals.ts';
import { LESSONS } from './index.ts';
import { resolveSetup } from './setup.ts';
import type { Goal } from './types.ts';
import { roleOf } from '../engine/node.ts';

/** What a learner would click to reach each goal; null where watching is enough. */
function learnerAction(goal: Goal, sim: Simulation): UntimedAction | null {
  const leader = sim.leader();
  switch (goal.kind) {
    case 'leaderCrashed':
    case 'newLeaderAfterCrash':
      return leader ? { type: 'crash', node: leader } : null;
    case 'forcedTimeout': {
      const follower = sim.nodeStates.find((n) => roleOf(n) === 'follower' && sim.isAlive(n.id));
      return follower ? { type: 'timeoutNow', node: follower.id } : null;
    }
    case 'clientWriteAccepted':
    case 'clientAcked':
    case 'committed':
      return { type: 'write', key: 'x', value: 'lesson' };
    case 'split': {
      const others = sim.ids.filter((id) => id !== leader);
      const majority = [leader ?? others[0]!, ...others.filter((id) => id !== leader).slice(0, 2)];
      return { type: 'partition', groups: [majority, sim.ids.filter((id) => !majority.includes(id))] };
    }
    case 'healed':
      return { type: 'heal' };
    default:
      return null;
  }
}

describe('guided lessons', () => {
  for (const lesson of LESSONS) {
    it(`"${lesson.title}" can be walked through end to end, each task recognised when done`, () => {
      let timeline: Timeline | null = null;
      for (const step of lesson.steps) {
        const setup = resolveSetup(step.setup);
        if (setup) {
          timeline = new Timeline(setup.scenario);
          timeline.seek(setup.at);
        }
        expect(timeline, `step ${step.id} needs a run to continue`).not.toBeNull();
        const tl = timeline!;
        expect(step.text.length).toBeGreaterThan(40);
        if (!step.task) {
          tl.advance(tl.now + 500);
          continue;
        }
        const from = tl.events.length;
        const action = learnerAction(step.task.goal, tl.sim);
        if (action) {
          // A task that waits for a click must not already count as done before the click.
          expect(goalReached(step.task.goal, tl.events, from), `${lesson.id}/${step.id} done before acting`).toBe(false);
          tl.act(action);
        }
        let done = false;
        // Small steps, as the page checks every frame: the next step starts right after this one.
        for (let i = 0; i < 1000 && !done; i++) {
          tl.advance(tl.now + 10);
          done = goalReached(step.task.goal, tl.events, from);
        }
        expect(done, `${lesson.id}/${step.id}: ${step.task.prompt}`).toBe(true);
      }
    });
  }

  it('covers every idea of the lesson text', () => {
    const goals = new Set(LESSONS.flatMap((l) => l.steps.flatMap((s) => (s.task ? [s.task.goal.kind] : []))));
    for (const g of [
      'leaderElected',
      'newLeaderAfterCrash',
      'forcedTimeout',
      'committed',
      'clientAcked',
      'split',
      'minorityRefused',
      'healed',
      'violationSeen',
    ]) {
      expect(goals).toContain(g);
    }
  });
});
