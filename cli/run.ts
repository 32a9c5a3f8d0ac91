import type { Scenario } from '../src/sim/scenario.ts';
import { Simulation } from '../src/sim/simulation.ts';
import { traceLine, type FinalNodeState, type TraceEvent } from '../src/sim/trace.ts';
import type { Violation } from '../src/sim/invariants.ts';
import type { NodeId } from '../src/engine/types.ts';

export interface Election {
  readonly term: number;
  readonly leader: NodeId;
  /** Simulated ms at which it became leader. */
  readonly t: number;
}

/** What one headless run produced, for the summary. */
export interface RunReport {
  readonly name: string | null;
  readonly seed: number;
  /** The simulated time the run reached: the asked-for end, unless it was interrupted. */
  readonly until: number;
  /** The end that was asked for. */
  readonly planned: number;
  /** Stopped early by the person at the terminal (Ctrl-C). */
  readonly interrupted: boolean;
  /** Every election won, in the order won (a term appears twice only if Raft is broken). */
  readonly elections: readonly Election[];
  readonly final: readonly FinalNodeState[];
  readonly violations: readonly (Violation & { t: number })[];
}

/** Where trace lines go: one JSON object per call, without the newline. */
export type LineSink = (line: string) => void;

/**
 * Between slices of a run: told how far it got, returns false to stop there. It may return a
 * promise, so the caller can yield to the event loop (for Ctrl-C) and show progress.
 */
export type Checkpoint = (now: number, eventsProcessed: number) => boolean | Promise<boolean>;

/** Simulated ms per slice: small enough to stop promptly, large enough to cost nothing. */
const SLICE_MS = 1000;

/** Run a scenario with the given seed to `until`; the trace, if wanted, ends with the final event. */
export async function runScenario(
  scenario: Scenario,
  seed: number,
  until: number,
  trace: LineSink | null,
  checkpoint: Checkpoint | null = null,
): Promise<RunReport> {
  const elections: Election[] = [];
  const onEvent = (event: TraceEvent): void => {
    if (event.type === 'role' && event.role === 'leader') elections.push({ term: event.term, leader: event.node, t: event.t });
    if (trace) trace(traceLine(event));
  };
  const sim = Simulation.fromScenario({ ...scenario, settings: { ...scenario.settings, seed } }, { onEvent });
  let interrupted = false;
  if (checkpoint === null) sim.runUntil(until);
  else {
    for (let t = Math.min(until, SLICE_MS); ; t = Math.min(until, t + SLICE_MS)) {
      sim.runUntil(t);
      if (t >= until) break;
      const go = checkpoint(t, sim.eventsProcessed);
      if (go === false || (go !== true && !(await go))) {
        interrupted = true;
        break;
      }
    }
  }
  sim.finish();
  return {
    name: scenario.name ?? null,
    seed,
    until: sim.now,
    planned: until,
    interrupted,
    elections,
    final: sim.finalState(),
    violations: sim.violations,
  };
}
