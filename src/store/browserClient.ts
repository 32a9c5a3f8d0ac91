import type { FromExperimentWorker, ToExperimentWorker } from '../worker/experimentProtocol.ts';
import type { FromWorker, ToWorker } from '../worker/protocol.ts';
import type { LabClient } from './client.ts';

/** The lab's workers in a browser: real Web Workers, bundled by Vite from these URLs. */
export const browserClient: LabClient = {
  spawnSim(on) {
    const worker = new Worker(new URL('../worker/sim.worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (e: MessageEvent<FromWorker>) => on.message(e.data);
    worker.onerror = (e: ErrorEvent) => {
      e.preventDefault();
      on.error(`The simulation crashed: ${e.message || 'unknown error'}`);
    };
    worker.onmessageerror = () => on.error('The simulation sent a message the page could not read.');
    return { post: (m: ToWorker) => worker.postMessage(m), terminate: () => worker.terminate() };
  },
  spawnExperiment(on) {
    const worker = new Worker(new URL('../worker/experiment.worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (e: MessageEvent<FromExperimentWorker>) => on.message(e.data);
    worker.onerror = (e: ErrorEvent) => on.error(e.message || 'the experiment worker stopped');
    return { post: (m: ToExperimentWorker) => worker.postMessage(m), terminate: () => worker.terminate() };
  },
  cores: typeof navigator !== 'undefined' ? navigator.hardwareConcurrency || 2 : 2,
};
