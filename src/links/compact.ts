import type { Action, Scenario } from '../sim/scenario.ts';
import { SCENARIO_VERSION } from '../sim/scenario.ts';
import type { ClusterSettings } from '../sim/settings.ts';
import { onGrid } from '../engine/time.ts';
import type { ReadMode } from '../engine/types.ts';
import { ScenarioError } from '../sim/validate.ts';

/**
 * The compact form of a scenario inside a link. Every setting is written out, never left to
 * defaults, so a link keeps its meaning when a later version changes the defaults.
 * Nodes are written as their number (S3 -> 3); action times as the gap since the previous one.
 *
 * This only reshapes; whatever comes back from a link is checked by parseScenario afterwards.
 */
export interface CompactRun {
  /** Format version of the link payload. */
  v: number;
  s: unknown[];
  a: unknown[][];
  /** The moment being viewed, in simulated ms. */
  t: number;
  /** 1 if playback was running. */
  p: number;
  n?: string;
}

const n = (id: string): number => Number(id.slice(1));
const id = (x: unknown): unknown => (typeof x === 'number' ? `S${x}` : x);

export function compactSettings(s: ClusterSettings): unknown[] {
  return [
    s.nodes,
    s.seed,
    s.electionTimeout[0],
    s.electionTimeout[1],
    s.heartbeat,
    s.latency[0],
    s.latency[1],
    s.loss,
    s.duplicate,
    s.reorder ? 1 : 0,
    s.preVote ? 1 : 0,
    s.checkQuorum ? 1 : 0,
    [...s.broken],
    s.noopEntry ? 1 : 0,
    s.diskWrite,
    READ_MODE_CODES[s.readMode],
  ];
}

export function expandSettings(a: unknown[]): Record<string, unknown> {
  const flag = (x: unknown): unknown => (x === 1 ? true : x === 0 ? false : x);
  return {
    nodes: a[0],
    seed: a[1],
    electionTimeout: [a[2], a[3]],
    heartbeat: a[4],
    latency: [a[5], a[6]],
    loss: a[7],
    duplicate: a[8],
    reorder: flag(a[9]),
    preVote: flag(a[10]),
    checkQuorum: flag(a[11]),
    broken: a[12],
    noopEntry: flag(a[13]),
    diskWrite: a[14],
    // Links made before reads existed have no code: the default applies.
    readMode: typeof a[15] === 'string' && Object.hasOwn(READ_MODE_BY_CODE, a[15]) ? READ_MODE_BY_CODE[a[15]] : a[15],
  };
}

/** The read modes in links, one letter each. */
const READ_MODE_CODES: Readonly<Record<ReadMode, string>> = { readIndex: 'i', lease: 'l', anyServer: 'a' };
const READ_MODE_BY_CODE: Readonly<Record<string, ReadMode>> = { i: 'readIndex', l: 'lease', a: 'anyServer' };

/**
 * The keys the page's "Client write" button cycles through, with the write's number as its value
 * (x=1, y=2, ...). Links rely on this order: a run of such writes is stored as its times only.
 */
export const AUTO_WRITE_KEYS: readonly string[] = ['x', 'y', 'z', 'w', 'u', 'v'];

/** The number n of an automatic write (key AUTO_WRITE_KEYS[(n - 1) % 6], value "n"), else null. */
function autoWriteNumber(act: Action): number | null {
  if (act.type !== 'write' || act.node !== undefined || !/^[1-9][0-9]{0,8}$/.test(act.value)) return null;
  const k = Number(act.value);
  return act.key === AUTO_WRITE_KEYS[(k - 1) % AUTO_WRITE_KEYS.length] ? k : null;
}

/** Shorter runs of automatic writes are cheaper written out. */
const MIN_AUTO_RUN = 3;

/**
 * Actions in compact form. A run of automatic writes numbered k, k+1, k+2... (a class pressing W
 * for a whole lecture) becomes one item, [dt, 'A', k, [dt2, dt3, ...]]: a link of thousands of
 * writes then costs about one character per write instead of five.
 */
export function compactActions(actions: readonly Action[]): unknown[][] {
  const out: unknown[][] = [];
  let last = 0;
  let i = 0;
  while (i < actions.length) {
    const act = actions[i]!;
    const first = autoWriteNumber(act);
    if (first !== null) {
      let j = i + 1;
      while (j < actions.length && autoWriteNumber(actions[j]!) === first + (j - i)) j++;
      if (j - i >= MIN_AUTO_RUN) {
        const gaps: number[] = [];
        for (let k = i + 1; k < j; k++) gaps.push(actions[k]!.at - actions[k - 1]!.at);
        out.push([act.at - last, 'A', first, gaps]);
        last = actions[j - 1]!.at;
        i = j;
        continue;
      }
    }
    out.push(compactAction(act, act.at - last));
    last = act.at;
    i++;
  }
  return out;
}

function compactAction(act: Action, dt: number): unknown[] {
  switch (act.type) {
    case 'crash':
      return [dt, 'c', n(act.node)];
    case 'restart':
      return [dt, 'r', n(act.node)];
    case 'timeoutNow':
      return [dt, 't', n(act.node)];
    case 'transfer':
      return [dt, 'T', n(act.to)];
    case 'addServer':
      return [dt, '+'];
    case 'removeServer':
      return [dt, '-', n(act.node)];
    case 'crashLeader':
      return [dt, 'L'];
    case 'heal':
      return [dt, 'h'];
    case 'partition':
      return [dt, 'p', act.groups.map((g) => g.map(n).join('')).join('|')];
    case 'cut':
      return [dt, 'x', n(act.from), n(act.to), act.oneWay ? 1 : 0];
    case 'restore':
      return [dt, 'o', n(act.from), n(act.to), act.oneWay ? 1 : 0];
    case 'write':
      return act.node === undefined ? [dt, 'w', act.key, act.value] : [dt, 'w', act.key, act.value, n(act.node)];
    case 'read':
      return act.node === undefined ? [dt, 'R', act.key] : [dt, 'R', act.key, n(act.node)];
    case 'store':
      return [dt, 's', act.client, act.value];
    case 'dropMessage':
      return [dt, 'md', act.message];
    case 'holdMessage':
      return [dt, 'mh', act.message];
    case 'releaseMessage':
      return [dt, 'mr', act.message];
    case 'deliverMessage':
      return [dt, 'mn', act.message];
    case 'delayMessage':
      return [dt, 'ml', act.message, act.ms];
    case 'duplicateMessage':
      return [dt, 'mc', act.message];
  }
}

/** Most writes one 'A' item may expand to: a link must not inflate into millions of actions. */
export const MAX_AUTO_RUN = 100_000;

const CODES: Record<string, string> = {
  c: 'crash',
  r: 'restart',
  t: 'timeoutNow',
  T: 'transfer',
  // Membership: + adds the next server, - removes the one named.
  '+': 'addServer',
  '-': 'removeServer',
  L: 'crashLeader',
  h: 'heal',
  p: 'partition',
  x: 'cut',
  o: 'restore',
  w: 'write',
  R: 'read',
  s: 'store',
  // Message actions: m and a letter (drop, hold, release, now, later, copy).
  md: 'dropMessage',
  mh: 'holdMessage',
  mr: 'releaseMessage',
  mn: 'deliverMessage',
  ml: 'delayMessage',
  mc: 'duplicateMessage',
};

/** Back to the scenario document's shape; unknown shapes pass through for the validator to name. */
export function expandActions(list: unknown[]): unknown[] {
  let at = 0;
  const out: unknown[] = [];
  for (const raw of list) {
    if (!Array.isArray(raw)) {
      out.push(raw);
      continue;
    }
    const [dt, code, x, y, z] = raw as unknown[];
    at = typeof dt === 'number' ? at + dt : NaN;
    if (code === 'A') {
      at = expandAutoRun(at, x, y, out);
      continue;
    }
    out.push(expandAction(at, code, x, y, z));
  }
  return out;
}

/**
 * A run of automatic writes. A malformed one is refused naming the action it would have been
 * (the validator's field names count expanded actions, so its writes are numbered from there).
 */
function expandAutoRun(at: number, first: unknown, gaps: unknown, out: unknown[]): number {
  const field = `actions[${out.length}]`;
  if (typeof first !== 'number' || !Number.isInteger(first) || first < 1 || first > 999_999_999) {
    throw new ScenarioError(field, 'is a damaged run of client writes: its first write number must be a whole number from 1');
  }
  if (!Array.isArray(gaps) || !gaps.every((g) => typeof g === 'number')) {
    throw new ScenarioError(field, 'is a damaged run of client writes: its gaps must be a list of times');
  }
  if (gaps.length >= MAX_AUTO_RUN) {
    throw new ScenarioError(field, `is a run of ${gaps.length + 1} client writes; a run holds at most ${MAX_AUTO_RUN}`);
  }
  const write = (t: number, k: number) =>
    out.push({ at: t, type: 'write', key: AUTO_WRITE_KEYS[(k - 1) % AUTO_WRITE_KEYS.length]!, value: String(k) });
  write(at, first);
  (gaps as number[]).forEach((g, i) => write((at += g), first + i + 1));
  return at;
}

function expandAction(at: number, code: unknown, x: unknown, y: unknown, z: unknown): unknown {
  // Own keys only: 'toString' or 'constructor' must not find Object.prototype's functions.
  const type = typeof code === 'string' ? (Object.hasOwn(CODES, code) ? CODES[code] : code) : code;
  switch (type) {
    case 'crash':
    case 'restart':
    case 'timeoutNow':
    case 'removeServer':
      return { at, type, node: id(x) };
    case 'transfer':
      return { at, type, to: id(x) };
    case 'partition':
      return { at, type, groups: typeof x === 'string' ? x.split('|').map((g) => [...g].map((c) => `S${c}`)) : x };
    case 'cut':
    case 'restore':
      return { at, type, from: id(x), to: id(y), oneWay: z === 1 ? true : z === 0 ? false : z };
    case 'write':
      return z === undefined ? { at, type, key: x, value: y } : { at, type, key: x, value: y, node: id(z) };
    case 'read':
      return y === undefined ? { at, type, key: x } : { at, type, key: x, node: id(y) };
    case 'store':
      return { at, type, client: x, value: y };
    case 'dropMessage':
    case 'holdMessage':
    case 'releaseMessage':
    case 'deliverMessage':
    case 'duplicateMessage':
      return { at, type, message: x };
    case 'delayMessage':
      return { at, type, message: x, ms: y };
    default:
      return { at, type };
  }
}

export function compactRun(scenario: Scenario, time: number, playing: boolean): CompactRun {
  const run: CompactRun = {
    v: SCENARIO_VERSION,
    s: compactSettings(scenario.settings),
    a: compactActions(scenario.actions),
    t: onGrid(time),
    p: playing ? 1 : 0,
  };
  if (scenario.name !== undefined) run.n = scenario.name;
  return run;
}
