import type { Lesson } from './types.ts';

export const quorum: Lesson = {
  id: 'quorum',
  title: 'Quorum and split-brain',
  summary:
    'Only a majority can elect or commit, and two majorities always share a server: so a split cluster can never have two working leaders.',
  steps: [
    {
      id: 'split',
      title: 'Split the network',
      text: 'Cut the network so three servers can talk to each other but not to the other two. Keep the leader on the side of three.',
      setup: { from: 'library', scenario: 'first-election', at: 1000, play: true },
      highlights: [{ kind: 'control', name: 'Split 3/2' }],
      task: { prompt: 'Press "Split 3/2" (leader in the majority).', goal: { kind: 'split' } },
    },
    {
      id: 'minority',
      title: 'The side of two cannot elect',
      text:
        'The two cut-off servers stop hearing heartbeats, time out and stand for election, again and again, in higher and higher terms. Each can get at most two votes, and three are needed. ' +
        'Rather than risk a second leader, they do nothing.',
      setup: { from: 'continue' },
      highlights: [{ kind: 'minority' }, { kind: 'terms' }],
      task: { prompt: 'Watch a minority server try and fail.', goal: { kind: 'minorityRefused' } },
    },
    {
      id: 'majority-works',
      title: 'The side of three keeps working',
      text: 'The majority still has a leader and enough servers to commit. Writes keep succeeding there.',
      setup: { from: 'continue' },
      highlights: [{ kind: 'leader' }, { kind: 'control', name: 'Client write' }],
      task: { prompt: 'Send a client write and watch it commit.', goal: { kind: 'committed' } },
    },
    {
      id: 'heal',
      title: 'Heal the split',
      text: "Reconnect the network. The minority's higher terms cause one more election, won by a server whose log holds every committed write, and all logs converge on the same entries.",
      setup: { from: 'continue' },
      highlights: [{ kind: 'control', name: 'Heal' }],
      task: { prompt: 'Press "Heal".', goal: { kind: 'healed' } },
    },
    {
      id: 'old-leader',
      title: 'A leader caught on the small side',
      text:
        'Now the leader S1 ends up with only one other server. It still thinks it leads and keeps sending, but it cannot reach a majority, so none of its new writes commit. ' +
        'The other three elect a new leader in a higher term. On the heal, S1 steps down and its uncommitted writes are replaced.',
      setup: { from: 'library', scenario: 'split-3-2-leader-minority', at: 900, play: true },
      highlights: [{ kind: 'node', node: 'S1' }, { kind: 'log' }],
    },
    {
      id: 'overlap',
      title: 'Why committed writes survive',
      text:
        'A write is committed only once a majority stores it, and a leader needs a majority of votes. Any two majorities of five share at least one server, and that server refuses to vote for a candidate whose log is missing the write. ' +
        'So every new leader already holds every committed write. Turn the rule off in "What if Raft were broken" to see what goes wrong without it.',
      setup: { from: 'broken', rule: 'ignoreLogCheck', at: 1000, play: true },
      highlights: [{ kind: 'violations' }],
      task: { prompt: 'Watch the broken run lose committed writes.', goal: { kind: 'violationSeen' } },
      paper: 'Leader Completeness, §5.4',
    },
  ],
};
