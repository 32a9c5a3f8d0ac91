// A separate entry, run before the app's bundle: it only starts the simulation's worker.
import { startEarlyWorker } from './store/earlyWorker.ts';

startEarlyWorker();
