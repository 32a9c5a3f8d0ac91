import { useBroken } from '../../store/brokenStore.ts';
import { usePresenter } from '../../store/presenter.ts';
import { useActions } from '../../store/context.ts';

/** The classroom entries: lessons, the broken-Raft switch, presenter view, full screen, keys. */
export function ClassroomBar() {
  const { openBrokenPanel, openLessonMenu, setHelp, toggleFullscreen, togglePresenter } = useActions();
  const presenter = usePresenter((s) => s.presenter);
  const fullscreen = usePresenter((s) => s.fullscreen);
  const brokenOpen = useBroken((s) => s.open);
  return (
    <div className="classroom-bar" role="toolbar" aria-label="Classroom">
      <button type="button" onClick={() => openLessonMenu(true)}>
        Lessons
      </button>
      <button type="button" className="broken-toggle" aria-pressed={brokenOpen} onClick={() => openBrokenPanel(!brokenOpen)}>
        <span aria-hidden="true">⚠ </span>Break Raft
      </button>
      <button type="button" aria-pressed={presenter} onClick={togglePresenter} title="P" aria-label="Presenter view">
        Presenter<span className="long"> view</span>
      </button>
      <button type="button" aria-pressed={fullscreen} onClick={toggleFullscreen} title="F" aria-label="Full screen">
        Full<span className="long"> screen</span>
      </button>
      <button type="button" onClick={() => setHelp(true)} aria-label="Keys: keyboard shortcuts" title="?">
        <span aria-hidden="true">⌨ </span>Keys
      </button>
    </div>
  );
}

/** What the last keyboard command did, shown briefly and read out. */
export function CommandEcho() {
  const text = usePresenter((s) => s.said);
  return (
    <p className="command-echo" role="status">
      {text}
    </p>
  );
}
