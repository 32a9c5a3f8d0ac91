import { checkConfig, DEFAULT_CONFIG, type ExperimentConfig, type TimeoutRange } from '../experiments/index.ts';
import { fromBase64Url, toBase64Url } from './base64url.ts';
import { LinkError } from './codec.ts';

/** Hash key of an experiment link. The experiment is deterministic, so its config is its result. */
export const EXPERIMENT_KEY = 'exp';
const VERSION = 1;

export function encodeExperimentLink(config: ExperimentConfig): string {
  const c = config;
  const compact = [
    VERSION,
    c.seed,
    c.trials,
    c.ranges.map((r) => `${r[0]}-${r[1]}`).join(','),
    c.latency[0],
    c.latency[1],
    c.diskWrite,
    c.heartbeat ?? -1,
    c.capMs,
    c.preVote ? 1 : 0,
    c.checkQuorum ? 1 : 0,
  ];
  return `${EXPERIMENT_KEY}=${toBase64Url(new TextEncoder().encode(JSON.stringify(compact)))}`;
}

/** Decode an untrusted experiment link; every problem is a LinkError with a readable message. */
export function decodeExperimentLink(payload: string): ExperimentConfig {
  if (payload.length > 4000) throw new LinkError('This experiment link is too long.');
  const bytes = fromBase64Url(payload);
  if (!bytes) throw new LinkError('This experiment link is damaged: it contains characters such links never have.');
  let raw: unknown;
  try {
    raw = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw new LinkError('This experiment link is damaged or cut short.');
  }
  if (!Array.isArray(raw) || typeof raw[0] !== 'number') throw new LinkError('This experiment link is damaged: it holds no experiment.');
  if (raw[0] > VERSION) throw new LinkError(`This experiment link was made by a newer version of the app (format ${raw[0]}).`);
  const [, seed, trials, ranges, lat0, lat1, disk, heartbeat, cap, preVote, checkQuorum] = raw as unknown[];
  const num = (v: unknown, name: string): number => {
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new LinkError(`This experiment link's ${name} is not a number.`);
    return v;
  };
  if (typeof ranges !== 'string' || ranges.length > 400) throw new LinkError("This experiment link's timeout ranges are unreadable.");
  const parsedRanges = ranges.split(',').map((r): TimeoutRange => {
    const m = /^(\d{1,6})-(\d{1,6})$/.exec(r);
    if (!m) throw new LinkError(`This experiment link has an unreadable timeout range "${r.slice(0, 20)}".`);
    return [Number(m[1]), Number(m[2])];
  });
  const hb = num(heartbeat, 'heartbeat');
  const config: ExperimentConfig = {
    ...DEFAULT_CONFIG,
    seed: num(seed, 'seed'),
    trials: num(trials, 'number of trials'),
    ranges: parsedRanges,
    latency: [num(lat0, 'latency'), num(lat1, 'latency')],
    diskWrite: num(disk, 'disk write time'),
    heartbeat: hb < 0 ? null : hb,
    capMs: num(cap, 'cap'),
    preVote: preVote === 1,
    checkQuorum: checkQuorum === 1,
  };
  try {
    checkConfig(config);
  } catch (err) {
    throw new LinkError(`This experiment link is not valid: ${err instanceof Error ? err.message : String(err)}.`);
  }
  if (config.trials > 20_000) throw new LinkError('This experiment link asks for more than 20,000 trials per range.');
  return config;
}
