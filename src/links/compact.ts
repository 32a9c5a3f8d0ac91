import type { Action, Scenario } from '../sim/scenario.ts';
import { SCENARIO_VERSION } from '../sim/scenario.ts';
import type { ClusterSettings } from '../sim/settings.ts';

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
  };
}

export function compactActions(actions: readonly Action[]): unknown[][] {
  let last = 0;
  return actions.map((act) => {
    const dt = act.at - last;
    last = act.at;
    switch (act.type) {
      case 'crash':
        return [dt, 'c', n(act.node)];
      case 'restart':
        return [dt, 'r', n(act.node)];
      case 'timeoutNow':
        return [dt, 't', n(act.node)];
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
    }
  });
}

const CODES: Record<string, string> = {
  c: 'crash',
  r: 'restart',
  t: 'timeoutNow',
  L: 'crashLeader',
  h: 'heal',
  p: 'partition',
  x: 'cut',
  o: 'restore',
  w: 'write',
};

/** Back to the scenario document's shape; unknown shapes pass through for the validator to name. */
export function expandActions(list: unknown[]): unknown[] {
  let at = 0;
  return list.map((raw) => {
    if (!Array.isArray(raw)) return raw;
    const [dt, code, x, y, z] = raw as unknown[];
    at = typeof dt === 'number' ? at + dt : NaN;
    const type = typeof code === 'string' ? (CODES[code] ?? code) : code;
    switch (type) {
      case 'crash':
      case 'restart':
      case 'timeoutNow':
        return { at, type, node: id(x) };
      case 'partition':
        return { at, type, groups: typeof x === 'string' ? x.split('|').map((g) => [...g].map((c) => `S${c}`)) : x };
      case 'cut':
      case 'restore':
        return { at, type, from: id(x), to: id(y), oneWay: z === 1 ? true : z === 0 ? false : z };
      case 'write':
        return z === undefined ? { at, type, key: x, value: y } : { at, type, key: x, value: y, node: id(z) };
      default:
        return { at, type };
    }
  });
}

export function compactRun(scenario: Scenario, time: number, playing: boolean): CompactRun {
  const run: CompactRun = {
    v: SCENARIO_VERSION,
    s: compactSettings(scenario.settings),
    a: compactActions(scenario.actions),
    t: Math.round(time),
    p: playing ? 1 : 0,
  };
  if (scenario.name !== undefined) run.n = scenario.name;
  return run;
}
