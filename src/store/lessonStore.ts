import { useStore } from 'zustand';
import { findLesson, LESSONS } from '../lessons/index.ts';
import { lessonHash, parseLessonLink, type LessonPlace } from '../lessons/link.ts';
import { resolveSetup } from '../lessons/setup.ts';
import type { Lesson, LessonStep } from '../lessons/types.ts';
import type { GoalProgress } from '../worker/protocol.ts';
import { useLab } from './context.ts';
import type { LabStore } from './lab.ts';

export interface LessonState {
  /** The lesson being followed, or null in the free live view. */
  readonly lessonId: string | null;
  readonly step: number;
  /**
   * The worker's watch over this step's goal: it counts only what happens after the step
   * appeared (after its scene is set up, so the first election on the way is not the learner's
   * doing) and reports progress under this number.
   */
  readonly watch: number | null;
  readonly done: boolean;
  /**
   * The id of the event that completed the task. The run pauses there, so what follows (a commit
   * right after the write) happens only after the next step appeared, where the class sees it.
   */
  readonly doneAt: number | null;
  /** The choice the class made for the step's question, or null while it is being asked. */
  readonly answer: number | null;
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

export const initialLesson = (): LessonState => ({
  lessonId: null,
  step: 0,
  watch: null,
  done: false,
  doneAt: null,
  answer: null,
  catchUp: [],
  menuOpen: false,
  linkError: null,
});

export function useLesson<T>(selector: (s: LessonState) => T): T {
  return useStore(useLab().lesson, selector);
}

export const selectLesson = (s: LessonState): Lesson | null => (s.lessonId === null ? null : (findLesson(s.lessonId) ?? null));
export const currentStep = (s: LessonState): LessonStep | null => selectLesson(s)?.steps[s.step] ?? null;

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

/** Following a lesson: its steps, their scenes and whether each step's task is done. */
export function createLessonActions(lab: LabStore) {
  const store = lab.lesson;
  const openLessonMenu = (open: boolean): void => store.setState({ menuOpen: open });
  const dismissLinkError = (): void => store.setState({ linkError: null });

  /**
   * Go to step `index` of a lesson. `fresh` says the run must be set up even for a step that
   * continues (replay, back, a link); moving on with Next keeps the learner's run going.
   */
  function goToStep(lessonId: string, index: number, fresh: boolean): void {
    const lesson = findLesson(lessonId);
    const step = lesson?.steps[index];
    if (!lesson || !step) return;
    const start = fresh ? sceneStart(lesson, index) : index;
    const setup = resolveSetup(lesson.steps[start]!.setup);
    const catchUp = lesson.steps
      .slice(start, index)
      .flatMap((s) => (s.task && !s.task.watch && ACTION_GOALS.has(s.task.goal.kind) ? [s.task.prompt] : []));
    // A question is asked with the run paused; any other step plays (Next after a paused goal plays on).
    const play = !step.question && (setup ? setup.play : true);
    // A step opened on its own whose earlier steps are all watched opens where they leave the scene.
    const at =
      start < index && step.setup.from === 'continue' && step.setup.at !== undefined && catchUp.length === 0 ? step.setup.at : setup?.at;
    if (setup) lab.actions.openRun(setup.scenario, at ?? setup.at, play);
    else if (play) lab.actions.play();
    else lab.actions.pause();
    // Queued after the scene's load and seek, so the worker counts only what happens from the
    // moment the step appeared: nothing done before it (while the last step was read) counts.
    const watch = lab.connection.watchGoal(step.task?.goal ?? null, null);
    store.setState({
      lessonId,
      step: index,
      watch,
      done: !step.task,
      doneAt: null,
      answer: null,
      catchUp,
      menuOpen: false,
      linkError: null,
    });
  }

  function startLesson(lessonId: string): void {
    goToStep(lessonId, 0, true);
  }

  function nextStep(): void {
    const s = store.getState();
    const lesson = selectLesson(s);
    if (!lesson) return;
    if (s.step + 1 >= lesson.steps.length) return exitLesson();
    goToStep(lesson.id, s.step + 1, false);
  }

  function backStep(): void {
    const s = store.getState();
    if (s.lessonId !== null && s.step > 0) goToStep(s.lessonId, s.step - 1, true);
  }

  function replayStep(): void {
    const s = store.getState();
    if (s.lessonId !== null) goToStep(s.lessonId, s.step, true);
  }

  function exitLesson(): void {
    store.setState({ lessonId: null, step: 0, watch: null, done: false, doneAt: null, answer: null });
    lab.connection.watchGoal(null, null);
    if (window.location.hash.startsWith('#lesson=')) history.replaceState(null, '', window.location.pathname + window.location.search);
  }

  /** The link to the current step, also put in the address bar so copying the URL works too. */
  function currentStepLink(): string | null {
    const s = store.getState();
    if (s.lessonId === null) return null;
    const place: LessonPlace = { lesson: s.lessonId, step: s.step };
    history.replaceState(null, '', lessonHash(place));
    return window.location.href;
  }

  /** Open the lesson a link names, or say what is wrong with it. True when the hash was a lesson link. */
  function openLessonLink(hash: string): boolean {
    const result = parseLessonLink(hash);
    if (result === null) return false;
    if (result.ok) goToStep(result.place.lesson, result.place.step, true);
    else store.setState({ linkError: result.message, lessonId: null });
    return true;
  }

  /** What the worker says of the watched goal: done, and at which event. */
  function goalProgress(progress: GoalProgress): void {
    const s = store.getState();
    // A step without a task is done from the start; the worker still says where it began.
    if (progress.watch !== s.watch || !progress.done || s.doneAt !== null || s.done) return;
    // Hold the moment: the class sees what the step announced, and what comes next waits for Next.
    // The page may have played a little past it while the worker's answer was on its way: go back
    // to the very moment, so what follows (a commit after the write) happens in the next step.
    if (progress.at !== null && lab.live.clock > progress.at) lab.actions.seekTo(progress.at);
    else lab.actions.pause();
    store.setState({ done: true, doneAt: progress.doneAt });
  }

  /** The class answered the step's question (choice `index`): the run plays on to show what happens. */
  function answerQuestion(index: number): void {
    const s = store.getState();
    const question = currentStep(s)?.question;
    if (!question || s.answer !== null || index < 0 || index >= question.choices.length) return;
    store.setState({ answer: index });
    if (!s.done) lab.actions.play();
  }

  return {
    openLessonMenu,
    dismissLinkError,
    goalProgress,
    answerQuestion,
    goToStep,
    startLesson,
    nextStep,
    backStep,
    replayStep,
    exitLesson,
    currentStepLink,
    openLessonLink,
  };
}

export { LESSONS };
