import { memo, useRef } from 'react';
import type { Lesson } from '../../lessons/types.ts';
import { LessonQuestion } from './LessonQuestion.tsx';
import { useKeepInSight } from './keepInSight.ts';
import './lesson.css';

export interface LessonPanelProps {
  readonly lesson: Lesson;
  readonly stepIndex: number;
  /** The current step's task has been done (or it has none). */
  readonly done: boolean;
  /** The class's answer to the step's question, if it has one. */
  readonly answer: number | null;
  readonly onAnswer: (choice: number) => void;
  readonly onNext: () => void;
  readonly onBack: () => void;
  readonly onReplay: () => void;
  readonly onExit: () => void;
  readonly onCopyStepLink: () => void;
}

/** One step of a guided lesson: what to look at, what to do, and how far along we are. */
export const LessonPanel = memo(function LessonPanel({
  lesson,
  stepIndex,
  done,
  answer,
  onAnswer,
  onNext,
  onBack,
  onReplay,
  onExit,
  onCopyStepLink,
}: LessonPanelProps) {
  const step = lesson.steps[stepIndex];
  const section = useRef<HTMLElement>(null);
  useKeepInSight(section, [step?.id, done, answer]);
  if (!step) return null;
  const last = stepIndex === lesson.steps.length - 1;
  const canGoOn = done || !step.task;
  return (
    <section
      ref={section}
      className="lesson"
      data-step-done={done}
      aria-labelledby="lesson-step-title"
      data-lesson={lesson.id}
      data-step={step.id}
    >
      <header className="lesson-head">
        <p className="lesson-name">{lesson.title}</p>
        <ol className="lesson-progress" aria-label={`Step ${stepIndex + 1} of ${lesson.steps.length}`}>
          {lesson.steps.map((s, i) => (
            <li
              key={s.id}
              className={i < stepIndex ? 'is-past' : i === stepIndex ? 'is-current' : ''}
              aria-current={i === stepIndex ? 'step' : undefined}
            >
              <span className="visually-hidden">{`Step ${i + 1}: ${s.title}`}</span>
            </li>
          ))}
        </ol>
        <button type="button" className="lesson-exit" onClick={onExit} aria-label="Leave the lesson">
          ✕
        </button>
      </header>
      <h2 id="lesson-step-title">{step.title}</h2>
      <p className="lesson-text">{step.text}</p>
      {step.question && <LessonQuestion question={step.question} answer={answer} revealed={done} onAnswer={onAnswer} />}
      {step.task && (step.question ? done || answer !== null : true) && (
        <p className={`lesson-task${done ? ' is-done' : ''}`} role="status">
          <span aria-hidden="true">{done ? '✓' : '→'}</span> {done ? `Done: ${step.task.prompt}` : step.task.prompt}
        </p>
      )}
      {step.paper && <p className="lesson-paper">In the Raft paper: {step.paper}</p>}
      <footer className="lesson-actions">
        <button type="button" onClick={onBack} disabled={stepIndex === 0}>
          Back
        </button>
        <button type="button" onClick={onReplay}>
          Replay step
        </button>
        <button type="button" onClick={onCopyStepLink}>
          Link to step
        </button>
        <button type="button" className="primary" onClick={onNext} disabled={!canGoOn}>
          {last ? 'Finish' : 'Next'}
        </button>
      </footer>
    </section>
  );
});
