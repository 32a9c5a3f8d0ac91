import type { Scenario } from '../../sim/scenario.ts';
import { parseScenario } from '../../sim/validate.ts';
import checkQuorumLeaderCutOff from './checkquorum-leader-cut-off.json';
import partialConnectivityChurn from './partial-connectivity-churn.json';
import preVoteRejoin from './prevote-rejoin.json';

/**
 * The PreVote and CheckQuorum demonstrations of the Experiments page: a scenario, the
 * extensions it is about, and the claim, which holds with the extensions off one way and on the
 * other (src/experiments/demonstrations.test.ts checks both).
 */
export interface ExtensionDemo {
  readonly scenario: Scenario;
  /** The card's heading: what happens, in words (the scenario's name is a file slug). */
  readonly title: string;
  /** The settings to switch on to see the difference. */
  readonly extensions: readonly ('preVote' | 'checkQuorum')[];
  readonly without: string;
  readonly with: string;
}

export const EXTENSION_DEMOS: readonly ExtensionDemo[] = [
  {
    scenario: parseScenario(preVoteRejoin),
    title: 'A lone server rejoins the cluster',
    extensions: ['preVote'],
    without: 'a server cut off alone raises its term and, when it rejoins, forces a working leader to step down',
    with: 'the lone server keeps its term and the leader keeps leading',
  },
  {
    scenario: parseScenario(checkQuorumLeaderCutOff),
    title: 'A leader cut off from the majority',
    extensions: ['checkQuorum'],
    without: 'a leader cut off from the majority goes on believing it leads',
    with: 'a leader cut off from the majority steps down within an election timeout',
  },
  {
    scenario: parseScenario(partialConnectivityChurn),
    title: 'Two servers that each reach only part of the cluster',
    extensions: ['preVote', 'checkQuorum'],
    without: 'with S4 reaching only S2 and S5 only S3, leaders churn for as long as the links stay so',
    with: 'one leader stays in place',
  },
];

/** The demo's scenario with its extensions switched on or off. */
export function withExtensions(demo: ExtensionDemo, on: boolean): Scenario {
  const settings = { ...demo.scenario.settings };
  for (const key of demo.extensions) settings[key] = on;
  return { ...demo.scenario, settings };
}
