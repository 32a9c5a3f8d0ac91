import { DEFAULT_SETTINGS } from '../sim/settings.ts';
import { SCENARIO_VERSION } from '../sim/scenario.ts';
import { ScenarioError } from '../sim/validate.ts';
import { SimDriver } from './driver.ts';
import { PROTOCOL_VERSION, type FromWorker, type ToWorker } from './protocol.ts';

// Message handling only: every decision about the run lives in SimDriver.
const driver = new SimDriver({ version: SCENARIO_VERSION, settings: DEFAULT_SETTINGS, actions: [] });

function post(message: FromWorker): void {
  self.postMessage(message);
}

function fail(error: unknown): void {
  if (error instanceof ScenarioError) {
    post({ type: 'error', v: PROTOCOL_VERSION, message: error.message, field: error.field, fatal: false });
  } else {
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    post({ type: 'error', v: PROTOCOL_VERSION, message, field: null, fatal: true });
  }
}

function handle(msg: ToWorker): void {
  if (msg.v !== PROTOCOL_VERSION) {
    throw new Error(`protocol version ${String(msg.v)} from the page, ${PROTOCOL_VERSION} in the worker: reload the page`);
  }
  if (msg.type === 'load') {
    driver.load(msg.scenario);
    post({ type: 'loaded', v: PROTOCOL_VERSION, scenario: driver.scenario });
    return;
  }
  driver.setVerbose(msg.verbose);
  switch (msg.type) {
    case 'frame':
      driver.advanceTo(msg.until);
      break;
    case 'step':
      driver.seek(msg.from);
      driver.step();
      break;
    case 'stepBack':
      driver.seek(msg.from);
      driver.stepBack();
      break;
    case 'seek':
      driver.seek(msg.t);
      break;
    case 'act':
      driver.seek(msg.at);
      driver.act(msg.action);
      break;
  }
  post({ type: 'frame', v: PROTOCOL_VERSION, id: msg.id, frame: driver.frame(msg.spacetime) });
}

self.onmessage = (event: MessageEvent<ToWorker>) => {
  try {
    handle(event.data);
  } catch (error) {
    fail(error);
  }
};

post({ type: 'ready', v: PROTOCOL_VERSION });
