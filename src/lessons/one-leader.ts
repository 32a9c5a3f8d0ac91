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
      task: { prompt: 'Let it run until one server becomes leader.', goal: { kind: 'leaderElected' } },
      paper: 'Leader election, §5.2',
    },
    {
      id: 'single-writer',
      title: 'One writer orders every write',
      text: 'Clients send their writes to the leader. Because only the leader adds entries to the shared log, there is one order that everyone copies: no two servers can disagree about what came first.',
      setup: { from: 'continue' },
      highlights: [{ kind: 'control', name: 'Client write' }, { kind: 'log' }],
      task: { prompt: 'Send a client write.', goal: { kind: 'clientWriteAccepted' } },
    },
    {
      id: 'two-brains',
      title: 'What two leaders would do',
      text:
        'Here Raft has been deliberately broken so that a server may vote twice. Two servers both believe they lead the same term, and each accepts its own write for the same key. ' +
        'That is split-brain: the copies quietly disagree. The red check names the rule that was broken.',
      setup: { from: 'broken', rule: 'voteTwice', at: 1000, play: false },
      highlights: [{ kind: 'leader' }, { kind: 'violations' }],
    },
    {
      id: 'leader-dies',
      title: 'A leader can fail',
      text: 'One leader is a single point of failure unless the others can replace it safely. Crash the leader and watch the followers notice the silence, hold an election and carry on.',
      setup: { from: 'library', scenario: 'first-election', at: 1200, play: true },
      highlights: [{ kind: 'leader' }],
      task: { prompt: 'Crash the leader (click it, then Crash).', goal: { kind: 'newLeaderAfterCrash' } },
    },
  ],
};
