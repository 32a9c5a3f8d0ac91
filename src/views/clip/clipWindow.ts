import { simRate } from '../../store/speed.ts';

/** A clip's frame size: the sizes slides and projectors use. */
export interface ClipSize {
  readonly width: number;
  readonly height: number;
}

export const CLIP_SIZES: readonly ClipSize[] = [
  { width: 1280, height: 720 },
  { width: 1920, height: 1080 },
];

/** What a clip shows when the dialog opens: the last second of cluster time before the moment shown. */
export const DEFAULT_WINDOW_MS = 1000;
/** The longest window a clip takes (cluster time): a clip is for a slide, a whole run is a link. */
export const MAX_WINDOW_MS = 30_000;
/** Above this many real seconds, the dialog suggests raising the speed. */
export const LONG_CLIP_S = 60;

/** A window of simulated time, in ms. */
export interface ClipWindow {
  readonly from: number;
  readonly to: number;
}

/**
 * The last DEFAULT_WINDOW_MS before `now`; near the start of a run, the first DEFAULT_WINDOW_MS
 * (a clip may run past the moment shown: the run is deterministic, replaying it changes nothing).
 */
export function defaultWindow(now: number): ClipWindow {
  return lastWindow(now, DEFAULT_WINDOW_MS);
}

/** The last `ms` before `now`; when the run is younger than that, its first `ms`. */
export function lastWindow(now: number, ms: number): ClipWindow {
  const to = Math.max(now, ms);
  return { from: roundMs(to - ms), to: roundMs(to) };
}

const roundMs = (t: number): number => Math.round(t);

/** Seconds typed in a field, read as a number only; null when it is not one. */
function seconds(text: string): number | null {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  const n = Number(trimmed);
  return Number.isFinite(n) ? n : null;
}

export type ParsedWindow = { readonly ok: true; readonly window: ClipWindow } | { readonly ok: false; readonly message: string };

/** The window typed in the dialog's From and To fields (seconds of cluster time), or what is wrong with it. */
export function parseWindow(fromText: string, toText: string): ParsedWindow {
  const from = seconds(fromText);
  const to = seconds(toText);
  if (from === null) return { ok: false, message: 'From must be a number of seconds, like 1.5.' };
  if (to === null) return { ok: false, message: 'To must be a number of seconds, like 2.5.' };
  if (from < 0) return { ok: false, message: 'From cannot be before the run started (0 s).' };
  if (to <= from) return { ok: false, message: 'To must be later than From.' };
  const window = { from: Math.round(from * 1000), to: Math.round(to * 1000) };
  if (window.to - window.from > MAX_WINDOW_MS)
    return { ok: false, message: `A clip shows at most ${MAX_WINDOW_MS / 1000} s of cluster time; choose a shorter window.` };
  if (window.to <= window.from) return { ok: false, message: 'To must be at least a millisecond later than From.' };
  return { ok: true, window };
}

/**
 * How long the clip plays, in real seconds, at `speed`: the window at the chosen speed throughout.
 * With quiet moments skipped (fast-forward) that is the longest it can take: routine traffic and
 * quiet moments run faster (store/pace.ts), by how much depends on what is on the wire.
 */
export function longestClipSeconds(window: ClipWindow, speed: number): number {
  return (window.to - window.from) / simRate(speed) / 1000;
}

/** A file name that says which moments the clip shows, e.g. raft-clip-1.000-2.000s-1280x720.webm. */
export function clipFileName(window: ClipWindow, size: ClipSize): string {
  const s = (t: number) => (t / 1000).toFixed(3);
  return `raft-clip-${s(window.from)}-${s(window.to)}s-${size.width}x${size.height}.webm`;
}

/** Containers and codecs tried, best first: every Chromium records VP9 or VP8 in WebM. */
export const CLIP_TYPES: readonly string[] = ['video/webm;codecs=vp9', 'video/webm;codecs=vp8', 'video/webm'];

/** The first type the browser can record, or null when it records none (no MediaRecorder, or no WebM). */
export function pickClipType(isTypeSupported: ((type: string) => boolean) | null): string | null {
  if (!isTypeSupported) return null;
  return CLIP_TYPES.find((t) => isTypeSupported(t)) ?? null;
}

/** A size in plain words: 312 KB, 1.4 MB. */
export function describeBytes(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
