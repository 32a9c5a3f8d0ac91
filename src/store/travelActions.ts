import { requestSeek, requestStepBack } from './client.ts';
import { pause, stepOnce } from './actions.ts';

// Time travel as the views ask for it. Travelling pauses playback: a person scrubbing wants to
// look at a moment, not have it run away; Play goes on from wherever they stopped.

export function seekTo(t: number): void {
  pause();
  requestSeek(Math.max(0, Math.floor(t)));
}

export function stepBackOnce(): void {
  pause();
  requestStepBack();
}

export const stepForwardOnce = stepOnce;
