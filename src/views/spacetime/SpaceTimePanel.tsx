import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { SpaceTimeMessage } from '../../worker/protocol.ts';
import { selectNodes, selectPlaying, selectSettings, useSim } from '../../store/simStore.ts';
import { selectHovered, selectWindow, useTravel } from '../../store/travelStore.ts';
import type { ClusterSettings } from '../../sim/settings.ts';
import { SpaceTimeDiagram } from './SpaceTimeDiagram.tsx';
import { NotDrawn } from '../NotDrawn.tsx';
import '../travel/travel.css';
import { useActions } from '../../store/context.ts';

/**
 * How much time the diagram spans: a couple of election timeouts, so a whole election (timeout,
 * requests, votes, first heartbeats) fits, and a message's slant stays readable.
 */
function spanFor(settings: ClusterSettings): number {
  return Math.min(5000, Math.max(250, Math.round(settings.electionTimeout[1] * 1.5)));
}

/** The space-time diagram, asking the worker for its window only while it is open. */
export function SpaceTimePanel() {
  const { markDirty, hoverMessage, setSpaceTimeSpan, setSpaceTimeInView, chooseMessage } = useActions();
  const card = useRef<HTMLDetailsElement>(null);
  const [open, setOpen] = useState(true);
  const settings = useSim(selectSettings);
  const nodes = useSim(selectNodes);
  const window = useTravel(selectWindow);
  const hovered = useTravel(selectHovered);
  const idKey = nodes.map((n) => n.id).join(',');
  const ids = useMemo(() => (idKey === '' ? [] : idKey.split(',')), [idKey]);
  const span = spanFor(settings);
  const playing = useSim(selectPlaying);
  const onChoose = useCallback(
    (m: SpaceTimeMessage, at: { x: number; y: number }, byKey: boolean, el: SVGElement) =>
      chooseMessage({ id: m.id, from: m.from, to: m.to, kind: m.kind, held: m.held, x: at.x, y: at.y, byKey, returnTo: el }),
    [],
  );

  useEffect(() => {
    setSpaceTimeSpan(open ? span : null);
    // A paused view asks for no frames: fetch one so the diagram appears at once.
    markDirty();
    return () => setSpaceTimeSpan(null);
  }, [open, span]);
  // Below the stage the diagram is often out of sight: then its window comes less often, and
  // coming back into sight fetches a fresh one at once.
  useEffect(() => {
    const el = card.current;
    if (!el || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver(([entry]) => {
      const inView = entry?.isIntersecting ?? true;
      setSpaceTimeInView(inView);
      if (inView) markDirty();
    });
    observer.observe(el);
    return () => {
      observer.disconnect();
      setSpaceTimeInView(true);
    };
  }, []);
  // While playing the window comes at most ten times a second; on pause, fetch the exact one.
  useEffect(() => {
    if (!playing) markDirty();
  }, [playing]);

  return (
    <details ref={card} className="card spacetime-card" open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>
        <span className="spacetime-title">Messages over time</span>
        <span className="hint">
          {' '}
          · the last {span} ms; hover an arrow to find the message on the ring, choose one in flight to drop, hold or delay it
        </span>
      </summary>
      {open && window && <NotDrawn count={window.skipped} what="older messages of this window" testId="spacetime-not-drawn" />}
      {open && window && ids.length > 0 && (
        <SpaceTimeDiagram
          ids={ids}
          messages={window.messages}
          now={window.to}
          from={window.from}
          to={window.to}
          highlight={hovered}
          onHover={hoverMessage}
          onChoose={onChoose}
        />
      )}
    </details>
  );
}
