import type { Lesson } from './types.ts';

export const termsAndVotes: Lesson = {
  id: 'terms-and-votes',
  title: 'Terms, timeouts and votes',
  summary:
    'Heartbeats keep followers calm; silence starts an election in a new term; a majority of votes wins, one vote per server per term.',
  steps: [
    {
      id: 'heartbeats',
      title: 'Heartbeats keep everyone calm',
      text: "The leader S2 sends small heartbeat messages many times a second. Each time one arrives, the follower's countdown starts over, so it never runs out while the leader is alive.",
      setup: { from: 'library', scenario: 'first-election', at: 800, play: true },
      highlights: [{ kind: 'messages' }, { kind: 'timers' }],
      paper: 'AppendEntries as heartbeat, §5.2',
      claims: [{ kind: 'leads', node: 'S2', term: 1, when: 'end' }, { kind: 'noElectionTimeout' }],
    },
    {
      id: 'terms',
      title: 'Terms number the elections',
      text: 'Time in Raft is cut into terms, numbered 1, 2, 3... Every election opens a new term. A server that sees a higher term than its own knows it is behind and adopts it at once.',
      setup: { from: 'continue' },
      highlights: [{ kind: 'terms' }],
      task: { prompt: 'Click a follower and choose "Time out now" to make it stand for election.', goal: { kind: 'forcedTimeout' } },
      paper: 'Terms, §5.1',
      claims: [{ kind: 'leads', node: 'S2', term: 1, when: 'start' }],
    },
    {
      id: 'one-vote',
      title: 'One vote per term',
      text:
        'The candidate votes for itself and asks the others. Each server gives at most one vote in a term, to the first candidate that asks (if its log is at least as complete). ' +
        'So two candidates can never both collect a majority in the same term.',
      setup: { from: 'continue' },
      highlights: [{ kind: 'votes' }, { kind: 'candidates' }],
      task: { prompt: 'Watch until the election ends with a leader.', goal: { kind: 'leaderElected' }, watch: true },
      paper: 'RequestVote, Figure 2',
      claims: [{ kind: 'oneVotePerTerm' }, { kind: 'leads', node: null, term: 2, when: 'end' }],
    },
    {
      id: 'split-vote',
      title: 'When two stand at once',
      text: 'Here the leader S1 has crashed, and S2 and S3 time out at the same moment, both asking for votes in term 2.',
      setup: { from: 'library', scenario: 'split-vote', at: 1000, play: false },
      highlights: [{ kind: 'candidates' }, { kind: 'votes' }],
      question: {
        ask: 'S2 and S3 both stand for election in term 2. Who will lead term 2?',
        choices: ['S2', 'S3', 'Nobody'],
        answer: 2,
        reveal:
          'The votes split: each got 2 votes of the 3 it needs, so term 2 had no leader. Their countdowns restarted at random lengths; S3’s ran out first, it stood again in term 3 and won before S2 woke up.',
        rule: 'Election Safety (§5.2): a leader needs the votes of a majority, and each server votes once per term.',
      },
      task: { prompt: 'Watch the tie break.', goal: { kind: 'leaderElected' }, watch: true },
      claims: [
        { kind: 'down', node: 'S1', when: 'start' },
        { kind: 'mostVotes', term: 2, most: 2, needed: 3 },
        { kind: 'oneVotePerTerm' },
        { kind: 'leads', node: 'S3', term: 3, when: 'end' },
      ],
    },
    {
      id: 'randomness',
      title: 'Randomness breaks ties',
      text:
        'Each countdown is drawn at random from a range every time it restarts. Because servers rarely run out at the same instant, one usually gets a head start and wins before the others even wake up. ' +
        'The Experiments view measures exactly this.',
      setup: { from: 'continue' },
      highlights: [{ kind: 'timers' }],
      paper: 'Randomized election timeouts, §5.2 and §9.3',
      claims: [{ kind: 'leads', node: 'S3', term: 3, when: 'end' }],
    },
  ],
};
