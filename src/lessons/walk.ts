import { roleOf } from '../engine/node.ts';
import type { Simulation } from '../sim/simulation.ts';
import type { UntimedAction } from '../sim/scenario.ts';
import { Timeline } from '../sim/timeline.ts';
import { GoalWatch } from './goals.ts';
import { resolveSetup } from './setup.ts';
import type { Goal, Lesson, LessonStep } from './types.ts';

/** How far a step without a task plays on while the class reads it (about 5 s at lesson pace). */
export const READING_MS = 200;
/** How long a learner who does nothing is watched, to see that the step does not do itself. */
const IDLE_MS = 2000;
/** The walk advances the run by this much at a time, as the page shows it frame by frame. */
const SLICE_MS = 1;
/** A step's goal must come within this much cluster time, or the walk gives up on it. */
const GIVE_UP_MS = 5000;

/** What a learner would click to reach each goal; null where watching is enough. */
export function learnerAction(goal: Goal, sim: Simulation): UntimedAction | null {
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

/** One step as the walk saw it. */
export interface WalkedStep {
  readonly step: LessonStep;
  /** The events of the run (all of them, from its start) when the step appeared, and when it ended. */
  readonly startEvent: number;
  readonly endEvent: number;
  readonly startT: number;
  readonly endT: number;
  /** Where the learner's action came, if the step asked for one. */
  readonly acted: boolean;
  /** The goal was reached before the learner acted: the step did itself. */
  readonly doneBeforeAction: boolean;
  /** The goal was reached (or the step has none). */
  readonly done: boolean;
}

/** The moments of a step the walk shows to an observer. */
export type Moment = 'start' | 'during' | 'end';

export interface WalkObserver {
  /** The run at a moment of step `index`; `during` comes after each slice of play. */
  moment?(index: number, timeline: Timeline, moment: Moment): void;
  /** The run played on from `fromT` to its now; `waiting` says the class is waiting for the step's goal. */
  played?(index: number, timeline: Timeline, fromT: number, waiting: boolean): void;
}

/**
 * Walk a lesson as the page runs it for a learner who does each task at once: a step's scene is
 * set up (or the run kept, paused where the last step was done), its goal is watched from the
 * moment it appeared, the run plays until the goal is reached and pauses there; a step without
 * a task plays on while it is read. Pure: the same lesson walks the same way every time.
 */
export function walkLesson(lesson: Lesson, observer: WalkObserver = {}, idleAt: number | null = null): WalkedStep[] {
  let timeline: Timeline | null = null;
  let playing = false;
  const walked: WalkedStep[] = [];
  lesson.steps.forEach((step, index) => {
    if (idleAt !== null && index > idleAt) return;
    const setup = resolveSetup(step.setup);
    if (setup) {
      timeline = new Timeline(setup.scenario);
      timeline.seek(setup.at);
      playing = setup.play;
    } else {
      // Next plays on a continuing step (a question waits for its answer, which the walk gives at once).
      playing = true;
    }
    if (!timeline) throw new Error(`${lesson.id}/${step.id} continues a run, but no step before it set one up`);
    const tl: Timeline = timeline;
    const startEvent = tl.lastIndexAtOrBefore(tl.now) + 1;
    const startT = tl.now;
    observer.moment?.(index, tl, 'start');
    const play = (until: (t: number) => boolean, waiting: boolean): void => {
      while (!until(tl.now)) {
        const from = tl.now;
        tl.advance(from + SLICE_MS);
        observer.played?.(index, tl, from, waiting);
        observer.moment?.(index, tl, 'during');
      }
    };
    let acted = false;
    let doneBeforeAction = false;
    let done = true;
    if (!step.task) {
      if (playing) play((t) => t >= startT + READING_MS, false);
    } else {
      const watch = new GoalWatch(step.task.goal, startEvent);
      let read = 0;
      const reached = (): boolean => {
        for (; read < tl.lastIndexAtOrBefore(tl.now) + 1; read++) watch.see(tl.events[read]!, read);
        return watch.settle();
      };
      // `idleAt`: at that step the learner does nothing, and the walk ends there.
      const action = step.task.watch || index === idleAt ? null : learnerAction(step.task.goal, tl.sim);
      if (action) {
        doneBeforeAction = reached();
        tl.act(action);
        acted = true;
      }
      play((t) => reached() || t >= startT + (index === idleAt ? IDLE_MS : GIVE_UP_MS), true);
      done = reached();
    }
    observer.moment?.(index, tl, 'end');
    walked.push({
      step,
      startEvent,
      endEvent: tl.lastIndexAtOrBefore(tl.now) + 1,
      startT,
      endT: tl.now,
      acted,
      doneBeforeAction,
      done,
    });
  });
  return walked;
}
