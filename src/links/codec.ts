import { SCENARIO_VERSION, type Scenario } from '../sim/scenario.ts';
import { MAX_ACTIONS, parseScenario, ScenarioError } from '../sim/validate.ts';
import { onGrid } from '../engine/time.ts';
import { fromBase64Url, toBase64Url } from './base64url.ts';
import { compactRun, expandActions, expandSettings } from './compact.ts';
import { deflate, inflate } from './compress.ts';

/** What a link holds: the run to replay and the moment to show. */
export interface LinkState {
  readonly scenario: Scenario;
  readonly time: number;
  readonly playing: boolean;
}

/** A link that cannot be opened. The message is for the person who clicked it. */
export class LinkError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LinkError';
  }
}

/** The hash key; the link version rides outside the compressed data so it is read first. */
export const LINK_KEY = 'run';
/**
 * 2: microsecond time, the no-op entry and disk writes. A version-1 link would replay a different
 * run on this engine, so it is refused as older rather than opened as something it never showed.
 */
const LINK_VERSION = 2;
const MAX_LINK_CHARS = 16_000;
const MAX_JSON_BYTES = 1_000_000;
const MAX_TIME = 1e9;

/**
 * The link text for a run. Throws LinkError when the run is too long for a link: the app never
 * hands out a link that it would refuse to open (the message says to export a file instead).
 */
export async function encodeLink(state: LinkState): Promise<string> {
  const json = JSON.stringify(compactRun(state.scenario, state.time, state.playing));
  const packed = await deflate(new TextEncoder().encode(json));
  const payload = `${LINK_VERSION}.${toBase64Url(packed)}`;
  if (payload.length > MAX_LINK_CHARS || json.length > MAX_JSON_BYTES || state.scenario.actions.length > MAX_ACTIONS) {
    throw new LinkError(
      `This run is too long for a link: its ${state.scenario.actions.length} actions need ${payload.length.toLocaleString('en')} characters, ` +
        `and a link holds at most ${MAX_LINK_CHARS.toLocaleString('en')} characters and ${MAX_ACTIONS.toLocaleString('en')} actions. Export it as a scenario file instead.`,
    );
  }
  return `${LINK_KEY}=${payload}`;
}

/** The payload from a full URL, a hash, or the bare `run=...` text. Null if there is none. */
export function findPayload(text: string): string | null {
  const hash = text.includes('#') ? text.slice(text.indexOf('#') + 1) : text;
  for (const part of hash.split('&')) {
    if (part.startsWith(`${LINK_KEY}=`)) return part.slice(LINK_KEY.length + 1);
  }
  return null;
}

/**
 * Decode an untrusted link. Never throws anything but LinkError; never evaluates or renders
 * what it reads: the result is a validated scenario document.
 */
export async function decodeLink(text: string): Promise<LinkState> {
  const payload = findPayload(text);
  if (payload === null) throw new LinkError(`This link holds no scenario (no "#${LINK_KEY}=" part).`);
  if (payload.length > MAX_LINK_CHARS) {
    throw new LinkError(
      `This link is too long to be a scenario link (${payload.length.toLocaleString('en')} characters; at most ${MAX_LINK_CHARS.toLocaleString('en')}).`,
    );
  }
  const dot = payload.indexOf('.');
  const version = Number(dot < 0 ? NaN : payload.slice(0, dot));
  if (!Number.isInteger(version) || version < 1) throw new LinkError('This link is damaged: its version mark is missing.');
  if (version > LINK_VERSION) {
    throw new LinkError(`This link was made by a newer version of the app (link format ${version}; this app reads up to ${LINK_VERSION}).`);
  }
  if (version < LINK_VERSION) {
    throw new LinkError(
      `This link is from an older version of the app (link format ${version}): its run was simulated by an earlier engine and would not replay the same here. Open its scenario from the library or make a new link.`,
    );
  }
  const bytes = fromBase64Url(payload.slice(dot + 1));
  if (bytes === null || bytes.length === 0) throw new LinkError('This link is damaged: it contains characters a scenario link never has.');
  let json: string;
  try {
    json = new TextDecoder('utf-8', { fatal: true }).decode(await inflate(bytes, MAX_JSON_BYTES));
  } catch (e) {
    // collect() stops a payload that inflates past the limit: that is too big, not damaged.
    if (e instanceof RangeError)
      throw new LinkError(`This link unpacks to more than ${MAX_JSON_BYTES.toLocaleString('en')} bytes: too large to be a scenario link.`);
    throw new LinkError('This link is damaged or cut short: its data does not unpack. Was it copied whole?');
  }
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    throw new LinkError('This link is damaged: its data is not readable.');
  }
  return expandRun(raw);
}

function expandRun(raw: unknown): LinkState {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new LinkError('This link is damaged: it holds no run.');
  const run = raw as Record<string, unknown>;
  if (typeof run.v === 'number' && run.v > SCENARIO_VERSION) {
    throw new LinkError(`This link was made by a newer version of the app (scenario format ${run.v}).`);
  }
  if (!Array.isArray(run.s) || !Array.isArray(run.a)) throw new LinkError('This link is damaged: settings or actions are missing.');
  const time = run.t;
  if (typeof time !== 'number' || !Number.isFinite(time) || time < 0 || time > MAX_TIME) {
    throw new LinkError('This link is damaged: the moment it points at is not a valid time.');
  }
  try {
    const scenario = parseScenario({
      version: run.v,
      settings: expandSettings(run.s),
      actions: expandActions(run.a),
      ...(run.n === undefined ? {} : { name: run.n }),
    });
    // On the microsecond grid, as every link the app makes is: a moment between two ticks is one
    // the worker cannot stand on, and the page would wait for it for ever.
    return { scenario, time: onGrid(time), playing: run.p === 1 };
  } catch (e) {
    if (e instanceof ScenarioError) throw new LinkError(`This link's scenario is not valid: ${e.message}.`);
    throw new LinkError('This link is damaged: its scenario could not be read.');
  }
}
