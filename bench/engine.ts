import { performance } from 'node:perf_hooks';
import { Simulation } from '../src/sim/simulation.ts';
import { canCollect, heapUsed, mb, signedMb, thousands } from './measure.ts';
import { BENCH_SETTINGS, WRITES_PER_SECOND, writesBetween } from './workload.ts';

// How fast the simulator runs a long, busy, healthy cluster, and whether its memory grows with
// the run beyond what the logs must hold. It prints figures; it never asserts a timing.

const HOUR = 3_600_000;
const SLICE = 60_000;
const MARK = 600_000;

interface Mark {
  readonly minute: number;
  readonly heap: number;
  readonly entries: number;
}

interface RunResult {
  readonly wallMs: number;
  /** Process CPU time (all threads) in the timed part: steadier than wall time on a busy machine. */
  readonly cpuMs: number;
  readonly events: number;
  readonly marks: readonly Mark[];
  readonly commitIndex: number;
  readonly violations: number;
}

interface RunOptions {
  readonly checkInvariants: boolean;
  readonly writes: boolean;
  readonly duration: number;
}

function run({ checkInvariants, writes, duration }: RunOptions): RunResult {
  const sim = new Simulation(BENCH_SETTINGS, { checkInvariants });
  const marks: Mark[] = [{ minute: 0, heap: heapUsed(), entries: 0 }];
  let wallMs = 0;
  let cpuMs = 0;
  for (let t = 0; t < duration; t += SLICE) {
    const started = performance.now();
    const cpu = process.cpuUsage();
    if (writes) for (const write of writesBetween(t, t + SLICE)) sim.schedule(write);
    sim.runUntil(t + SLICE);
    wallMs += performance.now() - started;
    const used = process.cpuUsage(cpu);
    cpuMs += (used.user + used.system) / 1000;
    // Measured outside the timed part: a full collection is slow and no part of the simulator.
    if ((t + SLICE) % MARK === 0) marks.push({ minute: (t + SLICE) / 60_000, heap: heapUsed(), entries: longestLog(sim) });
  }
  const commitIndex = Math.min(...sim.nodeStates.map((n) => n.commitIndex));
  return { wallMs, cpuMs, events: sim.eventsProcessed, marks, commitIndex, violations: sim.violations.length };
}

function longestLog(sim: Simulation): number {
  return Math.max(...sim.nodeStates.map((n) => n.log.length));
}

function report(label: string, r: RunResult): void {
  const seconds = r.wallMs / 1000;
  console.log(`\n${label}`);
  console.log(`  wall time for one simulated hour  ${seconds.toFixed(2)} s   (CPU time ${(r.cpuMs / 1000).toFixed(2)} s)`);
  console.log(`  queue events processed            ${thousands(r.events)}`);
  console.log(`  events per wall second            ${thousands(r.events / seconds)}`);
  console.log(`  simulated s per wall second       ${thousands(HOUR / 1000 / seconds)}`);
  console.log(`  lowest commit index at the end    ${thousands(r.commitIndex)}   violations ${r.violations}`);
  console.log('  heap used (after GC) at 10-minute marks:');
  for (const m of r.marks) {
    console.log(`    ${String(m.minute).padStart(3)} min  ${mb(m.heap).padStart(9)}   log ${thousands(m.entries).padStart(6)} entries`);
  }
  const first = r.marks[1];
  const last = r.marks[r.marks.length - 1];
  if (first && last) console.log(`  heap growth 10 -> ${last.minute} min  ${signedMb(last.heap - first.heap)}`);
  if (first && last && last.entries > first.entries) {
    const perEntry = (last.heap - first.heap) / (last.entries - first.entries);
    console.log(`  heap growth per log entry (10 -> ${last.minute} min)  ${perEntry.toFixed(0)} bytes`);
  }
}

console.log(
  `Raft engine benchmark: ${BENCH_SETTINGS.nodes} nodes, heartbeat ${BENCH_SETTINGS.heartbeat} ms, ` +
    `${WRITES_PER_SECOND} client writes per simulated second, one simulated hour, no trace listener.`,
);
if (!canCollect()) console.log('(global.gc is unavailable: heap figures include garbage; run with node --expose-gc)');

// A short run first, so neither measured run pays for the JIT warming up.
run({ checkInvariants: true, writes: true, duration: SLICE });
report('invariant checks OFF', run({ checkInvariants: false, writes: true, duration: HOUR }));
report('invariant checks ON', run({ checkInvariants: true, writes: true, duration: HOUR }));
report(
  'control: no client writes, invariant checks ON (the heap should stay flat)',
  run({ checkInvariants: true, writes: false, duration: HOUR }),
);
console.log('\nLogs are never compacted, so with writes the heap grows by a roughly fixed number of bytes');
console.log('per entry: the entry and its strings (shared by all five logs), a slot in each log and, with');
console.log("checks on, the checker's per-index records. A leak shows as growth in the control run, or as");
console.log('10-minute steps that get larger as the run goes on.');
