import { useState } from 'react';
import { selectLesson, useLesson } from '../../store/lessonStore.ts';
import { Highlights } from './Highlights.tsx';
import { LessonPanel } from './LessonPanel.tsx';
import { useActions } from '../../store/context.ts';
import { EmbedChoice } from '../share/EmbedChoice.tsx';

/** The lesson being followed, beside the cluster, with what its step points at. */
export function LessonHost() {
  const { answerQuestion, backStep, currentStepLink, exitLesson, nextStep, replayStep } = useActions();
  const lesson = useLesson(selectLesson);
  const step = useLesson((s) => s.step);
  const done = useLesson((s) => s.done);
  const answer = useLesson((s) => s.answer);
  const catchUp = useLesson((s) => s.catchUp);
  const [copied, setCopied] = useState<string | null>(null);
  const current = lesson?.steps[step];
  if (!lesson || !current) return null;
  const copyLink = () => {
    const link = currentStepLink();
    if (!link) return;
    // The link is in the address bar either way; the clipboard may be refused (no permission).
    void navigator.clipboard?.writeText(link).then(
      () => setCopied('Link copied.'),
      () => setCopied('The link is in the address bar.'),
    );
    setCopied('The link is in the address bar.');
  };
  return (
    <div className="lesson-host">
      {catchUp.length > 0 && !done && (
        <div className="lesson-catchup" role="note" aria-label="Before this step">
          <p>This step carries on from earlier ones. To set the scene again, first:</p>
          <ol>
            {catchUp.map((prompt) => (
              <li key={prompt}>{prompt}</li>
            ))}
          </ol>
        </div>
      )}
      <LessonPanel
        lesson={lesson}
        stepIndex={step}
        done={done}
        answer={answer}
        onAnswer={answerQuestion}
        onNext={nextStep}
        onBack={backStep}
        onReplay={replayStep}
        onExit={exitLesson}
        onCopyStepLink={copyLink}
      />
      {/* Keyed by the step: a snippet made for one step is not offered for the next. */}
      <div className="lesson-embed">
        <EmbedChoice key={`${lesson.id}-${step}`} lessonStepLink={currentStepLink} />
      </div>
      <Highlights highlights={current.highlights} note="The lesson points here." />
      {copied && (
        <p className="lesson-copied" role="status">
          {copied}
        </p>
      )}
    </div>
  );
}
