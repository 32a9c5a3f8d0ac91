import type { Lesson } from './types.ts';

/**
 * What comes after leader election: a lock built on the replicated log. Raft gives one answer at
 * a time about who holds it; the fencing token is what keeps a holder who no longer knows the
 * truth from doing harm. The scene is src/lessons/scenes/lock-holder.json.
 */
export const lock: Lesson = {
  id: 'lock',
  title: 'Exactly one lock holder',
  summary:
    'A lock kept in the replicated log, a holder cut off with its old leader, the lock given again, and the fencing token that stops the old holder.',
  steps: [
    {
      id: 'take',
      title: 'Take the lock through the log',
      text:
        'Client A asks the leader S1 for the lock. The request is an entry in the log, lock=A, and S1 answers only once a majority stores it. ' +
        'A is then told: you hold the lock, and your fencing token is 2, the place of that entry in the log.',
      setup: { from: 'scene', scene: 'lock-holder', at: 40, play: true },
      highlights: [{ kind: 'leader' }, { kind: 'log' }, { kind: 'lock' }],
      task: { prompt: 'Watch S1 give A the lock.', goal: { kind: 'lockGranted', client: 'A' }, watch: true },
      claims: [
        { kind: 'leads', node: 'S1', term: 1, when: 'start' },
        { kind: 'holds', nodes: ['S1'], key: 'lock', value: 'A', committed: true, when: 'end' },
        { kind: 'committedOnceStoredBy', stored: 3 },
        { kind: 'lockHeld', holder: 'A', token: 2, when: 'end' },
        { kind: 'believes', client: 'A', state: 'holds', token: 2, when: 'end' },
      ],
    },
    {
      id: 'use',
      title: 'Use it, token in hand',
      text:
        'A writes report-1 to the storage, a separate server outside the cluster, and sends its token along. ' +
        'The storage accepts it and remembers 2 as the newest token it has seen.',
      setup: { from: 'continue', at: 89 },
      highlights: [{ kind: 'lock' }],
      task: { prompt: 'Watch A write to the storage.', goal: { kind: 'stored', client: 'A', accepted: true }, watch: true },
      claims: [{ kind: 'store', client: 'A', token: 2, accepted: true }],
    },
    {
      id: 'cut-off',
      title: 'The holder is cut off',
      text:
        'The network splits: S1 and S2 on one side, S3, S4 and S5 on the other, and client A can reach only S1. ' +
        'A renews its lock through S1, which still thinks it leads and takes a second lock=A into its log, but it can never commit it. The side of three elects S4.',
      setup: { from: 'continue', at: 130 },
      highlights: [{ kind: 'minority' }, { kind: 'log' }],
      task: { prompt: 'Watch the side of three elect a leader.', goal: { kind: 'leaderElected' }, watch: true },
      claims: [
        { kind: 'cutOff', nodes: ['S1', 'S2'], when: 'end' },
        { kind: 'write', node: 'S1', value: 'A', accepted: true },
        { kind: 'leadersAtOnce', nodes: ['S1', 'S4'], when: 'end' },
        { kind: 'leads', node: 'S4', term: 2, when: 'end' },
        { kind: 'lacks', nodes: ['S3', 'S4', 'S5'], key: 'lock', value: 'free', when: 'end' },
      ],
    },
    {
      id: 'given-again',
      title: 'The lock is given again',
      text:
        'The majority never heard A renew, so its lease runs out: S4 writes lock=free to the log, and then client B asks S4 for the lock. ' +
        'B is told it holds the lock with token 5. Nobody could tell A: it still believes it holds the lock, with token 2.',
      setup: { from: 'continue', at: 238 },
      highlights: [{ kind: 'leader' }, { kind: 'lock' }],
      task: { prompt: 'Watch S4 give B the lock.', goal: { kind: 'lockGranted', client: 'B' }, watch: true },
      claims: [
        { kind: 'write', node: 'S4', value: 'free', accepted: true },
        { kind: 'lockHeld', holder: 'B', token: 5, when: 'end' },
        { kind: 'believes', client: 'B', state: 'holds', token: 5, when: 'end' },
        { kind: 'believes', client: 'A', state: 'holds', token: 2, when: 'end' },
        { kind: 'holds', nodes: ['S4'], key: 'lock', value: 'B', committed: true, when: 'end' },
      ],
    },
    {
      id: 'fence',
      title: 'Two clients believe they hold it',
      text: 'B writes report-2 to the storage with token 5. Then A, sure it still holds the lock, writes report-3 with its token 2.',
      setup: { from: 'continue', at: 356 },
      highlights: [{ kind: 'lock' }],
      question: {
        ask: 'A’s write reaches the storage with token 2, after B’s with token 5. What does the storage do?',
        choices: [
          'Accepts it: A was given the lock',
          'Refuses it: it has seen token 5, and 2 is older',
          'Asks the cluster who holds the lock',
        ],
        answer: 1,
        reveal:
          'The storage refused report-3: it had accepted token 5 from B, and 2 is older. A lock given later sits later in the log, so its token is always larger. A now knows it lost the lock; without the check, its late write would have overwritten B’s work.',
        rule: 'Fencing token: the storage accepts only a token at least as large as the largest it has seen.',
      },
      task: { prompt: 'Watch the storage answer A.', goal: { kind: 'stored', client: 'A', accepted: false }, watch: true },
      claims: [
        { kind: 'store', client: 'B', token: 5, accepted: true },
        { kind: 'store', client: 'A', token: 2, accepted: false },
        { kind: 'believes', client: 'A', state: 'fenced', token: 2, when: 'end' },
        { kind: 'lockHeld', holder: 'B', token: 5, when: 'end' },
      ],
    },
    {
      id: 'heal',
      title: 'The heal changes nothing about the lock',
      text:
        'The network heals. S1 hears of term 2 and steps down, and its uncommitted lock=A is deleted. ' +
        'Raft made sure the cluster gave one answer at a time about the lock; the token is what stopped A from acting on an old one.',
      setup: { from: 'continue', at: 430 },
      highlights: [{ kind: 'node', node: 'S1' }, { kind: 'log' }],
      task: { prompt: 'Watch S1 catch up with S4’s log.', goal: { kind: 'caughtUp', node: 'S1' }, watch: true },
      claims: [
        { kind: 'stepsDown', node: 'S1' },
        { kind: 'truncated', node: 'S1' },
        { kind: 'lacks', nodes: ['S1'], key: 'lock', value: 'free', when: 'start' },
        { kind: 'matchesLeader', node: 'S1', when: 'end' },
        { kind: 'lockHeld', holder: 'B', token: 5, when: 'end' },
        { kind: 'noViolation' },
      ],
    },
  ],
};
