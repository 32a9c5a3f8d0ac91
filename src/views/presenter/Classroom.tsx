import { useEffect } from 'react';
import { useLesson } from '../../store/lessonStore.ts';
import { usePresenter } from '../../store/presenter.ts';
import { BrokenPanel } from '../broken/BrokenPanel.tsx';
import { ExplainPanel } from '../explain/ExplainPanel.tsx';
import { LessonHost } from '../lesson/LessonHost.tsx';
import { LessonsMenu } from '../lesson/LessonsMenu.tsx';
import { Announcer } from '../narration/Callouts.tsx';
import { HelpOverlay } from '../shortcuts/HelpOverlay.tsx';
import { CommandEcho } from './ClassroomBar.tsx';
import { useCommands } from './useCommands.ts';
import './presenter.css';
import { useActions } from '../../store/context.ts';

/** Page-wide classroom parts: keyboard, dialogs, the live region, lesson links. */
export function ClassroomLayer() {
  const { openLessonLink, setHelp } = useActions();
  useCommands();
  const help = usePresenter((s) => s.help);
  useEffect(() => {
    const open = () => openLessonLink(window.location.hash);
    open();
    window.addEventListener('hashchange', open);
    return () => window.removeEventListener('hashchange', open);
  }, []);
  return (
    <>
      <Announcer />
      <CommandEcho />
      <LessonsMenu />
      {help && <HelpOverlay onClose={() => setHelp(false)} />}
    </>
  );
}

/** A lesson link that could not be followed, said in plain text (the hash is never rendered as HTML). */
export function LessonLinkError() {
  const { dismissLinkError } = useActions();
  const error = useLesson((s) => s.linkError);
  if (!error) return null;
  return (
    <div className="banner lesson-link-error" role="alert">
      <span>{error}</span>
      <button type="button" onClick={dismissLinkError}>
        Dismiss
      </button>
    </div>
  );
}

/** The classroom panels beside the cluster: the lesson, an explanation, the broken-Raft switch. */
export function ClassroomSide() {
  return (
    <>
      <LessonHost />
      <ExplainPanel />
      <BrokenPanel />
    </>
  );
}
