import { useEffect, useState } from 'react';
import { selectHorizon, selectInPast, selectMarkers, selectRunScenario, useTravel } from '../../store/travelStore.ts';
import { NotDrawn } from '../NotDrawn.tsx';
import { TimelineBar } from '../timeline/TimelineBar.tsx';
import './travel.css';
import { useLab } from '../../store/context.ts';

/** While playing, the playhead moves when it would move two pixels in 1000, at most 20 times a second. */
const MIN_STEP = 2 / 1000;
const MIN_REAL_MS = 50;

/** The timeline under the cluster, following the moment shown. */
export function TimelinePanel() {
  const lab = useLab();
  const { onAnimationFrame, seekTo, stepBackOnce, stepForwardOnce } = lab.actions;
  const horizon = useTravel(selectHorizon);
  const markers = useTravel(selectMarkers);
  const until = useTravel(selectRunScenario)?.until ?? 0;
  const inPast = useTravel(selectInPast);
  const markersSkipped = useTravel((s) => s.markersSkipped);
  const [now, setNow] = useState(0);
  useEffect(() => {
    let shown = 0;
    let at = 0;
    return onAnimationFrame((t) => {
      const ms = Math.floor(t);
      if (ms === shown) return;
      // Re-rendering the bar on every simulated millisecond cost more than the ring itself
      // (bench:ui); paused, every change shows at once (a seek, a step).
      const s = lab.sim.getState();
      const end = Math.max(lab.travel.getState().horizon, ms, 1000);
      const real = performance.now();
      if (s.playing && (Math.abs(ms - shown) < end * MIN_STEP || real - at < MIN_REAL_MS)) return;
      shown = ms;
      at = real;
      setNow(ms);
    });
  }, []);
  return (
    <section className="timeline-panel" aria-label="Timeline">
      <TimelineBar
        now={now}
        horizon={horizon}
        markers={markers}
        length={until}
        onSeek={seekTo}
        onStepBack={stepBackOnce}
        onStepForward={stepForwardOnce}
      />
      <NotDrawn count={markersSkipped} what="earlier marks" testId="marks-not-drawn" />
      {inPast && (
        <p className="timeline-past">
          Looking {(Math.max(0, horizon - now) / 1000).toFixed(2)} s back
          <span className="timeline-past-why">: Play replays the same run; an action here starts a new branch.</span>{' '}
          <button type="button" className="ghost" onClick={() => seekTo(horizon)}>
            Go to the latest moment
          </button>
        </p>
      )}
    </section>
  );
}
