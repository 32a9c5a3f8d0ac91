import { useActions } from '../store/context.ts';
import { selectReplay, useSim, type ReplayProgress } from '../store/simStore.ts';

/** "12 of 60 simulated minutes": the unit follows the distance, so both numbers read well. */
export function replayWords({ from, reached, target }: ReplayProgress): string {
  const span = target - from;
  const [unit, ms] = span >= 120_000 ? ['minutes', 60_000] : ['seconds', 1000];
  return `Replaying ${Math.floor((reached - from) / ms)} of ${Math.round(span / ms)} simulated ${unit}`;
}

/** A long replay is healthy work, not a freeze: say how far it is and let the person stop it. */
export function ReplayProgressBanner() {
  const { cancelReplay } = useActions();
  const replay = useSim(selectReplay);
  if (!replay) return null;
  return (
    <div className="banner banner-info" role="status" data-testid="replay-progress">
      <span>{replayWords(replay)}…</span>
      <progress max={replay.target - replay.from} value={replay.reached - replay.from} aria-label="Replay progress" />
      <button type="button" className="ghost" onClick={cancelReplay}>
        Stop here
      </button>
    </div>
  );
}
