import { create } from 'zustand';
import { goalReached } from '../lessons/goals.ts';
import { findLesson, LESSONS } from '../lessons/index.ts';
import { lessonHash, parseLessonLink, type LessonPlace } from '../lessons/link.ts';
import { resolveSetup } from '../lessons/setup.ts';
import type { Lesson, LessonStep } from '../lessons/types.ts';
import { historyFrom, onHistory, traceHistory } from './traceHistory.ts';
import { openRun } from './share.ts';

export interface LessonState {
  /** The lesson being followed, or null in the free live view. */
  readonly lessonId: string | null;
  readonly step: number;
  /** Absolute history index where the current step began: only later events complete its task. */
  readonly from: number;
  /**
   * Simulated time the step's scene starts at. A fresh run fast-forwards to it, and what happened
   * on the way (the first election, say) is the scene, not the learner's doing.
   */
  readonly fromTime: number;
  readonly done: boolean;
  /**
   * Absolute history index of the frame in which the task was done. A following step that
   * continues the run counts from here, so what happens while the learner reads (a commit right
   * after the write) is not missed.
   */
  readonly doneAt: number | null;
  /**
   * A step that continues the run, opened directly (link, Back, Replay), starts from the scene of
   * an earlier step: these are the earlier tasks to redo first, in order.
   */
  readonly catchUp: readonly string[];
  /** The lesson list is open. */
  readonly menuOpen: boolean;
  /** What was wrong with a lesson link, in plain text. */
  readonly linkError: string | null;
}

export const useLesson = create<LessonState>()(() => ({
  lessonId: null,
  step: 0,
  from: 0,
  fromTime: 0,
  done: false,
  doneAt: null,
  catchUp: [],
  menuOpen: false,
  linkError: null,
}));

export const selectLesson = (s: LessonState): Lesson | null => (s.lessonId === null ? null : (findLesson(s.lessonId) ?? null));
export const currentStep = (s: LessonState): LessonStep | null => selectLesson(s)?.steps[s.step] ?? null;

export const openLessonMenu = (open: boolean): void => useLesson.setState({ menuOpen: open });
export const dismissLinkError = (): void => useLesson.setState({ linkError: null });

/** The nearest step at or before `index` that sets a scene (a continuing step has none of its own). */
function sceneStart(lesson: Lesson, index: number): number {
  for (let i = index; i > 0; i--) if (lesson.steps[i]!.setup.from !== 'continue') return i;
  return 0;
}

/** Goals the learner makes happen (the others come by watching). */
const ACTION_GOALS = new Set([
  'leaderCrashed',
  'newLeaderAfterCrash',
  'forcedTimeout',
  'clientWriteAccepted',
  'committed',
  'clientAcked',
  'split',
  'healed',
]);

/**
 * Go to step `index` of a lesson. `fresh` says the run must be set up even for a step that
 * continues (replay, back, a link); moving on with Next keeps the learner's run going.
 */
export function goToStep(lessonId: string, index: number, fresh: boolean): void {
  const lesson = findLesson(lessonId);
  const step = lesson?.steps[index];
  if (!lesson || !step) return;
  const start = fresh ? sceneStart(lesson, index) : index;
  const setup = resolveSetup(lesson.steps[start]!.setup);
  const catchUp = lesson.steps.slice(start, index).flatMap((s) => (s.task && ACTION_GOALS.has(s.task.goal.kind) ? [s.task.prompt] : []));
  const previous = useLesson.getState();
  const carryOn = !setup && previous.lessonId === lessonId && previous.step === index - 1 && previous.doneAt !== null;
  if (setup) openRun(setup.scenario, setup.at, setup.play);
  const from = carryOn ? previous.doneAt! : traceHistory.end;
  const fromTime = setup ? setup.at : 0;
  useLesson.setState({
    lessonId,
    step: index,
    from,
    fromTime,
    done: !step.task,
    doneAt: step.task ? null : from,
    catchUp,
    menuOpen: false,
    linkError: null,
  });
  // A goal already met by what the run shows at once (a scripted broken demo) counts as done.
  checkGoal();
}

export function startLesson(lessonId: string): void {
  goToStep(lessonId, 0, true);
}

export function nextStep(): void {
  const s = useLesson.getState();
  const lesson = selectLesson(s);
  if (!lesson) return;
  if (s.step + 1 >= lesson.steps.length) return exitLesson();
  goToStep(lesson.id, s.step + 1, false);
}

export function backStep(): void {
  const s = useLesson.getState();
  if (s.lessonId !== null && s.step > 0) goToStep(s.lessonId, s.step - 1, true);
}

export function replayStep(): void {
  const s = useLesson.getState();
  if (s.lessonId !== null) goToStep(s.lessonId, s.step, true);
}

export function exitLesson(): void {
  useLesson.setState({ lessonId: null, step: 0, done: false, doneAt: null });
  if (window.location.hash.startsWith('#lesson=')) history.replaceState(null, '', window.location.pathname + window.location.search);
}

/** The link to the current step, also put in the address bar so copying the URL works too. */
export function currentStepLink(): string | null {
  const s = useLesson.getState();
  if (s.lessonId === null) return null;
  const place: LessonPlace = { lesson: s.lessonId, step: s.step };
  history.replaceState(null, '', lessonHash(place));
  return window.location.href;
}

/** Open the lesson a link names, or say what is wrong with it. True when the hash was a lesson link. */
export function openLessonLink(hash: string): boolean {
  const result = parseLessonLink(hash);
  if (result === null) return false;
  if (result.ok) goToStep(result.place.lesson, result.place.step, true);
  else useLesson.setState({ linkError: result.message, lessonId: null });
  return true;
}

function checkGoal(frameStart = traceHistory.end): void {
  const s = useLesson.getState();
  const task = currentStep(s)?.task;
  if (!task || s.done) return;
  const { events, from: start } = historyFrom(s.from);
  let from = start;
  while (from < events.length && events[from]!.t < s.fromTime) from++;
  if (goalReached(task.goal, events, from)) useLesson.setState({ done: true, doneAt: Math.max(s.from, frameStart) });
}

onHistory((fresh, change) => {
  // A new run set up by this step starts the history again: the step begins at its start.
  if (change === 'run') useLesson.setState({ from: 0, doneAt: null });
  else checkGoal(traceHistory.end - fresh.length);
});

export { LESSONS };
