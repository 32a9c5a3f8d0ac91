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
  readonly until: number;
  /** Every election won, in the order won (a term appears twice only if Raft is broken). */
  readonly elections: readonly Election[];
  readonly final: readonly FinalNodeState[];
  readonly violations: readonly (Violation & { t: number })[];
}

/** Where trace lines go: one JSON object per call, without the newline. */
export type LineSink = (line: string) => void;

/** Run a scenario with the given seed to `until`; the trace, if wanted, ends with the final event. */
export function runScenario(scenario: Scenario, seed: number, until: number, trace: LineSink | null): RunReport {
  const elections: Election[] = [];
  const onEvent = (event: TraceEvent): void => {
    if (event.type === 'role' && event.role === 'leader') elections.push({ term: event.term, leader: event.node, t: event.t });
    if (trace) trace(traceLine(event));
  };
  const sim = Simulation.fromScenario({ ...scenario, settings: { ...scenario.settings, seed } }, { onEvent });
  sim.runUntil(until);
  sim.finish();
  return {
    name: scenario.name ?? null,
    seed,
    until,
    elections,
    final: sim.finalState(),
    violations: sim.violations,
  };
}
