import { describe, expect, it } from 'vitest';
import { EXIT_INTERRUPTED, EXIT_OK, EXIT_USAGE, EXIT_VIOLATIONS, main, type CliIO, type Terminal } from './main.ts';

const SCENARIO = {
  version: 1,
  name: 'crash-the-leader',
  settings: { nodes: 3, seed: 4 },
  actions: [
    { at: 500, type: 'write', value: 'a' },
    { at: 1000, type: 'crashLeader' },
    { at: 1600, type: 'write', value: 'b' },
  ],
  until: 3000,
};

/** An in-memory world: files by name, and everything written, by destination. */
function fakeIO(files: Record<string, string>) {
  const out = { stdout: '', stderr: '', files: {} as Record<string, string>, stdoutTrace: '' };
  const io: CliIO = {
    readText(path) {
      const text = files[path];
      if (text === undefined) throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' });
      return text;
    },
    stdout: (t) => void (out.stdout += t),
    stderr: (t) => void (out.stderr += t),
    openFile(path) {
      if (path.startsWith('/no/')) throw new Error('ENOENT: no such directory');
      out.files[path] = '';
      return { write: (line) => void (out.files[path] += line + '\n'), close: () => {} };
    },
    openStdout: () => ({ write: (line) => void (out.stdout += line + '\n'), close: () => {} }),
  };
  return { io, out };
}

function lines(text: string): Record<string, unknown>[] {
  return text
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

describe('sim command', () => {
  const files = { 's.json': JSON.stringify(SCENARIO) };

  it('prints a summary: leaders by term with times, commit indexes, violations', async () => {
    const { io, out } = fakeIO(files);
    expect(await main(['s.json'], io)).toBe(EXIT_OK);
    expect(out.stdout).toMatch(/^crash-the-leader: seed 4, 3000 ms simulated\n/);
    expect(out.stdout).toMatch(/term 1: S\d elected at [\d.]+ ms/);
    expect(out.stdout).toMatch(/term \d: S\d elected at 1\d\d\d(\.\d+)? ms/);
    expect(out.stdout).toMatch(/final commit index: S1 \d+.*\(down\)/);
    expect(out.stdout).toContain('no violations');
    expect(out.stderr).toBe('');
  });

  it('writes the trace to a file, one event per line, ending with the final event', async () => {
    const { io, out } = fakeIO(files);
    await main(['s.json', '--trace', 't.jsonl', '--until', '2000'], io);
    const events = lines(out.files['t.jsonl']!);
    expect(events[0]).toMatchObject({ t: 0, type: 'start' });
    expect(events.at(-1)).toMatchObject({ t: 2000, type: 'final' });
    expect(events.filter((e) => e.type === 'final')).toHaveLength(1);
    const times = events.map((e) => e.t as number);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(out.stdout).toContain('2000 ms simulated');
  });

  it('puts the trace on stdout with "-" and the summary on stderr', async () => {
    const { io, out } = fakeIO(files);
    await main(['s.json', '--trace', '-'], io);
    expect(lines(out.stdout).at(-1)).toMatchObject({ type: 'final' });
    expect(out.stderr).toContain('no violations');
  });

  it('--seed replaces the scenario seed, and the same seed gives the same trace', async () => {
    const a = fakeIO(files);
    const b = fakeIO(files);
    const c = fakeIO(files);
    await main(['s.json', '--seed', '11', '--trace', '-'], a.io);
    await main(['s.json', '--seed', '11', '--trace', '-'], b.io);
    await main(['s.json', '--trace', '-'], c.io);
    expect(a.out.stdout).toBe(b.out.stdout);
    expect(a.out.stdout).not.toBe(c.out.stdout);
    expect(lines(a.out.stdout)[0]).toMatchObject({ type: 'start', settings: { seed: 11 } });
  });

  it('--seeds runs each seed, each trace starting with a run line', async () => {
    const { io, out } = fakeIO(files);
    expect(await main(['s.json', '--seeds', '3-5', '--trace', 't.jsonl'], io)).toBe(EXIT_OK);
    const events = lines(out.files['t.jsonl']!);
    const runs = events.flatMap((e, i) => (e.type === 'run' ? [[i, e.seed]] : []));
    expect(runs.map(([, seed]) => seed)).toEqual([3, 4, 5]);
    expect(runs[0]![0]).toBe(0);
    for (const [i, seed] of runs) {
      expect(events[(i as number) + 1]).toMatchObject({ type: 'start', settings: { seed } });
      expect(events[(i as number) - 1]?.type ?? 'final').toBe('final');
    }
    expect(out.stdout.match(/ms simulated/g)).toHaveLength(3);
    expect(out.stdout).toContain('seeds 3-5: 3 runs, no violations');
  });

  it('reports Figure 3 violations and exits with 1', async () => {
    const broken = { ...SCENARIO, settings: { nodes: 5, seed: 2, broken: ['winWithoutMajority'] }, actions: [] };
    const { io, out } = fakeIO({ 'b.json': JSON.stringify(broken) });
    expect(await main(['b.json', '--until', '2000'], io)).toBe(EXIT_VIOLATIONS);
    expect(out.stdout).toMatch(/Figure 3 violations \(\d+\):\n {4}at [\d.]+ ms, ElectionSafety: /);
  });

  it('runs duplicate 1 to the end (the audit case that overflowed the stack and exited 1)', async () => {
    const { io, out } = fakeIO({ 'd.json': '{"settings":{"duplicate":1},"until":1000}' });
    expect(await main(['d.json'], io)).toBe(EXIT_OK);
    expect(out.stdout).toContain('1000 ms simulated');
    expect(out.stdout).toContain('no violations');
  });

  it('warns on stderr when the heartbeat is too close to the election timeout for the latency, and still runs', async () => {
    const close = { settings: { heartbeat: 149, electionTimeout: [150, 300], latency: [5, 30] }, until: 500 };
    const { io, out } = fakeIO({ 'c.json': JSON.stringify(close) });
    expect(await main(['c.json'], io)).toBe(EXIT_OK);
    expect(out.stderr).toMatch(/^sim: warning: heartbeat 149 ms plus up to 25 ms .*needless elections/);
    expect(out.stdout).toContain('500 ms simulated');
  });

  /** A terminal whose clock moves 100 ms per reading, and whose person presses Ctrl-C after `stopAfter` readings. */
  function fakeTerminal(stopAfter: number) {
    const shown: string[] = [];
    let readings = 0;
    const terminal: Terminal = {
      now: () => 100 * readings++,
      progress: (line) => void shown.push(line),
      interrupted: () => readings > stopAfter,
      yield: () => Promise.resolve(),
    };
    return { terminal, shown };
  }

  it("shows a long run's progress (percent of simulated time, events per second) and clears it at the end", async () => {
    const { io, out } = fakeIO(files);
    const { terminal, shown } = fakeTerminal(Infinity);
    expect(await main(['s.json', '--until', '60000'], { ...io, terminal })).toBe(EXIT_OK);
    expect(shown.length).toBeGreaterThan(3);
    expect(shown[0]).toMatch(/^seed 4: \d+\.\d% of 60000 ms simulated, [\d,]+ events\/s \(Ctrl-C stops\)$/);
    expect(shown.at(-1)).toBe('');
    expect(out.stdout).toContain('60000 ms simulated');
  });

  it('stops cleanly on Ctrl-C: the summary and the trace cover the time reached, exit status 130', async () => {
    const { io, out } = fakeIO(files);
    const { terminal } = fakeTerminal(20);
    expect(await main(['s.json', '--until', '3600000', '--trace', 't.jsonl'], { ...io, terminal })).toBe(EXIT_INTERRUPTED);
    const reached = /seed 4, (\d+) ms simulated \(interrupted: 3600000 ms were asked for\)/.exec(out.stdout);
    expect(reached).not.toBeNull();
    const events = lines(out.files['t.jsonl']!);
    expect(events.at(-1)).toMatchObject({ type: 'final', t: Number(reached![1]) });
    expect(Number(reached![1])).toBeLessThan(3_600_000);
  });

  const failures: [string, string[], Record<string, string>, RegExp][] = [
    [
      'an unknown top-level field',
      ['x.json'],
      { 'x.json': '{"setings":{"nodes":3}}' },
      /bad scenario: setings: is not a known field of a scenario \(known: version, name, description, settings, actions, until\)/,
    ],
    ['an until beyond one simulated day', ['s.json', '--until', '1000000000'], files, /--until must be between 0 and 86400000/],
    ['a bad argument', ['s.json', '--seed', 'abc'], files, /sim: --seed must be a whole number \(got "abc"\)\nusage:/],
    ['a missing file', ['gone.json'], files, /cannot read scenario file gone\.json: no such file/],
    ['text that is not JSON', ['x.json'], { 'x.json': '{"version": 1,' }, /x\.json is not valid JSON/],
    [
      'a scenario field out of range',
      ['x.json'],
      { 'x.json': '{"settings":{"nodes":12}}' },
      /x\.json: bad scenario: settings\.nodes: must be between 1 and 9 \(got 12\)/,
    ],
    [
      'an unknown action',
      ['x.json'],
      { 'x.json': '{"actions":[{"at":1,"type":"explode"}]}' },
      /bad scenario: actions\[0\]\.type: is not a known action/,
    ],
    ['a trace file that cannot be written', ['s.json', '--trace', '/no/t.jsonl'], files, /--trace: cannot write \/no\/t\.jsonl/],
  ];
  for (const [what, argv, world, message] of failures) {
    it(`names the problem and exits with 2 on ${what}`, async () => {
      const { io, out } = fakeIO(world);
      expect(await main(argv, io)).toBe(EXIT_USAGE);
      expect(out.stderr).toMatch(message);
      expect(out.stdout).toBe('');
    });
  }

  it('reads a scenario file saved with a byte-order mark', async () => {
    const { io, out } = fakeIO({ 'bom.json': '\uFEFF' + JSON.stringify(SCENARIO) });
    expect(await main(['bom.json'], io)).toBe(EXIT_OK);
    expect(out.stdout).toContain('crash-the-leader: seed 4');
  });

  it('prints the usage with --help', async () => {
    const { io, out } = fakeIO({});
    expect(await main(['--help'], io)).toBe(EXIT_OK);
    expect(out.stdout).toMatch(/^usage: npm run sim --/);
  });
});
