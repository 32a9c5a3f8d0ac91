import { create } from 'zustand';
import { BROKEN_DEMOS } from '../scenarios/broken/index.ts';
import { SCENARIO_VERSION } from '../sim/scenario.ts';
import type { BrokenRuleName } from '../sim/settings.ts';
import type { FigureThreeProperty, TraceEvent } from '../sim/trace.ts';
import { openRun } from './share.ts';
import { useSim } from './simStore.ts';
import { onHistory, traceHistory } from './traceHistory.ts';

export type ViolationEvent = Extract<TraceEvent, { type: 'violation' }>;

export interface BrokenState {
  /** The "What if Raft were broken" panel is open. */
  readonly open: boolean;
  /** Rules ticked in the panel (the run only changes when a broken run is started). */
  readonly chosen: readonly BrokenRuleName[];
  /** The first violation of each Figure 3 property in this run. */
  readonly firstBreak: Partial<Record<FigureThreeProperty, ViolationEvent>>;
}

export const useBroken = create<BrokenState>()(() => ({ open: false, chosen: [], firstBreak: {} }));

export const openBrokenPanel = (open: boolean): void => useBroken.setState({ open });

export function toggleRule(rule: BrokenRuleName, on: boolean): void {
  const { chosen } = useBroken.getState();
  useBroken.setState({ chosen: on ? [...chosen.filter((r) => r !== rule), rule] : chosen.filter((r) => r !== rule) });
}

/** A fresh run with the current settings and the chosen rules removed. */
export function startBrokenRun(): void {
  const { chosen } = useBroken.getState();
  if (chosen.length === 0) return;
  const settings = { ...useSim.getState().settings, broken: chosen };
  openRun({ version: SCENARIO_VERSION, settings, actions: [] }, 0, true);
}

/** The scripted scenario that shows what removing `rule` breaks. */
export function runBrokenDemo(rule: BrokenRuleName): void {
  const demo = BROKEN_DEMOS.find((d) => d.rule === rule);
  if (!demo) return;
  useBroken.setState({ chosen: [rule] });
  openRun(demo.scenario, 0, true);
}

/** Back to normal Raft: a new run with every rule in place (broken rules never carry over). */
export function normalRun(): void {
  const settings = { ...useSim.getState().settings, broken: [] };
  useBroken.setState({ chosen: [] });
  openRun({ version: SCENARIO_VERSION, settings, actions: [] }, 0, true);
}

onHistory((fresh, change) => {
  if (change !== 'append') {
    // A new run, or a jump back in time: only violations still in the past count.
    useBroken.setState({ firstBreak: {} });
    if (change === 'run') return;
  }
  let next: BrokenState['firstBreak'] | null = null;
  for (const e of change === 'rewind' ? traceHistory.events : fresh) {
    if (e.type !== 'violation') continue;
    const known = (next ?? useBroken.getState().firstBreak)[e.property];
    if (known) continue;
    next = { ...(next ?? useBroken.getState().firstBreak), [e.property]: e };
  }
  if (next) useBroken.setState({ firstBreak: next });
});
