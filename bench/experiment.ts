import { performance } from 'node:perf_hooks';
import { DEFAULT_CONFIG, ExperimentRunner, rangeLabel, type ExperimentConfig } from '../src/experiments/index.ts';

// How long the Figure 16 experiment takes, range by range, on one thread (as the CLI runs it by
// default; --workers 2 splits it). Prints figures; never asserts a timing.
//   npm run bench:experiment -- [trials per range, default 1000]

const trials = Number(process.argv[2] ?? DEFAULT_CONFIG.trials);
console.log(`Figure 16 experiment: ${trials} trials per range, one thread, cap ${DEFAULT_CONFIG.capMs / 1000} s.`);
console.log('range       wall s   cpu s   trials/s   sim s per wall s');
let wallTotal = 0;
let cpuTotal = 0;
for (const range of DEFAULT_CONFIG.ranges) {
  const config: ExperimentConfig = { ...DEFAULT_CONFIG, trials, ranges: [range] };
  const runner = new ExperimentRunner(config);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  runner.runBatch(runner.total);
  const wall = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0).user / 1e6;
  wallTotal += wall;
  cpuTotal += cpu;
  // Simulated time after the crash only: the setup before it is a few hundred ms per trial.
  const simulated = runner.trials().reduce((sum, t) => sum + t.downtimeMs, 0) / 1000;
  console.log(
    `${rangeLabel(range).padEnd(10)} ${wall.toFixed(2).padStart(7)} ${cpu.toFixed(2).padStart(7)} ${(trials / wall).toFixed(0).padStart(10)} ${(simulated / wall).toFixed(0).padStart(18)}`,
  );
}
console.log(`total      ${wallTotal.toFixed(2).padStart(7)} ${cpuTotal.toFixed(2).padStart(7)}`);
console.log('150-150 trials stop simulating once their split-vote loop is proven endless (src/experiments/livelock.ts);');
console.log('150-151 then dominates: its trials run until they elect, up to the cap.');
