import type { FromExperimentWorker, ToExperimentWorker } from '../worker/experimentProtocol.ts';
import type { FromWorker, ToWorker } from '../worker/protocol.ts';
import type { LabClient } from './client.ts';
import { spawnWorker } from './spawnWorker.ts';
// The bundled, self-contained worker files (Vite builds them and gives their URLs).
import simWorkerUrl from '../worker/sim.worker.ts?worker&url';
import experimentWorkerUrl from '../worker/experiment.worker.ts?worker&url';

/** The lab's workers in a browser: real Web Workers, bundled by Vite from these URLs. */
export const browserClient: LabClient = {
  spawnSim(on) {
    const worker = spawnWorker(new URL(simWorkerUrl, window.location.href), {
      // The page checks every message's shape before using it (client.ts).
      message: (data) => on.message(data as FromWorker),
      error: (why) => on.error(`The simulation crashed: ${why}`),
      unreadable: () => on.error('The simulation sent a message the page could not read.'),
    });
    return { post: (m: ToWorker) => worker.post(m), terminate: () => worker.terminate() };
  },
  spawnExperiment(on) {
    const worker = spawnWorker(new URL(experimentWorkerUrl, window.location.href), {
      message: (data) => on.message(data as FromExperimentWorker),
      error: (why) => on.error(why || 'the experiment worker stopped'),
      unreadable: () => on.error('the experiment worker sent a message the page could not read'),
    });
    return { post: (m: ToExperimentWorker) => worker.post(m), terminate: () => worker.terminate() };
  },
  cores: typeof navigator !== 'undefined' ? navigator.hardwareConcurrency || 2 : 2,
};
