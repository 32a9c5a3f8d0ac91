import { onGrid } from '../engine/time.ts';
import { READ_MODES, type ReadMode } from '../engine/types.ts';
import { SCENARIO_VERSION, type Action, type Scenario } from './scenario.ts';
import { BROKEN_RULE_NAMES, DEFAULT_SETTINGS, LIMITS, nodeIds, type BrokenRuleName, type ClusterSettings } from './settings.ts';

/**
 * Untrusted scenario documents (files, links, imports) are cleaned here and nowhere else.
 * Every problem names the field it is about, so the page can say exactly what was wrong.
 */
export class ScenarioError extends Error {
  readonly field: string;
  constructor(field: string, problem: string) {
    super(`${field}: ${problem}`);
    this.name = 'ScenarioError';
    this.field = field;
  }
}

/** Most actions a scenario (file or link) may hold. */
export const MAX_ACTIONS = 10_000;
const MAX_TEXT = 200;

/** The fields each part of a document may have: anything else is refused, naming it. */
const SCENARIO_KEYS: ReadonlySet<string> = new Set(['version', 'name', 'description', 'settings', 'actions', 'until']);
const ACTION_KEYS: Readonly<Record<string, ReadonlySet<string>>> = {
  crash: new Set(['at', 'type', 'node']),
  restart: new Set(['at', 'type', 'node']),
  timeoutNow: new Set(['at', 'type', 'node']),
  transfer: new Set(['at', 'type', 'to']),
  addServer: new Set(['at', 'type']),
  removeServer: new Set(['at', 'type', 'node']),
  crashLeader: new Set(['at', 'type']),
  heal: new Set(['at', 'type']),
  partition: new Set(['at', 'type', 'groups']),
  cut: new Set(['at', 'type', 'from', 'to', 'oneWay']),
  restore: new Set(['at', 'type', 'from', 'to', 'oneWay']),
  write: new Set(['at', 'type', 'key', 'value', 'node']),
  read: new Set(['at', 'type', 'key', 'node']),
  store: new Set(['at', 'type', 'client', 'value']),
  dropMessage: new Set(['at', 'type', 'message']),
  holdMessage: new Set(['at', 'type', 'message']),
  releaseMessage: new Set(['at', 'type', 'message']),
  deliverMessage: new Set(['at', 'type', 'message']),
  delayMessage: new Set(['at', 'type', 'message', 'ms']),
  duplicateMessage: new Set(['at', 'type', 'message']),
};

/**
 * Message ids count the run's sends from 1; no run the app allows comes near this (a simulated
 * day of nine servers with a 1 ms heartbeat sends under 10^10), and it stays an exact integer.
 */
export const MAX_MESSAGE_ID = 1e12;
/** The longest a delayMessage may hold a message back, in ms: a minute, many election timeouts. */
export const MAX_MESSAGE_DELAY = 60_000;

function refuseUnknown(input: Record<string, Json>, known: ReadonlySet<string>, field: string | null, what: string): void {
  for (const key of Object.keys(input)) {
    if (!known.has(key)) {
      throw new ScenarioError(
        field === null ? key : `${field}.${key}`,
        `is not a known field of ${what} (known: ${[...known].join(', ')})`,
      );
    }
  }
}

type Json = unknown;

function isRecord(x: Json): x is Record<string, Json> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function num(x: Json, field: string, min: number, max: number, integer = true): number {
  if (typeof x !== 'number' || !Number.isFinite(x)) throw new ScenarioError(field, 'must be a number');
  if (integer && !Number.isInteger(x)) throw new ScenarioError(field, 'must be a whole number');
  if (x < min || x > max) throw new ScenarioError(field, `must be between ${min} and ${max} (got ${x})`);
  return x;
}

function bool(x: Json, field: string): boolean {
  if (typeof x !== 'boolean') throw new ScenarioError(field, 'must be true or false');
  return x;
}

function text(x: Json, field: string, max = MAX_TEXT): string {
  if (typeof x !== 'string') throw new ScenarioError(field, 'must be text');
  if (x.length > max) throw new ScenarioError(field, `is longer than ${max} characters`);
  return x;
}

function readMode(x: Json, field: string): ReadMode {
  if (typeof x !== 'string' || !(READ_MODES as readonly string[]).includes(x)) {
    throw new ScenarioError(field, `must be one of ${READ_MODES.join(', ')}`);
  }
  return x as ReadMode;
}

function range(x: Json, field: string, min: number, max: number): readonly [number, number] {
  if (!Array.isArray(x) || x.length !== 2) throw new ScenarioError(field, 'must be a pair [min, max]');
  const lo = num(x[0], `${field}[0]`, min, max);
  const hi = num(x[1], `${field}[1]`, min, max);
  if (hi < lo) throw new ScenarioError(field, `the maximum (${hi}) is below the minimum (${lo})`);
  return [lo, hi];
}

const SETTING_KEYS = new Set(Object.keys(DEFAULT_SETTINGS));

/** Settings with defaults for anything missing; unknown or impossible values are refused. */
export function parseSettings(input: Json, field = 'settings'): ClusterSettings {
  if (input === undefined) return DEFAULT_SETTINGS;
  if (!isRecord(input)) throw new ScenarioError(field, 'must be an object');
  for (const key of Object.keys(input)) {
    if (!SETTING_KEYS.has(key)) throw new ScenarioError(`${field}.${key}`, 'is not a known setting');
  }
  const d = DEFAULT_SETTINGS;
  const get = <T>(key: keyof ClusterSettings, parse: (x: Json, f: string) => T, fallback: T): T =>
    input[key] === undefined ? fallback : parse(input[key], `${field}.${key}`);
  const electionTimeout = get('electionTimeout', (x, f) => range(x, f, LIMITS.time.min, LIMITS.time.max), d.electionTimeout);
  const latency = get('latency', (x, f) => range(x, f, LIMITS.latency.min, LIMITS.latency.max), d.latency);
  const heartbeat = get('heartbeat', (x, f) => num(x, f, LIMITS.time.min, LIMITS.time.max), d.heartbeat);
  if (heartbeat >= electionTimeout[0]) {
    throw new ScenarioError(
      `${field}.heartbeat`,
      `must be shorter than the minimum election timeout (${electionTimeout[0]} ms), or followers time out between heartbeats`,
    );
  }
  const broken = get(
    'broken',
    (x, f) => {
      if (!Array.isArray(x)) throw new ScenarioError(f, 'must be a list of rule names');
      return x.map((r, i) => {
        if (typeof r !== 'string' || !(BROKEN_RULE_NAMES as readonly string[]).includes(r)) {
          throw new ScenarioError(`${f}[${i}]`, `must be one of ${BROKEN_RULE_NAMES.join(', ')}`);
        }
        return r as BrokenRuleName;
      });
    },
    d.broken,
  );
  return {
    nodes: get('nodes', (x, f) => num(x, f, LIMITS.nodes.min, LIMITS.nodes.max), d.nodes),
    seed: get('seed', (x, f) => num(x, f, LIMITS.seed.min, LIMITS.seed.max), d.seed),
    electionTimeout,
    heartbeat,
    latency,
    diskWrite: get('diskWrite', (x, f) => num(x, f, 0, LIMITS.latency.max), d.diskWrite),
    loss: get('loss', (x, f) => num(x, f, 0, 1, false), d.loss),
    duplicate: get('duplicate', (x, f) => num(x, f, 0, 1, false), d.duplicate),
    reorder: get('reorder', bool, d.reorder),
    preVote: get('preVote', bool, d.preVote),
    checkQuorum: get('checkQuorum', bool, d.checkQuorum),
    noopEntry: get('noopEntry', bool, d.noopEntry),
    readMode: get('readMode', readMode, d.readMode),
    broken: [...new Set(broken)],
  };
}

function nodeName(x: Json, field: string, ids: ReadonlySet<string>): string {
  const name = text(x, field, 3);
  if (!ids.has(name)) throw new ScenarioError(field, `must name a node of this cluster (S1..S${ids.size}), got "${name}"`);
  return name;
}

export function parseAction(input: Json, field: string, ids: ReadonlySet<string>): Action {
  if (!isRecord(input)) throw new ScenarioError(field, 'must be an object');
  // Simulated time has microsecond resolution (src/engine/time.ts): an action may fall between
  // milliseconds, as one clicked after stepping to an event does.
  const at = onGrid(num(input.at, `${field}.at`, 0, LIMITS.runTime.max, false));
  const type = input.type;
  const known = typeof type === 'string' && Object.hasOwn(ACTION_KEYS, type) ? ACTION_KEYS[type] : undefined;
  if (known) refuseUnknown(input, known, field, `a ${type} action`);
  const node = (key = 'node') => nodeName(input[key], `${field}.${key}`, ids);
  switch (type) {
    case 'crash':
    case 'restart':
    case 'timeoutNow':
      return { at, type, node: node() };
    case 'crashLeader':
    case 'heal':
    case 'addServer':
      return { at, type };
    case 'removeServer':
      return { at, type, node: node() };
    case 'transfer':
      return { at, type, to: node('to') };
    case 'partition': {
      const groups = input.groups;
      if (!Array.isArray(groups) || groups.length === 0) throw new ScenarioError(`${field}.groups`, 'must be a list of node lists');
      const seen = new Set<string>();
      const parsed = groups.map((g, gi) => {
        if (!Array.isArray(g)) throw new ScenarioError(`${field}.groups[${gi}]`, 'must be a list of node names');
        return g.map((n, ni) => {
          const name = nodeName(n, `${field}.groups[${gi}][${ni}]`, ids);
          if (seen.has(name)) throw new ScenarioError(`${field}.groups[${gi}][${ni}]`, `${name} is in more than one group`);
          seen.add(name);
          return name;
        });
      });
      return { at, type, groups: parsed };
    }
    case 'cut':
    case 'restore': {
      const from = node('from');
      const to = node('to');
      if (from === to) throw new ScenarioError(`${field}.to`, 'a link joins two different nodes');
      const oneWay = input.oneWay === undefined ? false : bool(input.oneWay, `${field}.oneWay`);
      return { at, type, from, to, oneWay };
    }
    case 'write': {
      const value = text(input.value, `${field}.value`, 64);
      const key = input.key === undefined ? 'x' : text(input.key, `${field}.key`, 32);
      return input.node === undefined ? { at, type, key, value } : { at, type, key, value, node: node() };
    }
    case 'read': {
      const key = input.key === undefined ? 'x' : text(input.key, `${field}.key`, 32);
      return input.node === undefined ? { at, type, key } : { at, type, key, node: node() };
    }
    case 'store': {
      const client = text(input.client, `${field}.client`, 8);
      if (!/^[A-Z]$/.test(client))
        throw new ScenarioError(`${field}.client`, `must name a client by one capital letter (A to Z), got "${client}"`);
      return { at, type, client, value: text(input.value, `${field}.value`, 64) };
    }
    case 'dropMessage':
    case 'holdMessage':
    case 'releaseMessage':
    case 'deliverMessage':
    case 'duplicateMessage':
      return { at, type, message: num(input.message, `${field}.message`, 1, MAX_MESSAGE_ID) };
    case 'delayMessage':
      return {
        at,
        type,
        message: num(input.message, `${field}.message`, 1, MAX_MESSAGE_ID),
        ms: num(input.ms, `${field}.ms`, 1, MAX_MESSAGE_DELAY),
      };
    default:
      throw new ScenarioError(`${field}.type`, `is not a known action (got ${JSON.stringify(String(type)).slice(0, 40)})`);
  }
}

/** Check a whole scenario: throws ScenarioError naming the first bad field. */
export function parseScenario(input: Json): Scenario {
  if (!isRecord(input)) throw new ScenarioError('scenario', 'must be a JSON object');
  refuseUnknown(input, SCENARIO_KEYS, null, 'a scenario');
  const version = input.version === undefined ? SCENARIO_VERSION : num(input.version, 'version', 1, 1e6);
  if (version > SCENARIO_VERSION) {
    throw new ScenarioError('version', `is ${version}, newer than this app understands (${SCENARIO_VERSION}); open it in a newer version`);
  }
  const settings = parseSettings(input.settings);
  const ids = new Set(nodeIds(settings.nodes));
  const rawActions = input.actions ?? [];
  if (!Array.isArray(rawActions)) throw new ScenarioError('actions', 'must be a list');
  if (rawActions.length > MAX_ACTIONS) throw new ScenarioError('actions', `has more than ${MAX_ACTIONS} actions`);
  // Each addServer may boot the next server, so the actions after it may name that one too.
  const actions = rawActions.map((a, i) => {
    const action = parseAction(a, `actions[${i}]`, ids);
    if (action.type === 'addServer' && ids.size < LIMITS.nodes.max) ids.add(`S${ids.size + 1}`);
    return action;
  });
  for (let i = 1; i < actions.length; i++) {
    if (actions[i]!.at < actions[i - 1]!.at) throw new ScenarioError(`actions[${i}].at`, 'actions must be in time order');
  }
  const scenario: Scenario = {
    version: SCENARIO_VERSION,
    settings,
    actions,
    ...(input.name === undefined ? {} : { name: text(input.name, 'name') }),
    ...(input.description === undefined ? {} : { description: text(input.description, 'description', 1000) }),
    ...(input.until === undefined ? {} : { until: onGrid(num(input.until, 'until', 0, LIMITS.runTime.max, false)) }),
  };
  return scenario;
}
