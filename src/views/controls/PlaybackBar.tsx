import { selectPlaying, selectSpeed, useSim } from '../../store/simStore.ts';
import { describeSpeed, MAX_SPEED } from '../../store/speed.ts';
import { SimTime } from './SimTime.tsx';
import { useActions } from '../../store/context.ts';

/** The slider is logarithmic (1x slow motion to 100x), because speed is felt as a ratio. */
const toSlider = (speed: number) => Math.log10(speed) * 50;
const fromSlider = (v: number) => Math.round(10 ** (v / 50) * 10) / 10;

export function PlaybackBar() {
  const { setSpeed, stepOnce, togglePlay } = useActions();
  const playing = useSim(selectPlaying);
  const speed = useSim(selectSpeed);
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
      <label className="speed">
        <span className="label">Speed {speed < 10 ? speed.toFixed(1) : Math.round(speed)}×</span>
        <input
          type="range"
          aria-label="Speed"
          min={0}
          max={toSlider(MAX_SPEED)}
          step={1}
          value={toSlider(speed)}
          onChange={(e) => setSpeed(fromSlider(Number(e.target.value)))}
        />
        <span className="hint">
          {speed <= 1 ? 'slow motion · ' : ''}
          {describeSpeed(speed)}
        </span>
      </label>
      <SimTime />
    </div>
  );
}
