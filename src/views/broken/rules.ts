import type { BrokenRuleName } from '../../sim/settings.ts';
import type { FigureThreeProperty } from '../../sim/trace.ts';

/** Each rule that can be switched off, in plain words, and the rule of Raft it removes. */
export const RULE_TEXT: Record<BrokenRuleName, { readonly label: string; readonly keeps: string }> = {
  winWithoutMajority: {
    label: 'A candidate wins without a majority',
    keeps: 'Normally a candidate needs votes from more than half the cluster.',
  },
  voteTwice: { label: 'A server may vote twice in a term', keeps: 'Normally each server gives one vote per term.' },
  forgetVoteOnRestart: {
    label: 'A restarted server forgets whom it voted for',
    keeps: 'Normally the vote is saved to disk before it is sent.',
  },
  ignoreLogCheck: {
    label: 'Votes ignore whether the candidate’s log is up to date',
    keeps: 'Normally a server refuses a candidate whose log is behind its own.',
  },
  commitWithoutMajority: {
    label: 'A leader commits without a majority',
    keeps: 'Normally an entry is committed only once most servers store it.',
  },
  commitOldTermByCount: {
    label: 'A leader commits an earlier term’s entry by counting copies (Figure 8)',
    keeps: 'Normally a leader commits only entries of its own term by counting.',
  },
};

/** The five guarantees of Figure 3, in plain words. */
export const PROPERTY_TEXT: Record<FigureThreeProperty, { readonly name: string; readonly says: string }> = {
  ElectionSafety: { name: 'Election Safety', says: 'At most one leader in a term.' },
  LeaderAppendOnly: { name: 'Leader Append-Only', says: 'A leader never overwrites or deletes its own entries.' },
  LogMatching: { name: 'Log Matching', says: 'Two logs with the same entry at an index agree on everything before it.' },
  LeaderCompleteness: { name: 'Leader Completeness', says: 'A committed entry is in the log of every later leader.' },
  StateMachineSafety: { name: 'State Machine Safety', says: 'No two servers apply different entries at the same index.' },
};

export const PROPERTIES: readonly FigureThreeProperty[] = [
  'ElectionSafety',
  'LeaderAppendOnly',
  'LogMatching',
  'LeaderCompleteness',
  'StateMachineSafety',
];
