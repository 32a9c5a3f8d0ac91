import { ScenarioError } from '../sim/validate.ts';
import type { SimDriver } from './driver.ts';
import { PROTOCOL_VERSION, type FromWorker, type ToWorker } from './protocol.ts';

/**
 * The worker's answer to one message from the page. Plain function, no worker globals: the
 * worker file only forwards messages here, and tests run it in-process behind a fake worker.
 */
export function serve(driver: SimDriver, msg: Request): FromWorker {
  try {
    return answer(driver, msg);
  } catch (error) {
    return failure(error);
  }
}

/** Every message but `cancel`, which only the session (session.ts) acts on. */
export type Request = Exclude<ToWorker, { readonly type: 'cancel' }>;

/** What the page is told when handling a message threw: a refused input, or a failed simulation. */
export function failure(error: unknown): FromWorker {
  if (error instanceof ScenarioError)
    return { type: 'error', v: PROTOCOL_VERSION, message: error.message, field: error.field, fatal: false };
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return { type: 'error', v: PROTOCOL_VERSION, message, field: null, fatal: true };
}

function answer(driver: SimDriver, msg: Request): FromWorker {
  if (msg.v !== PROTOCOL_VERSION) {
    throw new Error(`protocol version ${String(msg.v)} from the page, ${PROTOCOL_VERSION} in the worker: reload the page`);
  }
  if (msg.type === 'load') {
    driver.load(msg.scenario);
    return { type: 'loaded', v: PROTOCOL_VERSION, scenario: driver.scenario };
  }
  if (msg.type === 'explain') {
    return { type: 'explanation', v: PROTOCOL_VERSION, id: msg.id, eventId: msg.eventId, explanation: driver.explain(msg.eventId) };
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
    case 'watchGoal':
      driver.watchGoal(msg.watch, msg.goal, msg.since);
      break;
  }
  return { type: 'frame', v: PROTOCOL_VERSION, id: msg.id, frame: driver.frame(msg.spacetime) };
}
