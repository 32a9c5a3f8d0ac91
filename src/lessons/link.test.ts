import { describe, expect, it } from 'vitest';
import { lessonHash, parseLessonLink } from './link.ts';

describe('lesson links', () => {
  it('round-trip a step', () => {
    expect(parseLessonLink(lessonHash({ lesson: 'quorum', step: 1 }))).toEqual({ ok: true, place: { lesson: 'quorum', step: 1 } });
    expect(lessonHash({ lesson: 'quorum', step: 1 })).toBe('#lesson=quorum&step=2');
  });

  it('ignore hashes that are not about lessons', () => {
    expect(parseLessonLink('')).toBeNull();
    expect(parseLessonLink('#run=abc')).toBeNull();
  });

  it('start at step 1 when no step is given', () => {
    expect(parseLessonLink('#lesson=one-leader')).toEqual({ ok: true, place: { lesson: 'one-leader', step: 0 } });
  });

  it('name what is wrong in plain text', () => {
    const unknown = parseLessonLink('#lesson=%3Cscript%3Ealert(1)%3C%2Fscript%3E');
    expect(unknown).toMatchObject({ ok: false });
    expect(unknown && !unknown.ok && unknown.message).toContain('does not exist');
    for (const step of ['0', '99', 'two', '-1', '1.5']) {
      const r = parseLessonLink(`#lesson=quorum&step=${step}`);
      expect(r && !r.ok && r.message, step).toMatch(/has steps 1 to 8/);
    }
  });
});
