import { DEFAULT_SETTINGS } from '../sim/settings.ts';
import { SCENARIO_VERSION } from '../sim/scenario.ts';
import { SimDriver } from './driver.ts';
import { PROTOCOL_VERSION, type FromWorker, type ToWorker } from './protocol.ts';
import { serve } from './serve.ts';

// Message passing only: every answer comes from serve(), every decision about the run from SimDriver.
const driver = new SimDriver({ version: SCENARIO_VERSION, settings: DEFAULT_SETTINGS, actions: [] });

function post(message: FromWorker): void {
  self.postMessage(message);
}

self.onmessage = (event: MessageEvent<ToWorker>) => post(serve(driver, event.data));

post({ type: 'ready', v: PROTOCOL_VERSION });
