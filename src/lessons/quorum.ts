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
      claims: [{ kind: 'leads', node: 'S2', term: 1, when: 'end' }],
    },
    {
      id: 'minority',
      title: 'The side of two cannot elect',
      text: 'The two cut-off servers no longer hear the leader’s heartbeats, so their countdowns run out.',
      setup: { from: 'continue' },
      highlights: [{ kind: 'minority' }, { kind: 'terms' }],
      question: {
        ask: 'Can the two cut-off servers elect a leader of their own?',
        choices: ['Yes: they vote for each other', 'No: a candidate needs 3 votes and only 2 servers can hear it'],
        answer: 1,
        reveal:
          'One of them stood for election in a higher term and got 2 votes of the 3 it needs, so it stays a candidate. While the split lasts that side keeps trying, in higher and higher terms, and never elects a leader: nothing can be committed there.',
        rule: 'Election Safety (§5.2): a leader needs the votes of a majority of the whole cluster.',
      },
      task: { prompt: 'Watch a cut-off server try and fail.', goal: { kind: 'minorityRefused' }, watch: true },
      claims: [
        { kind: 'noLeaderElected', among: 'all' },
        { kind: 'mostVotes', term: null, most: 2, needed: 3 },
        { kind: 'leads', node: 'S2', term: 1, when: 'end' },
      ],
    },
    {
      id: 'majority-works',
      title: 'The side of three keeps working',
      text: 'The side of three still has its leader, S2, and enough servers to commit. Writes keep succeeding there.',
      setup: { from: 'continue' },
      highlights: [{ kind: 'leader' }, { kind: 'control', name: 'Client write' }],
      task: { prompt: 'Send a client write and watch it commit.', goal: { kind: 'committed' } },
      claims: [
        { kind: 'write', node: 'S2', value: null, accepted: true },
        { kind: 'newestCommitted', committed: true, when: 'end' },
      ],
    },
    {
      id: 'heal',
      title: 'Heal the split',
      text: 'Reconnect the network, and watch what the higher terms of the side of two do.',
      setup: { from: 'continue' },
      highlights: [{ kind: 'control', name: 'Heal' }],
      task: { prompt: 'Press "Heal".', goal: { kind: 'healed' } },
      claims: [{ kind: 'leads', node: 'S2', term: 1, when: 'end' }],
    },
    {
      id: 'rejoin',
      title: 'One more election',
      text:
        'The servers that were cut off come back with a higher term. The leader hears it, steps down, and one more election follows. ' +
        'They missed the latest write, so they cannot win it: a server refuses its vote to a candidate whose log is behind its own. The winner holds every committed write.',
      setup: { from: 'continue' },
      highlights: [{ kind: 'terms' }, { kind: 'candidates' }],
      task: { prompt: 'Watch the cluster elect a leader again.', goal: { kind: 'leaderElected' }, watch: true },
      paper: 'Election restriction, §5.4.1',
      claims: [
        { kind: 'stepsDown', node: 'S2' },
        { kind: 'voteRefused', reason: 'logBehind' },
        { kind: 'leads', node: null, term: 5, when: 'end' },
        { kind: 'noViolation' },
      ],
    },
    {
      id: 'old-leader',
      title: 'A leader caught on the small side',
      text:
        'A new run: the leader S1 has just been cut off with only S2. It still thinks it leads and accepts x=lost, but it cannot reach a majority, so x=lost is never committed. ' +
        'The other three elect S4 in term 2 and commit x=2.',
      setup: { from: 'scene', scene: 'leader-cut-off', at: 205, play: true },
      highlights: [{ kind: 'node', node: 'S1' }, { kind: 'log' }],
      task: { prompt: 'Watch the side of three elect a leader and commit x=2.', goal: { kind: 'clientAcked' }, watch: true },
      claims: [
        { kind: 'cutOff', nodes: ['S1', 'S2'], when: 'start' },
        { kind: 'leads', node: 'S1', term: 1, when: 'start' },
        { kind: 'write', node: 'S1', value: 'lost', accepted: true },
        { kind: 'leadersAtOnce', nodes: ['S1', 'S4'], when: 'end' },
        { kind: 'leads', node: 'S4', term: 2, when: 'end' },
        { kind: 'holds', nodes: ['S1', 'S2'], key: 'x', value: 'lost', committed: false, when: 'end' },
        { kind: 'lacks', nodes: ['S3', 'S4', 'S5'], key: 'x', value: 'lost', when: 'end' },
        { kind: 'holds', nodes: ['S4'], key: 'x', value: '2', committed: true, when: 'end' },
      ],
    },
    {
      id: 'old-leader-heals',
      title: 'What the heal does to x=lost',
      text: 'The network is about to heal. S1 holds x=lost, which it accepted as leader but never committed; at that place in S4’s log is the no-op of term 2, and after it x=2.',
      setup: { from: 'continue', at: 336 },
      highlights: [{ kind: 'node', node: 'S1' }, { kind: 'log' }],
      question: {
        ask: 'When the network heals, what happens to S1’s x=lost?',
        choices: [
          'It is kept: S1 was the leader when it took it',
          'It is deleted and replaced by S4’s entries',
          'S1 sends it to the others',
        ],
        answer: 1,
        reveal:
          'S1 heard of term 2 from S4 and stepped down at once. Its log was made to match S4’s: x=lost, never committed, was deleted and S4’s entries copied in its place. Only committed writes are promised to survive.',
        rule: 'Log Matching (§5.3): a follower deletes the entries that conflict with its leader’s and takes the leader’s instead.',
      },
      task: { prompt: 'Watch the heal.', goal: { kind: 'truncated' }, watch: true },
      claims: [
        { kind: 'holds', nodes: ['S1'], key: 'x', value: 'lost', committed: false, when: 'start' },
        { kind: 'truncated', node: 'S1' },
        { kind: 'lacks', nodes: ['S1'], key: 'x', value: 'lost', when: 'end' },
        { kind: 'holds', nodes: ['S1'], key: 'x', value: '2', committed: false, when: 'end' },
      ],
    },
    {
      id: 'overlap',
      title: 'Why committed writes survive',
      text:
        'A write is committed only once a majority stores it, and a leader needs a majority of votes. Any two majorities of five share at least one server, and that server refuses to vote for a candidate whose log is missing the write. ' +
        'So every new leader already holds every committed write. This run has that check switched off (the banner at the top says so): S5 was down while x=1 and y=2 were committed, and it stands for election as it comes back.',
      setup: { from: 'broken', rule: 'ignoreLogCheck', at: 1000, play: true },
      highlights: [{ kind: 'violations' }, { kind: 'log' }],
      task: { prompt: 'Watch the broken run lose committed writes.', goal: { kind: 'truncated' }, watch: true },
      paper: 'Leader Completeness, §5.4',
      claims: [
        { kind: 'holds', nodes: ['S1', 'S2', 'S3', 'S4'], key: 'x', value: '1', committed: false, when: 'start' },
        { kind: 'lacks', nodes: ['S5'], key: 'x', value: '1', when: 'start' },
        { kind: 'leads', node: 'S5', term: 2, when: 'end' },
        { kind: 'violation', property: 'LeaderCompleteness' },
      ],
    },
  ],
};
