import { describe, expect, it } from 'vitest';
import { LESSONS } from '../src/lessons/index.ts';
import { walkLesson } from '../src/lessons/walk.ts';
import { paceAt, type PacedFlight } from '../src/store/pace.ts';
import { simRate } from '../src/store/speed.ts';
import { classify } from '../src/worker/classify.ts';

/** The longest a class waits, in real seconds at the default speed, for what a step announces. */
const MAX_WAIT_S = 10;

/**
 * Real seconds each step's wait takes on screen at the default speed with quiet time skipped,
 * from the pacing rules the page plays by (store/pace.ts), applied to the walked run. A
 * computed figure, not a clock: the same lesson gives the same seconds on any machine.
 */
function waits(lessonIndex: number): { step: string; seconds: number }[] {
  const lesson = LESSONS[lessonIndex]!;
  const real = new Map<number, number>();
  walkLesson(lesson, {
    played(index, tl, from, waiting) {
      if (!waiting) return;
      const flights: PacedFlight[] = [...tl.sim.inFlight()].map((f) => ({
        // A successful AppendEntries reply is counted as an answer to entries (played at the
        // chosen speed), never as a heartbeat's: the figure errs on the slow side.
        kind: classify(f.message.rpc, null).kind,
        deliverAt: f.deliverAt,
      }));
      const pace = paceAt(from, flights, tl.sim.nextLiveEventTime(), simRate(1), true);
      real.set(index, (real.get(index) ?? 0) + (tl.now - from) / pace.rate);
    },
  });
  return lesson.steps.flatMap((s, i) => (s.task ? [{ step: s.id, seconds: (real.get(i) ?? 0) / 1000 }] : []));
}

describe('no step makes the class wait long for what it announces', () => {
  LESSONS.forEach((lesson, li) => {
    it(`"${lesson.title}": each step's goal comes within ${MAX_WAIT_S} real seconds at the default speed`, () => {
      const figures = waits(li);
      console.log(`${lesson.id}: ${figures.map((f) => `${f.step} ${f.seconds.toFixed(1)} s`).join(', ')}`);
      for (const f of figures) expect(f.seconds, `${lesson.id}/${f.step}`).toBeLessThanOrEqual(MAX_WAIT_S);
    });
  });
});
