import { LESSONS, findLesson } from './index.ts';

/** A place in a lesson, as a link names it: `#lesson=quorum&step=2` (steps counted from 1). */
export interface LessonPlace {
  readonly lesson: string;
  /** 0-based. */
  readonly step: number;
}

export type LessonLinkResult = { readonly ok: true; readonly place: LessonPlace } | { readonly ok: false; readonly message: string };

/** The hash of a link to a step. */
export function lessonHash(place: LessonPlace): string {
  return `#lesson=${encodeURIComponent(place.lesson)}&step=${place.step + 1}`;
}

/**
 * Read a lesson link from a location hash. Null when the hash is not about lessons; otherwise
 * the place, or a plain-text message saying what is wrong (never echoing more than a short,
 * cleaned fragment of the input, since the hash is untrusted).
 */
export function parseLessonLink(hash: string): LessonLinkResult | null {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const id = params.get('lesson');
  if (id === null) return null;
  const lesson = findLesson(id);
  if (!lesson) {
    const names = LESSONS.map((l) => l.id).join(', ');
    return { ok: false, message: `This link names a lesson "${clean(id)}" that does not exist. The lessons are: ${names}.` };
  }
  const raw = params.get('step') ?? '1';
  const n = /^\d{1,3}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isInteger(n) || n < 1 || n > lesson.steps.length) {
    return {
      ok: false,
      message: `This link asks for step "${clean(raw)}" of "${lesson.title}", which has steps 1 to ${lesson.steps.length}.`,
    };
  }
  return { ok: true, place: { lesson: lesson.id, step: n - 1 } };
}

/** At most 40 printable characters of untrusted input, for a message. */
function clean(s: string): string {
  const printable = s.replace(/[^\x20-\x7e]/g, '?');
  return printable.length > 40 ? `${printable.slice(0, 40)}…` : printable;
}
