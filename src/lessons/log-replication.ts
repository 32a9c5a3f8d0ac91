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
      claims: [
        { kind: 'write', node: null, value: null, accepted: true },
        { kind: 'newestCommitted', committed: false, when: 'end' },
      ],
    },
    {
      id: 'replicate',
      title: 'Copied to a majority, then committed',
      text: 'The leader sends the new entry to every follower with its next AppendEntries, and each follower that stores it says so.',
      setup: { from: 'continue' },
      highlights: [{ kind: 'messages' }, { kind: 'log' }],
      question: {
        ask: 'How many of the five servers must store the entry before the leader may commit it?',
        choices: ['Just the leader', 'Three: a majority', 'All five'],
        answer: 1,
        reveal:
          'The leader marked the entry committed as soon as three servers, itself included, held it. It did not wait for the last two: any future leader must get votes from a majority, and every majority includes one of those three.',
        rule: 'Log replication (§5.3): an entry is committed once the leader has stored it on a majority of servers.',
      },
      task: { prompt: 'Watch the entry become committed.', goal: { kind: 'committed' }, watch: true },
      claims: [
        { kind: 'committedOnceStoredBy', stored: 3 },
        { kind: 'newestCommitted', committed: true, when: 'end' },
      ],
    },
    {
      id: 'apply',
      title: 'Applied, then acknowledged',
      text: "A committed entry is applied to each server's copy of the data, in log order. Only after the leader has applied it does the client hear that its write succeeded. Followers learn the commit from the next message the leader sends.",
      setup: { from: 'continue' },
      highlights: [{ kind: 'log' }],
      task: { prompt: 'Send another write and watch it get acknowledged.', goal: { kind: 'clientAcked' } },
      claims: [
        { kind: 'write', node: null, value: null, accepted: true },
        { kind: 'newestCommitted', committed: true, when: 'end' },
      ],
    },
    {
      id: 'catch-up',
      title: 'A follower that missed writes catches up',
      text: 'S5 was down while 200 writes were committed, and it is about to restart. The leader S1 finds where their logs agree and sends the rest, up to 64 entries at a time, until S5 holds every committed entry.',
      setup: { from: 'library', scenario: 'follower-catch-up', at: 5990, play: true },
      highlights: [{ kind: 'node', node: 'S5' }, { kind: 'log' }],
      task: { prompt: 'Watch S5 catch up.', goal: { kind: 'caughtUp', node: 'S5' }, watch: true },
      paper: 'Log Matching, Figure 3',
      claims: [
        { kind: 'down', node: 'S5', when: 'start' },
        { kind: 'leads', node: 'S1', term: 1, when: 'end' },
        { kind: 'matchesLeader', node: 'S5', when: 'end' },
      ],
    },
  ],
};
