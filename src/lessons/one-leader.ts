import type { Lesson } from './types.ts';

export const oneLeader: Lesson = {
  id: 'one-leader',
  title: 'Why one node in charge',
  summary:
    'A cluster is easier to keep consistent when exactly one server decides the order of writes, and it needs a safe way to pick a new one.',
  steps: [
    {
      id: 'meet',
      title: 'Five servers, no boss yet',
      text:
        'These five servers keep copies of the same data. To agree on the order of writes, it is far simpler if one of them is in charge: the leader. ' +
        'Right now all five are followers. Each runs a countdown (the ring around it). Watch what happens when the first countdown reaches zero.',
      setup: { from: 'library', scenario: 'first-election', at: 0, play: true },
      highlights: [{ kind: 'timers' }],
      task: { prompt: 'Let it run until one server becomes leader.', goal: { kind: 'leaderElected' }, watch: true },
      paper: 'Leader election, §5.2',
      claims: [
        { kind: 'noLeaderElected', among: ['S1', 'S3', 'S4', 'S5'] },
        { kind: 'leads', node: 'S2', term: 1, when: 'end' },
      ],
    },
    {
      id: 'single-writer',
      title: 'One writer orders every write',
      text: 'Clients send their writes to the leader. Because only the leader adds entries to the shared log, there is one order that everyone copies: no two servers can disagree about what came first.',
      setup: { from: 'continue' },
      highlights: [{ kind: 'control', name: 'Client write' }, { kind: 'log' }],
      task: { prompt: 'Send a client write.', goal: { kind: 'clientWriteAccepted' } },
      claims: [
        { kind: 'write', node: null, value: null, accepted: true },
        { kind: 'leads', node: 'S2', term: 1, when: 'end' },
      ],
    },
    {
      id: 'two-brains',
      title: 'What two leaders would do',
      text:
        'Here Raft is broken on purpose (the banner at the top says so): a candidate declares itself leader without waiting for a majority of votes. ' +
        'The network is cut: S1 and S2 on one side, S3, S4 and S5 on the other. S1 and S3 both become leader of term 1, and each accepts its own write for x. ' +
        'That is split-brain: S1 and S2 hold x=from-S1, the others x=from-S3. The banner names the rules it broke.',
      setup: { from: 'scene', scene: 'split-brain', at: 1, play: true },
      highlights: [{ kind: 'leader' }, { kind: 'log' }, { kind: 'violations' }],
      task: { prompt: 'Watch both leaders take a write for x.', goal: { kind: 'clientAcked' }, watch: true },
      claims: [
        { kind: 'cutOff', nodes: ['S1', 'S2'], when: 'start' },
        { kind: 'leadersAtOnce', nodes: ['S1', 'S3'], when: 'end' },
        { kind: 'leads', node: 'S1', term: 1, when: 'end' },
        { kind: 'leads', node: 'S3', term: 1, when: 'end' },
        { kind: 'write', node: 'S1', value: 'from-S1', accepted: true },
        { kind: 'write', node: 'S3', value: 'from-S3', accepted: true },
        { kind: 'holds', nodes: ['S1', 'S2'], key: 'x', value: 'from-S1', committed: false, when: 'end' },
        { kind: 'holds', nodes: ['S3', 'S4', 'S5'], key: 'x', value: 'from-S3', committed: false, when: 'end' },
        { kind: 'lacks', nodes: ['S3', 'S4', 'S5'], key: 'x', value: 'from-S1', when: 'end' },
        { kind: 'violation', property: 'ElectionSafety' },
      ],
    },
    {
      id: 'leader-dies',
      title: 'A leader can fail',
      text: 'One leader is a single point of failure unless the others can replace it safely. Crash the leader: it stops answering, and its heartbeats stop.',
      setup: { from: 'library', scenario: 'first-election', at: 1200, play: true },
      highlights: [{ kind: 'leader' }],
      task: { prompt: 'Crash the leader (click it, then Crash).', goal: { kind: 'leaderCrashed' } },
      claims: [
        { kind: 'leads', node: 'S2', term: 1, when: 'start' },
        { kind: 'down', node: 'S2', when: 'end' },
      ],
    },
    {
      id: 'who-takes-over',
      title: 'Who takes over?',
      text: 'S2 is down. The four others keep running their countdowns, and no heartbeat comes to reset them.',
      setup: { from: 'continue' },
      highlights: [{ kind: 'timers' }, { kind: 'candidates' }],
      question: {
        ask: 'The leader is down. What happens next?',
        choices: [
          'Nothing: the cluster waits for S2 to come back',
          'A follower times out, stands for election in term 2 and wins',
          'Every follower declares itself leader',
        ],
        answer: 1,
        reveal:
          'With no heartbeats coming, the first follower whose countdown ran out became a candidate in term 2, collected a majority of votes and now leads. The cluster carries on without S2.',
        rule: 'Leader election (§5.2): a follower that hears from no leader for an election timeout starts an election.',
      },
      task: { prompt: 'Watch until a new leader is elected.', goal: { kind: 'leaderElected' }, watch: true },
      claims: [{ kind: 'down', node: 'S2', when: 'start' }, { kind: 'leads', node: null, term: 2, when: 'end' }, { kind: 'noViolation' }],
    },
  ],
};
