import { useEffect, useRef } from 'react';
import { LESSONS, useLesson } from '../../store/lessonStore.ts';
import { useActions } from '../../store/context.ts';

/** The way in: the four lessons with their summaries, as a dialog that takes focus and gives it back. */
export function LessonsMenu() {
  const { openLessonMenu, startLesson } = useActions();
  const open = useLesson((s) => s.menuOpen);
  const first = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (!open) return;
    const previous = document.activeElement as HTMLElement | null;
    first.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') openLessonMenu(false);
    };
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('keydown', onKey);
      previous?.focus();
    };
  }, [open]);
  if (!open) return null;
  return (
    <div className="help-backdrop" onClick={() => openLessonMenu(false)}>
      <div
        className="help-dialog lessons-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="lessons-title"
        onClick={(e) => e.stopPropagation()}
      >
        <h2 id="lessons-title">Lessons</h2>
        <p className="muted">Each lesson sets up the cluster for you, points at what to watch and waits while you try it.</p>
        <ol className="lesson-list">
          {LESSONS.map((l, i) => (
            <li key={l.id}>
              <button ref={i === 0 ? first : undefined} type="button" className="lesson-pick" onClick={() => startLesson(l.id)}>
                <strong>
                  {i + 1}. {l.title}
                </strong>
                <span>{l.summary}</span>
                <span className="muted">{l.steps.length} steps</span>
              </button>
            </li>
          ))}
        </ol>
        <button type="button" onClick={() => openLessonMenu(false)}>
          Close
        </button>
      </div>
    </div>
  );
}
