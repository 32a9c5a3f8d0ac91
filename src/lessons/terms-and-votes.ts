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
      text: "The leader sends small heartbeat messages many times a second. Each time one arrives, the follower's countdown starts over, so it never runs out while the leader is alive.",
      setup: { from: 'library', scenario: 'first-election', at: 800, play: true },
      highlights: [{ kind: 'messages' }, { kind: 'timers' }],
      paper: 'AppendEntries as heartbeat, §5.2',
    },
    {
      id: 'terms',
      title: 'Terms number the elections',
      text: 'Time in Raft is cut into terms, numbered 1, 2, 3... Every election opens a new term. A server that sees a higher term than its own knows it is behind and adopts it at once.',
      setup: { from: 'continue' },
      highlights: [{ kind: 'terms' }],
      task: { prompt: 'Click a follower and choose "Time out now" to make it stand for election.', goal: { kind: 'forcedTimeout' } },
      paper: 'Terms, §5.1',
    },
    {
      id: 'one-vote',
      title: 'One vote per term',
      text:
        'A candidate votes for itself and asks the others. Each server gives at most one vote in a term, to the first candidate that asks (if its log is at least as complete). ' +
        'So two candidates can never both collect a majority in the same term.',
      setup: { from: 'continue' },
      highlights: [{ kind: 'votes' }, { kind: 'candidates' }],
      task: { prompt: 'Watch until the election ends with a leader.', goal: { kind: 'leaderElected' } },
      paper: 'RequestVote, Figure 2',
    },
    {
      id: 'split-vote',
      title: 'When two stand at once',
      text:
        'Here the leader has crashed and two followers time out at the same moment. The votes split two and two: nobody reaches three, and the term ends without a leader. ' +
        'Then their new countdowns are drawn at random, one runs out first, and that one wins the next term.',
      setup: { from: 'library', scenario: 'split-vote', at: 950, play: true },
      highlights: [{ kind: 'candidates' }, { kind: 'votes' }],
      task: { prompt: 'Watch the tie break.', goal: { kind: 'leaderElected' } },
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
    },
  ],
};
