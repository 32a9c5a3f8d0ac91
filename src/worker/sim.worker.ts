import { DEFAULT_SETTINGS } from '../sim/settings.ts';
import { SCENARIO_VERSION } from '../sim/scenario.ts';
import { SimDriver } from './driver.ts';
import { PROTOCOL_VERSION, type FromWorker, type ToWorker } from './protocol.ts';
import { WorkerSession } from './session.ts';

// Message passing only: every answer comes from the session (serve() for each request, long
// replays in slices), every decision about the run from SimDriver.
const driver = new SimDriver({ version: SCENARIO_VERSION, settings: DEFAULT_SETTINGS, actions: [] });

function post(message: FromWorker): void {
  self.postMessage(message);
}

const session = new WorkerSession(driver, post, { later: (fn) => setTimeout(fn, 0), now: () => performance.now() });

self.onmessage = (event: MessageEvent<ToWorker>) => session.receive(event.data);

post({ type: 'ready', v: PROTOCOL_VERSION });
