import { useEffect, useState, type ReactElement } from 'react';
import { createPortal } from 'react-dom';
import { useStore } from 'zustand';
import { useLab } from '../../store/context.ts';
import type { Follow } from '../../follow/follow.ts';
import { studentLink } from '../../follow/link.ts';
import { QrCode } from './QrCode.tsx';
import './follow.css';

/** The teacher's session: start it, show the code, the link and a QR code, and who follows. */
function TeacherDock({ follow }: { readonly follow: Follow }) {
  const { session, followers, status, problem, relay } = useStore(follow.view);
  const [open, setOpen] = useState(true);
  const link = session ? studentLink(window.location.href, relay, session) : null;
  // In presenter view the box takes its place in the lesson column, under the lesson: floating in a
  // corner it covered the lesson's task and buttons at 1280x720 and the timeline on a tablet.
  const presenter = useStore(useLab().presenter, (s) => s.presenter);
  const [slot, setSlot] = useState<HTMLElement | null>(null);
  useEffect(() => setSlot(presenter ? document.getElementById('follow-slot') : null), [presenter]);
  const placed = (box: ReactElement) => (slot ? createPortal(box, slot) : box);
  if (!open) {
    return placed(
      <button type="button" className="follow-dock follow-dock-closed" onClick={() => setOpen(true)}>
        {session ? `Session ${session} · ${followers} following` : 'Follow along'}
      </button>,
    );
  }
  return placed(
    <section
      className="follow-dock"
      aria-label="Follow along"
      data-follow-role="teacher"
      data-follow-status={status}
      data-follow-session={session ?? ''}
    >
      <div className="follow-head">
        <h2>Follow along</h2>
        <button type="button" className="ghost" onClick={() => setOpen(false)} aria-label="Hide follow along">
          Hide
        </button>
      </div>
      {!session ? (
        <>
          <p className="hint">Students open a link (or scan a code) and their page follows this run live.</p>
          <button type="button" className="primary" onClick={follow.startSession} disabled={status === 'connecting'}>
            {status === 'connecting' ? 'Connecting to the relay…' : 'Start a session'}
          </button>
        </>
      ) : (
        <>
          <p className="follow-code">
            Session <strong>{session}</strong> · <span data-followers={followers}>{followers} following</span>
            {status !== 'open' && <span className="follow-warn"> · reconnecting…</span>}
          </p>
          {link && <QrCode text={link} size={slot ? 136 : 168} label={`QR code of the link to follow session ${session}`} />}
          {link && (
            <input className="follow-link" readOnly value={link} aria-label="Link for students" onFocus={(e) => e.currentTarget.select()} />
          )}
          <button type="button" className="ghost" onClick={follow.endSession}>
            End session
          </button>
        </>
      )}
      {problem && (
        <p className="follow-warn" role="alert">
          {problem}
        </p>
      )}
    </section>,
  );
}

/** A student's page: it follows the teacher, says so, and lets them explore and come back. */
function StudentBar({ follow }: { readonly follow: Follow }) {
  const { session, status, steppedOut, synced, problem } = useStore(follow.view);
  const where = status !== 'open' ? 'connecting to the relay…' : !synced ? 'waiting for the teacher…' : null;
  return (
    <div
      className={`follow-bar${steppedOut ? ' follow-bar-out' : ''}`}
      role="status"
      data-follow-role="student"
      data-follow-status={status}
      data-stepped-out={steppedOut}
      data-synced={synced}
    >
      {steppedOut ? (
        <>
          <span>Exploring on your own.</span>
          <button type="button" className="primary" onClick={follow.rejoin}>
            Back to the teacher
          </button>
        </>
      ) : (
        <>
          <span>
            Following the teacher · session <strong>{session}</strong>
            {where && ` · ${where}`}
          </span>
          <button type="button" className="ghost" onClick={follow.stepOut}>
            Explore on my own
          </button>
        </>
      )}
      {problem && <span className="follow-warn">{problem}</span>}
    </div>
  );
}

export function FollowDock({ follow }: { readonly follow: Follow }) {
  return follow.view.getState().role === 'teacher' ? <TeacherDock follow={follow} /> : <StudentBar follow={follow} />;
}
