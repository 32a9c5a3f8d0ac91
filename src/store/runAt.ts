import type { Scenario } from '../sim/scenario.ts';
import { openRun } from './share.ts';

/**
 * Start `scenario` and show it at simulated time `at`, playing or paused: the timeline's
 * load-and-seek, the same entry point links use. Lessons and broken-Raft demos start runs here.
 */
export function loadAt(scenario: Scenario, at: number, play: boolean): void {
  openRun(scenario, at, play);
}
