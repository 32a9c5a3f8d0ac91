import type { Lesson } from './types.ts';

export const logReplication: Lesson = {
  id: 'log-replication',
  title: 'Log replication',
  summary:
    'A write is appended by the leader, copied to followers, committed once a majority holds it, applied, and only then acknowledged.',
  steps: [
    {
      id: 'append',
      title: 'The leader appends',
      text: 'A client write arrives at the leader, which adds it to the end of its log. It is not safe yet: only one server holds it. Uncommitted entries are drawn hollow. The entry already there, marked no-op, is the empty one every new leader appends when its term starts, so that everything before it is committed with it.',
      setup: { from: 'library', scenario: 'first-election', at: 600, play: true },
      highlights: [{ kind: 'control', name: 'Client write' }, { kind: 'log' }],
      task: { prompt: 'Send a client write.', goal: { kind: 'clientWriteAccepted' } },
      paper: 'Log replication, §5.3',
    },
    {
      id: 'replicate',
      title: 'Copied to a majority, then committed',
      text: 'The leader sends the new entry to every follower with its next AppendEntries. As soon as a majority (three of five, counting the leader) has stored it, the leader marks it committed.',
      setup: { from: 'continue' },
      highlights: [{ kind: 'messages' }, { kind: 'log' }],
      task: { prompt: 'Watch the entry become committed.', goal: { kind: 'committed' } },
    },
    {
      id: 'apply',
      title: 'Applied, then acknowledged',
      text: "A committed entry is applied to each server's copy of the data, in log order. Only after the leader has applied it does the client hear that its write succeeded. Followers learn the commit from the next message the leader sends.",
      setup: { from: 'continue' },
      highlights: [{ kind: 'log' }],
      task: { prompt: 'Send another write and watch it get acknowledged.', goal: { kind: 'clientAcked' } },
    },
    {
      id: 'catch-up',
      title: 'A follower that missed writes catches up',
      text: 'S5 was down while many writes were committed. When it comes back, the leader finds where their logs last agree and sends the rest, in batches, until S5 matches.',
      setup: { from: 'library', scenario: 'follower-catch-up', at: 3900, play: true },
      highlights: [{ kind: 'node', node: 'S5' }, { kind: 'log' }],
      paper: 'Log Matching, Figure 3',
    },
  ],
};
