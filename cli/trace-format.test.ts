import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SCENARIOS } from '../src/scenarios/index.ts';
import type { Scenario } from '../src/sim/scenario.ts';
import { TRACE_VERSION } from '../src/sim/trace.ts';
import { parseScenario } from '../src/sim/validate.ts';
import { runScenario } from './run.ts';

// docs/trace.md promises outside readers a format; these checks hold real traces to the promises.

type Line = Record<string, unknown> & { t: number; type: string };

const doc = readFileSync('docs/trace.md', 'utf8');
const documented = new Set([...doc.matchAll(/^### (.+)$/gm)].flatMap((m) => [...m[1]!.matchAll(/`(\w+)`/g)].map((x) => x[1]!)));

// Every kind of action, with loss and duplication, so every event type appears.
const everything = parseScenario({
  version: 1,
  settings: { nodes: 3, seed: 2, loss: 0.1, duplicate: 0.1, diskWrite: 2 },
  actions: [
    { at: 0, type: 'transfer', to: 'S2' },
    { at: 300, type: 'write', value: '1' },
    { at: 400, type: 'cut', from: 'S1', to: 'S2', oneWay: true },
    { at: 500, type: 'restore', from: 'S1', to: 'S2', oneWay: true },
    { at: 600, type: 'crash', node: 'S3' },
    { at: 650, type: 'write', value: '2', node: 'S3' },
    { at: 700, type: 'restart', node: 'S3' },
    { at: 800, type: 'partition', groups: [['S1', 'S2'], ['S3']] },
    { at: 900, type: 'heal' },
    { at: 1000, type: 'crashLeader' },
    { at: 1000, type: 'timeoutNow', node: 'S2' },
    { at: 1300, type: 'transfer', to: 'S3' },
    { at: 1300, type: 'write', value: '3' },
  ],
});

function trace(scenario: Scenario, until: number): Line[] {
  const lines: Line[] = [];
  runScenario(scenario, scenario.settings.seed, until, (l) => lines.push(JSON.parse(l) as Line));
  return lines;
}

const broken = SCENARIOS.find((s) => s.name === 'figure-8')!;
const runs: [string, Line[]][] = [
  ['every action', trace(everything, 1500)],
  ['figure-8 with a broken rule', trace({ ...broken, settings: { ...broken.settings, broken: ['commitOldTermByCount'] } }, broken.until)],
  ...SCENARIOS.map((s): [string, Line[]] => [s.name, trace(s, s.until)]),
];

describe('traces keep the promises of docs/trace.md', () => {
  it('documents every event type that occurs', () => {
    const seen = new Set(runs.flatMap(([, lines]) => lines.map((l) => l.type)));
    expect([...seen].filter((t) => !documented.has(t))).toEqual([]);
    expect(seen.size).toBeGreaterThanOrEqual(25);
  });

  for (const [name, lines] of runs) {
    it(`${name}: start, one start role per server, non-decreasing t, one final at the end`, () => {
      const start = lines[0]!;
      expect(start.type).toBe('start');
      expect(start.version).toBe(TRACE_VERSION);
      const nodes = start.nodes as string[];
      expect(lines.slice(1, 1 + nodes.length)).toEqual(
        nodes.map((node) => ({ t: 0, type: 'role', node, role: 'follower', term: 0, cause: 'start', by: { kind: 'run' } })),
      );
      for (let i = 1; i < lines.length; i++) expect(lines[i]!.t).toBeGreaterThanOrEqual(lines[i - 1]!.t);
      expect(lines.filter((l) => l.type === 'final')).toHaveLength(1);
      expect(lines.at(-1)!.type).toBe('final');
      for (const l of lines) expect(['run', 'message', 'timer', 'action'], JSON.stringify(l)).toContain((l.by as { kind: string }).kind);
      expect(JSON.stringify(lines)).not.toMatch(/Infinity|NaN/);
    });

    it(`${name}: an election writes term, electionTimeout, role in that order`, () => {
      lines.forEach((l, i) => {
        if (l.type !== 'electionTimeout' || l.preVote) return;
        expect(lines[i - 1]).toMatchObject({ type: 'term', node: l.node, to: l.term, cause: 'election' });
        expect(lines[i + 1]).toMatchObject({ type: 'role', node: l.node, role: 'candidate', term: l.term });
      });
    });

    it(`${name}: each message is delivered or dropped once, at its deliverAt (as message actions move it), unless still in flight`, () => {
      const end = lines.at(-1)!.t;
      const sent = new Map<number, Line>();
      // When each message is due: its send's deliverAt, or what a message action made of it.
      const due = new Map<number, number>();
      const settled = new Set<number>();
      for (const l of lines) {
        if (l.type === 'send') {
          sent.set(l.id as number, l);
          due.set(l.id as number, l.deliverAt as number);
        }
        if (l.type === 'messageAction' && l.done) {
          const action = l.action as { type: string; message: number };
          const id = action.message;
          if (action.type === 'dropMessage' || action.type === 'deliverMessage') due.set(id, l.t);
          else if (action.type === 'holdMessage') due.set(id, Infinity);
          else if (action.type === 'releaseMessage' || (action.type === 'delayMessage' && due.get(id) !== Infinity)) {
            due.set(id, l.deliverAt as number);
          }
        }
        if (l.type !== 'deliver' && l.type !== 'drop') continue;
        const id = l.id as number;
        const s = sent.get(id);
        expect(s, `message ${id} arrives unsent`).toBeDefined();
        expect(settled.has(id)).toBe(false);
        settled.add(id);
        expect(l.t).toBe(due.get(id));
        expect([l.from, l.to]).toEqual([s!.from, s!.to]);
      }
      for (const [id] of sent) if (!settled.has(id)) expect(due.get(id)).toBeGreaterThan(end);
    });
  }
});
