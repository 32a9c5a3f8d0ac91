import { useEffect, useState } from 'react';
import { onAnimationFrame } from '../../store/playback.ts';
import { selectHorizon, selectMarkers, selectRunScenario, useTravel } from '../../store/travelStore.ts';
import { seekTo, stepBackOnce, stepForwardOnce } from '../../store/travelActions.ts';
import { TimelineBar } from '../timeline/TimelineBar.tsx';
import './travel.css';

/** The timeline under the cluster, following the moment shown frame by frame. */
export function TimelinePanel() {
  const horizon = useTravel(selectHorizon);
  const markers = useTravel(selectMarkers);
  const until = useTravel(selectRunScenario)?.until ?? 0;
  const [now, setNow] = useState(0);
  // Whole milliseconds only: the playhead moves when the time shown does, not on every display frame.
  useEffect(() => onAnimationFrame((t) => setNow(Math.floor(t))), []);
  return (
    <section className="timeline-panel" aria-label="Timeline">
      <TimelineBar now={now} horizon={horizon} markers={markers} length={until} onSeek={seekTo} onStepBack={stepBackOnce} onStepForward={stepForwardOnce} />
    </section>
  );
}
