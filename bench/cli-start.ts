/**
 * How long the command line takes to start: `node cli/launch.mjs sim --help` (what `npm run sim`
 * runs, minus npm's own start-up) against the same file through tsx, 10 runs each after a warm-up.
 * Prints figures; asserts nothing.   npm run bench:cli
 */
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';

function median(cmd: string, args: readonly string[]): number {
  spawnSync(cmd, args); // warm-up (and, for the launcher, a rebuild of a stale bundle)
  const times: number[] = [];
  for (let i = 0; i < 10; i++) {
    const t0 = performance.now();
    spawnSync(cmd, args);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[5]!;
}

const compiled = median(process.execPath, ['cli/launch.mjs', 'sim', '--help']);
const tsx = median(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'cli/sim.ts', '--help']);
console.log(`compiled bundle (npm run sim)  start ${compiled.toFixed(0)} ms median of 10   goal under 200 ms`);
console.log(`through tsx                    start ${tsx.toFixed(0)} ms median of 10`);
