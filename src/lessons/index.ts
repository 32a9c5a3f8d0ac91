import { lock } from './lock.ts';
import { logReplication } from './log-replication.ts';
import { oneLeader } from './one-leader.ts';
import { quorum } from './quorum.ts';
import { termsAndVotes } from './terms-and-votes.ts';
import type { Lesson } from './types.ts';

/** In teaching order, following the lesson on leader election. */
export const LESSONS: readonly Lesson[] = [oneLeader, termsAndVotes, logReplication, quorum, lock];

export function findLesson(id: string): Lesson | undefined {
  return LESSONS.find((l) => l.id === id);
}

export type { Goal, Highlight, Lesson, LessonStep, StepSetup } from './types.ts';
export { goalReached } from './goals.ts';
