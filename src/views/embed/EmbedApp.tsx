import { MotionConfig } from 'motion/react';
import { useEffect, useRef } from 'react';
import { fullAppUrl } from '../../embed/embedUrl.ts';
import { useActions } from '../../store/context.ts';
import { currentStep, useLesson } from '../../store/lessonStore.ts';
import { selectPlaying, useSim } from '../../store/simStore.ts';
import { ClusterStatus } from '../ClusterStatus.tsx';
import { FailureBanner } from '../FailureBanner.tsx';
import { OpenProblemBanner } from '../share/OpenProblemBanner.tsx';
import { SimTime } from '../controls/SimTime.tsx';
import { Callouts } from '../narration/Callouts.tsx';
import { LessonQuestion } from '../lesson/LessonQuestion.tsx';
import '../lesson/lesson.css';
import { RingView } from '../ring/RingView.tsx';
import { Symbols } from '../ring/Symbols.tsx';
import { TimelinePanel } from '../travel/TimelinePanel.tsx';
import './embed.css';

/**
 * The page inside a teacher's slides or course page (`?embed=1`): the stage and a small bar, to
 * fit a frame from 480x320 up. It needs nothing the sandbox withholds (no storage, no clipboard,
 * no service worker), and "Open in the full app" carries the run to the same moment.
 */
export function EmbedApp() {
  const { answerQuestion, openLessonLink, shareUrl, stepOnce, togglePlay } = useActions();
  const playing = useSim(selectPlaying);
  const step = useLesson(currentStep);
  const catchUp = useLesson((s) => s.catchUp);
  const answer = useLesson((s) => s.answer);
  const done = useLesson((s) => s.done);
  const open = useRef<HTMLAnchorElement>(null);

  // A lesson step's snippet (`#lesson=...&step=N`): the step sets its scene, as in the full app.
  useEffect(() => {
    openLessonLink(window.location.hash);
  }, []);

  // The link is made as the pointer or the focus reaches it, so it holds the moment shown then.
  // A lesson step's page leads back to that step, which sets its own scene again.
  const refresh = () => {
    if (step) return;
    void shareUrl(fullAppUrl(window.location.href)).then((result) => {
      if (result && 'url' in result && open.current) open.current.href = result.url;
    });
  };

  return (
    <MotionConfig reducedMotion="user">
      <Symbols />
      <div className="embed">
        <div className="embed-bar" role="toolbar" aria-label="Playback">
          <button type="button" className="primary play" onClick={togglePlay} aria-label={playing ? 'Pause' : 'Play'}>
            <span aria-hidden="true">{playing ? '❚❚' : '▶'}</span> {playing ? 'Pause' : 'Play'}
          </button>
          <button type="button" onClick={stepOnce} aria-label="Step to next event" title="Pause and advance to the next event">
            <span aria-hidden="true">▶❙</span>
          </button>
          <SimTime />
          <a
            ref={open}
            className="embed-open"
            href={fullAppUrl(window.location.href)}
            target="_blank"
            rel="noopener"
            onPointerEnter={refresh}
            onFocus={refresh}
          >
            Open in the full app <span aria-hidden="true">↗</span>
          </a>
        </div>
        <FailureBanner />
        <OpenProblemBanner />
        <section className="card stage embed-stage" aria-label="Cluster">
          <div className="embed-status">
            <ClusterStatus />
          </div>
          {/* A lesson step's text sits above the ring, or beside it in a short, wide frame. */}
          <div className="embed-middle">
            {step && (
              <section className="embed-lesson" aria-labelledby="embed-step-title">
                <h2 id="embed-step-title">{step.title}</h2>
                <p>{step.text}</p>
                {/* A step that carries on from earlier ones opens at their scene: say what to do first. */}
                {catchUp.length > 0 && <p className="embed-catchup">First: {catchUp.join(' Then: ')}</p>}
                {/* Predict, then see, as in the full app: the run waits for the answer, then shows what happens. */}
                {step.question && <LessonQuestion question={step.question} answer={answer} revealed={done} onAnswer={answerQuestion} />}
              </section>
            )}
            <div className="stage-canvas">
              <RingView />
              <Callouts />
            </div>
          </div>
          <TimelinePanel />
        </section>
      </div>
    </MotionConfig>
  );
}
