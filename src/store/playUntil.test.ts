import { expect, it } from 'vitest';
import { InProcessWorkers } from '../../test/support/labClient.ts';
import { SCENARIO_VERSION } from '../sim/scenario.ts';
import { DEFAULT_SETTINGS } from '../sim/settings.ts';
import { createLabStore } from './lab.ts';

// A clip plays a window of the run and must end on its last moment exactly, whatever the pace.
it('playing until a moment stops the shown clock on that moment, paused, with its picture', () => {
  const workers = new InProcessWorkers();
  const lab = createLabStore(workers);
  lab.sim.setState({ speed: 250 });
  lab.start({ version: SCENARIO_VERSION, settings: DEFAULT_SETTINGS, actions: [] });
  workers.flush();
  lab.sim.setState({ playing: false });
  lab.playback.playUntil(700);
  let real = 0;
  for (let i = 0; i < 2000 && lab.sim.getState().playing; i++) {
    lab.playback.frame((real += 16));
    workers.flush();
  }
  lab.playback.frame((real += 16));
  workers.flush();
  expect(lab.sim.getState().playing).toBe(false);
  expect(lab.live.clock).toBe(700);
  expect(lab.live.frameNow).toBe(700);
  // Playing on afterwards is not held at the old end.
  lab.actions.play();
  for (let i = 0; i < 50; i++) {
    lab.playback.frame((real += 16));
    workers.flush();
  }
  expect(lab.live.clock).toBeGreaterThan(700);
  lab.dispose();
});
