import { useStore } from 'zustand';
import { BROKEN_DEMOS } from '../scenarios/broken/index.ts';
import { SCENARIO_VERSION } from '../sim/scenario.ts';
import type { BrokenRuleName } from '../sim/settings.ts';
import type { FirstBreaks, ViolationFact } from '../worker/protocol.ts';
import { useLab } from './context.ts';
import type { LabStore } from './lab.ts';

/** A violation the Figure 3 panel shows, with its event id to ask why. */
export type ViolationEvent = ViolationFact;

export interface BrokenState {
  /** The "What if Raft were broken" panel is open. */
  readonly open: boolean;
  /** Rules ticked in the panel (the run only changes when a broken run is started). */
  readonly chosen: readonly BrokenRuleName[];
  /** The first violation of each Figure 3 property up to the moment shown, as the worker found it. */
  readonly firstBreak: FirstBreaks;
}

export const initialBroken = (): BrokenState => ({ open: false, chosen: [], firstBreak: {} });

export function useBroken<T>(selector: (s: BrokenState) => T): T {
  return useStore(useLab().broken, selector);
}

/** The Break Raft panel, and the first violation of each property in the run. */
export function createBrokenActions(lab: LabStore) {
  const { broken } = lab;
  const openBrokenPanel = (open: boolean): void => broken.setState({ open });

  function toggleRule(rule: BrokenRuleName, on: boolean): void {
    const { chosen } = broken.getState();
    broken.setState({ chosen: on ? [...chosen.filter((r) => r !== rule), rule] : chosen.filter((r) => r !== rule) });
  }

  /** A fresh run with the current settings and the chosen rules removed. */
  function startBrokenRun(): void {
    const { chosen } = broken.getState();
    if (chosen.length === 0) return;
    const settings = { ...lab.sim.getState().settings, broken: chosen };
    lab.actions.openRun({ version: SCENARIO_VERSION, settings, actions: [] }, 0, true);
  }

  /** The scripted scenario that shows what removing `rule` breaks. */
  function runBrokenDemo(rule: BrokenRuleName): void {
    const demo = BROKEN_DEMOS.find((d) => d.rule === rule);
    if (!demo) return;
    broken.setState({ chosen: [rule] });
    lab.actions.openRun(demo.scenario, 0, true);
  }

  /** Back to normal Raft: a new run with every rule in place (broken rules never carry over). */
  function normalRun(): void {
    const settings = { ...lab.sim.getState().settings, broken: [] };
    broken.setState({ chosen: [] });
    lab.actions.openRun({ version: SCENARIO_VERSION, settings, actions: [] }, 0, true);
  }

  return { openBrokenPanel, toggleRule, startBrokenRun, runBrokenDemo, normalRun };
}
