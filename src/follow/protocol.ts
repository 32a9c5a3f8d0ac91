/**
 * The follow protocol between the teacher's page, the relay (relay/) and the students' pages.
 * One JSON object per WebSocket message (the `ws` package frames them). Runs are deterministic,
 * so only the scenario (as a run link), the moment, playing/paused, the speed and the lesson step
 * travel: never cluster state. Pure: no DOM, no Node, so the page and the relay share it.
 */

export const FOLLOW_VERSION = 1;

/** Anything bigger is refused by the relay (the WebSocket is closed with 1009 "too big"). */
export const MAX_MESSAGE_BYTES = 32 * 1024;
/** A run link is at most 16,000 characters (src/links/codec.ts); room for the rest of a message. */
export const MAX_RUN_CHARS = 16_000;

/** Speeds a state may carry: the app's range (src/store/speed.ts) with room to grow; the page clamps. */
const MIN_FOLLOW_SPEED = 0.01;
const MAX_FOLLOW_SPEED = 10_000;

/** What the teacher's page publishes and the students' pages follow. */
export interface FollowState {
  /** Increases with every publish, so a late or repeated message is recognised. */
  readonly seq: number;
  /** The run as a link payload (`run=1....`): scenario, moment and playing/paused, validated on arrival. */
  readonly run: string;
  readonly speed: number;
  /** The lesson and step on the teacher's screen, or null outside a lesson. */
  readonly lesson: { readonly id: string; readonly step: number } | null;
}

export type ToRelay =
  | { readonly v: number; readonly type: 'host'; readonly session?: string; readonly secret?: string }
  | { readonly v: number; readonly type: 'follow'; readonly session: string }
  | { readonly v: number; readonly type: 'publish'; readonly session: string; readonly secret: string; readonly state: FollowState };

export type RelayErrorCode = 'malformed' | 'version' | 'forbidden' | 'unknown-session' | 'rate-limited' | 'full';

export type FromRelay =
  | { readonly v: number; readonly type: 'hosted'; readonly session: string; readonly secret: string }
  | { readonly v: number; readonly type: 'following'; readonly session: string }
  | { readonly v: number; readonly type: 'state'; readonly session: string; readonly state: FollowState }
  | { readonly v: number; readonly type: 'published'; readonly seq: number }
  | { readonly v: number; readonly type: 'audience'; readonly followers: number }
  | { readonly v: number; readonly type: 'error'; readonly code: RelayErrorCode; readonly message: string };

/** Session ids are short and easy to read off a projector: no 0/O, 1/I/L. */
export const SESSION_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const SESSION_LENGTH = 6;
const SESSION_RE = new RegExp(`^[${SESSION_ALPHABET}]{${SESSION_LENGTH}}$`);
const SECRET_RE = /^[A-Za-z0-9_-]{20,100}$/;
const RUN_RE = /^run=\d{1,4}\.[A-Za-z0-9_-]+$/;
const LESSON_ID_RE = /^[a-z0-9-]{1,40}$/;

export const isSessionId = (x: unknown): x is string => typeof x === 'string' && SESSION_RE.test(x);
export const isSecret = (x: unknown): x is string => typeof x === 'string' && SECRET_RE.test(x);

type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x);
const onlyKeys = (o: Obj, keys: readonly string[]): boolean => Object.keys(o).every((k) => keys.includes(k));

/** The shape of a published state; what the run link holds is checked by the page that opens it. */
export function parseFollowState(x: unknown): FollowState | null {
  if (!isObj(x) || !onlyKeys(x, ['seq', 'run', 'speed', 'lesson'])) return null;
  const { seq, run, speed, lesson } = x;
  if (typeof seq !== 'number' || !Number.isSafeInteger(seq) || seq < 0) return null;
  if (typeof run !== 'string' || run.length > MAX_RUN_CHARS || !RUN_RE.test(run)) return null;
  if (typeof speed !== 'number' || !Number.isFinite(speed) || speed < MIN_FOLLOW_SPEED || speed > MAX_FOLLOW_SPEED) return null;
  let step: FollowState['lesson'] = null;
  if (lesson !== null) {
    if (!isObj(lesson) || !onlyKeys(lesson, ['id', 'step'])) return null;
    if (typeof lesson.id !== 'string' || !LESSON_ID_RE.test(lesson.id)) return null;
    if (typeof lesson.step !== 'number' || !Number.isInteger(lesson.step) || lesson.step < 0 || lesson.step > 999) return null;
    step = { id: lesson.id, step: lesson.step };
  }
  return { seq, run, speed, lesson: step };
}

/** A message to the relay, or null when it is not one (the relay answers `malformed`). */
export function parseToRelay(text: string): ToRelay | { readonly v: number; readonly type: 'unsupported' } | null {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return null;
  }
  if (!isObj(raw) || typeof raw.type !== 'string' || typeof raw.v !== 'number') return null;
  if (raw.v !== FOLLOW_VERSION) return { v: raw.v, type: 'unsupported' };
  const v = raw.v;
  switch (raw.type) {
    case 'host': {
      if (!onlyKeys(raw, ['v', 'type', 'session', 'secret'])) return null;
      if (raw.session === undefined && raw.secret === undefined) return { v, type: 'host' };
      if (!isSessionId(raw.session) || !isSecret(raw.secret)) return null;
      return { v, type: 'host', session: raw.session, secret: raw.secret };
    }
    case 'follow':
      if (!onlyKeys(raw, ['v', 'type', 'session']) || !isSessionId(raw.session)) return null;
      return { v, type: 'follow', session: raw.session };
    case 'publish': {
      if (!onlyKeys(raw, ['v', 'type', 'session', 'secret', 'state'])) return null;
      // A missing or odd-looking secret is still a publish: it is refused as forbidden, not malformed.
      if (!isSessionId(raw.session) || typeof raw.secret !== 'string' || raw.secret.length > 100) return null;
      const state = parseFollowState(raw.state);
      if (!state) return null;
      return { v, type: 'publish', session: raw.session, secret: raw.secret, state };
    }
    default:
      return null;
  }
}

/** A message from the relay, as the page reads it; null when it is not one. */
export function parseFromRelay(text: string): FromRelay | null {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return null;
  }
  if (!isObj(raw) || raw.v !== FOLLOW_VERSION) return null;
  const v = FOLLOW_VERSION;
  switch (raw.type) {
    case 'hosted':
      return isSessionId(raw.session) && isSecret(raw.secret) ? { v, type: 'hosted', session: raw.session, secret: raw.secret } : null;
    case 'following':
      return isSessionId(raw.session) ? { v, type: 'following', session: raw.session } : null;
    case 'state': {
      const state = parseFollowState(raw.state);
      return state && isSessionId(raw.session) ? { v, type: 'state', session: raw.session, state } : null;
    }
    case 'published':
      return typeof raw.seq === 'number' ? { v, type: 'published', seq: raw.seq } : null;
    case 'audience':
      return typeof raw.followers === 'number' && Number.isSafeInteger(raw.followers)
        ? { v, type: 'audience', followers: raw.followers }
        : null;
    case 'error': {
      const codes: readonly RelayErrorCode[] = ['malformed', 'version', 'forbidden', 'unknown-session', 'rate-limited', 'full'];
      const code = codes.find((c) => c === raw.code);
      return code && typeof raw.message === 'string' ? { v, type: 'error', code, message: raw.message.slice(0, 300) } : null;
    }
    default:
      return null;
  }
}
