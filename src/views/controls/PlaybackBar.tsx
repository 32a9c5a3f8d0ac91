import { selectPlaying, selectSettings, selectSpeed, useSim } from '../../store/simStore.ts';
import { describeCrossing, describeSpeed, MAX_SPEED, MIN_SPEED } from '../../store/speed.ts';
import { PaceBadge } from './PaceBadge.tsx';
import { SimTime } from './SimTime.tsx';
import { useActions } from '../../store/context.ts';

/**
 * Play, step and speed. Speed moves in steps with Slower/Faster buttons (and the - and + keys),
 * not a slider: a focused slider would keep the arrow keys the shortcuts use.
 */
export function PlaybackBar() {
  const { faster, setFastForward, slower, stepOnce, togglePlay } = useActions();
  const playing = useSim(selectPlaying);
  const speed = useSim(selectSpeed);
  const latency = useSim(selectSettings).latency;
  const fastForward = useSim((s) => s.fastForward);
  return (
    <div className="playback" role="toolbar" aria-label="Playback">
      <button type="button" className="primary play" onClick={togglePlay} aria-label={playing ? 'Pause' : 'Play'}>
        <span aria-hidden="true">{playing ? '❚❚' : '▶'}</span> {playing ? 'Pause' : 'Play'}
      </button>
      <button
        type="button"
        onClick={stepOnce}
        aria-label="Step to next event"
        title="Pause and advance to the next moment anything happens"
      >
        <span aria-hidden="true">▶❙</span> Step
      </button>
      <div className="speed" role="group" aria-label="Speed">
        <button type="button" className="speed-step" onClick={slower} disabled={speed <= MIN_SPEED} aria-label="Slower" title="Slower (-)">
          <span aria-hidden="true">−</span>
        </button>
        <output className="speed-text" data-speed={speed} aria-live="polite">
          <span className="speed-main">{describeSpeed(speed)}</span>
          <span className="hint">{describeCrossing(speed, latency)}</span>
        </output>
        <button type="button" className="speed-step" onClick={faster} disabled={speed >= MAX_SPEED} aria-label="Faster" title="Faster (+)">
          <span aria-hidden="true">+</span>
        </button>
      </div>
      <label className="ff-toggle" title="While nothing is on the wire and only timers drain, run fast; slow down before the next event">
        <input type="checkbox" checked={fastForward} onChange={(e) => setFastForward(e.target.checked)} />
        skip quiet
      </label>
      <SimTime />
      <PaceBadge />
    </div>
  );
}
