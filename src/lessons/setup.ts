import { BROKEN_DEMOS } from '../scenarios/broken/index.ts';
import { findScenario } from '../scenarios/index.ts';
import type { Scenario } from '../sim/scenario.ts';
import { SCENES } from './scenes/index.ts';
import type { StepSetup } from './types.ts';

export interface ResolvedSetup {
  readonly scenario: Scenario;
  readonly at: number;
  readonly play: boolean;
}

/** The run a step starts from, or null to keep the current run going. */
export function resolveSetup(setup: StepSetup): ResolvedSetup | null {
  switch (setup.from) {
    case 'continue':
      return null;
    case 'library': {
      const scenario = findScenario(setup.scenario);
      if (!scenario) throw new Error(`lesson refers to an unknown scenario "${setup.scenario}"`);
      return { scenario, at: setup.at, play: setup.play };
    }
    case 'scene': {
      const scenario = SCENES.get(setup.scene);
      if (!scenario) throw new Error(`lesson refers to an unknown scene "${setup.scene}"`);
      return { scenario, at: setup.at, play: setup.play };
    }
    case 'broken': {
      const demo = BROKEN_DEMOS.find((d) => d.rule === setup.rule);
      if (!demo) throw new Error(`lesson refers to an unknown broken rule "${setup.rule}"`);
      return { scenario: demo.scenario, at: setup.at, play: setup.play };
    }
  }
}
