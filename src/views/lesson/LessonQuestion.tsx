import { useEffect } from 'react';
import type { Question } from '../../lessons/types.ts';

export interface LessonQuestionProps {
  readonly question: Question;
  /** The class's choice, or null while the question is open. */
  readonly answer: number | null;
  /** The run has shown what happened: the answer may be revealed. */
  readonly revealed: boolean;
  readonly onAnswer: (choice: number) => void;
}

/**
 * Predict, then see: the question is asked with the run paused; a click or the number key of a
 * choice answers it, the run plays on, and once it has shown what happens the answer and the
 * rule behind it are revealed.
 */
export function LessonQuestion({ question, answer, revealed, onAnswer }: LessonQuestionProps) {
  const open = answer === null && !revealed;
  useEffect(() => {
    if (!open) return;
    // While the question is open its number keys answer it, before the page's shortcuts (where
    // digits choose a server) see them; the run is paused, so nothing else needs them.
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || !/^[1-9]$/.test(e.key)) return;
      const target = e.target as HTMLElement | null;
      if (target && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.isContentEditable)) return;
      const choice = Number(e.key) - 1;
      if (choice >= question.choices.length) return;
      e.preventDefault();
      e.stopImmediatePropagation();
      onAnswer(choice);
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [open, question, onAnswer]);

  const right = answer === question.answer;
  return (
    <div className="lesson-question" data-question-state={revealed ? 'revealed' : open ? 'open' : 'answered'}>
      <p className="lesson-ask" id="lesson-ask">
        {question.ask}
      </p>
      <ol className="lesson-choices" aria-labelledby="lesson-ask">
        {question.choices.map((choice, i) => (
          <li key={choice}>
            <button
              type="button"
              disabled={!open}
              aria-pressed={answer === i}
              className={revealed && i === question.answer ? 'is-answer' : undefined}
              onClick={() => onAnswer(i)}
            >
              <kbd aria-hidden="true">{i + 1}</kbd> {choice}
            </button>
          </li>
        ))}
      </ol>
      {open && <p className="lesson-hint">Answer with a click or its number key; the run waits.</p>}
      {answer !== null && !revealed && (
        <p className="lesson-hint" role="status">
          Answer taken. Watch what happens.
        </p>
      )}
      {revealed && (
        <div className="lesson-reveal" role="status">
          <p>
            <strong>
              {answer === null
                ? `The answer: ${question.choices[question.answer]}.`
                : right
                  ? 'Right.'
                  : `Not quite: ${question.choices[question.answer]}.`}
            </strong>{' '}
            {question.reveal}
          </p>
          <p className="lesson-rule">{question.rule}</p>
        </div>
      )}
    </div>
  );
}
