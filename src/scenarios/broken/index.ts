import type { Scenario } from '../../sim/scenario.ts';
import type { BrokenRuleName } from '../../sim/settings.ts';
import type { FigureThreeProperty } from '../../sim/trace.ts';
import { parseScenario } from '../../sim/validate.ts';
import commitWithoutMajority from './commit-without-majority.json';
import figure8Count from './figure-8-count.json';
import forgetVote from './forget-vote.json';
import ignoreLogCheck from './ignore-log-check.json';
import voteTwice from './vote-twice.json';
import winWithoutMajority from './win-without-majority.json';

/** One "what if Raft were broken" demonstration: a rule removed, and what that breaks. */
export interface BrokenDemo {
  readonly rule: BrokenRuleName;
  readonly scenario: Scenario;
  /** The Figure 3 property this scenario breaks when the rule is removed (and keeps otherwise). */
  readonly breaks: FigureThreeProperty;
}

export const BROKEN_DEMOS: readonly BrokenDemo[] = [
  { rule: 'winWithoutMajority', scenario: parseScenario(winWithoutMajority), breaks: 'ElectionSafety' },
  { rule: 'voteTwice', scenario: parseScenario(voteTwice), breaks: 'ElectionSafety' },
  { rule: 'forgetVoteOnRestart', scenario: parseScenario(forgetVote), breaks: 'ElectionSafety' },
  { rule: 'ignoreLogCheck', scenario: parseScenario(ignoreLogCheck), breaks: 'LeaderCompleteness' },
  { rule: 'commitWithoutMajority', scenario: parseScenario(commitWithoutMajority), breaks: 'StateMachineSafety' },
  { rule: 'commitOldTermByCount', scenario: parseScenario(figure8Count), breaks: 'StateMachineSafety' },
];
