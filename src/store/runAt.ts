import type { Scenario } from '../sim/scenario.ts';
import { load } from './client.ts';
import { live } from './live.ts';
import { markDirty } from './playback.ts';
import { useSim } from './simStore.ts';

/**
 * Start `scenario` and show it at simulated time `at`, playing or paused. Until the worker offers
 * time travel, a fresh run simply fast-forwards: the first frame asked for is the one at `at`.
 * This is the only place lessons and broken-Raft demos start a run, so switching it to the
 * timeline's seek is a one-line change.
 */
export function loadAt(scenario: Scenario, at: number, play: boolean): void {
  load(scenario);
  live.clock = Math.max(0, at);
  useSim.setState({ playing: play });
  markDirty();
}
