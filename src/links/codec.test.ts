import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MESSAGE_ACTION_TYPES, type Action, type Scenario } from '../sim/scenario.ts';
import { Simulation } from '../sim/simulation.ts';
import { traceLine } from '../sim/trace.ts';
import { DEFAULT_SETTINGS } from '../sim/settings.ts';
import { toBase64Url } from './base64url.ts';
import { decodeLink, encodeLink, LinkError } from './codec.ts';
import { AUTO_WRITE_KEYS, compactRun } from './compact.ts';
import { deflate } from './compress.ts';
import { MAX_ACTIONS } from '../sim/validate.ts';

const classroom: Scenario = {
  version: 1,
  name: 'Split 3/2, leader in the minority',
  settings: { ...DEFAULT_SETTINGS, seed: 42, readMode: 'lease' },
  actions: [
    { at: 1200, type: 'write', key: 'x', value: '1' },
    { at: 1300, type: 'read', key: 'x' },
    { at: 1400, type: 'read', key: 'y', node: 'S2' },
    {
      at: 2000,
      type: 'partition',
      groups: [
        ['S1', 'S2'],
        ['S3', 'S4', 'S5'],
      ],
    },
    { at: 2600, type: 'write', key: 'y', value: '2', node: 'S1' },
    { at: 3100, type: 'write', key: 'z', value: '3' },
    { at: 4000, type: 'crash', node: 'S4' },
    { at: 5000, type: 'cut', from: 'S3', to: 'S5', oneWay: true },
    { at: 5400, type: 'restore', from: 'S3', to: 'S5', oneWay: true },
    { at: 6000, type: 'heal' },
    { at: 6500, type: 'restart', node: 'S4' },
    { at: 7000, type: 'timeoutNow', node: 'S2' },
    { at: 7500, type: 'transfer', to: 'S5' },
    { at: 8000, type: 'crashLeader' },
    { at: 8200, type: 'write', key: 'lock', value: 'A', node: 'S3' },
    { at: 8500, type: 'store', client: 'A', value: 'report-1' },
    { at: 8600, type: 'holdMessage', message: 412 },
    { at: 8600.25, type: 'delayMessage', message: 412, ms: 300 },
    { at: 8700, type: 'releaseMessage', message: 412 },
    { at: 8800, type: 'dropMessage', message: 415 },
    { at: 8900, type: 'deliverMessage', message: 420 },
    { at: 9000, type: 'duplicateMessage', message: 421 },
    { at: 9100, type: 'addServer' },
    { at: 9200, type: 'removeServer', node: 'S6' },
    { at: 9300, type: 'removeServer', node: 'S1' },
  ],
};

describe('scenario links', () => {
  it('carry the no-op setting, the disk write and actions between milliseconds', async () => {
    const scenario: Scenario = {
      ...classroom,
      settings: { ...classroom.settings, noopEntry: false, diskWrite: 3 },
      actions: [{ at: 1234.567, type: 'heal' }],
    };
    const back = await decodeLink(await encodeLink({ scenario, time: 1500.25, playing: false }));
    expect(back.scenario.settings).toMatchObject({ noopEntry: false, diskWrite: 3 });
    expect(back.scenario.actions).toEqual([{ at: 1234.567, type: 'heal' }]);
    expect(back.time).toBe(1500.25);
  });

  it('round-trips settings, every kind of action, the moment and the play state', async () => {
    const link = await encodeLink({ scenario: classroom, time: 7345, playing: true });
    const back = await decodeLink(`https://example.org/raft/#${link}`);
    expect(back.scenario.settings).toEqual(classroom.settings);
    expect(back.scenario.actions).toEqual(classroom.actions);
    expect(back.scenario.name).toBe(classroom.name);
    expect(back.time).toBe(7345);
    expect(back.playing).toBe(true);
  });

  it('replays a run with message actions from its link to the same outcome, event for event', async () => {
    // Clicked live on whatever message is on the wire at each moment, then replayed from the link.
    const settings = { ...DEFAULT_SETTINGS, seed: 42 };
    const original: string[] = [];
    const sim = new Simulation(settings, { onEvent: (e) => original.push(traceLine(e)) });
    const actions: Action[] = [];
    const click = (at: number, make: (id: number) => Action) => {
      sim.runUntil(Math.max(at, sim.now));
      let f = [...sim.inFlight()].find((x) => !x.held);
      while (!f && sim.stepMoment() !== null) f = [...sim.inFlight()].find((x) => !x.held);
      const action = make(f!.message.id);
      actions.push(action);
      sim.act(action);
      return f!.message.id;
    };
    for (const t of [200, 900, 1500, 2100]) {
      click(t, (message) => ({ at: sim.now, type: 'dropMessage', message }));
      const held = click(t + 10, (message) => ({ at: sim.now, type: 'holdMessage', message }));
      click(t + 20, (message) => ({ at: sim.now, type: 'duplicateMessage', message }));
      click(t + 30, (message) => ({ at: sim.now, type: 'delayMessage', message, ms: 120 }));
      click(t + 40, (message) => ({ at: sim.now, type: 'deliverMessage', message }));
      sim.runUntil(Math.max(t + 300, sim.now));
      actions.push({ at: sim.now, type: 'releaseMessage', message: held });
      sim.act(actions[actions.length - 1]!);
    }
    sim.runUntil(3000);
    const scenario: Scenario = { version: 1, settings, actions };
    const back = await decodeLink(await encodeLink({ scenario, time: 3000, playing: false }));
    expect(back.scenario.actions).toEqual(actions);
    const replayed: string[] = [];
    Simulation.fromScenario(back.scenario, { onEvent: (e) => replayed.push(traceLine(e)) }).runUntil(3000);
    // Every action found its message on the wire: none was a no-op.
    expect(original.filter((l) => l.includes('"type":"messageAction"') && l.includes('"done":true'))).toHaveLength(actions.length);
    expect(replayed).toEqual(original);
  });

  it('keeps a typical classroom scenario far under 2,000 characters', async () => {
    const actions: Action[] = [];
    for (let i = 0; i < 40; i++) actions.push({ at: 500 + i * 250, type: 'write', key: 'x', value: String(i) });
    actions.push({
      at: 12_000,
      type: 'partition',
      groups: [
        ['S1', 'S2', 'S3'],
        ['S4', 'S5'],
      ],
    });
    actions.push({ at: 20_000, type: 'heal' });
    const link = await encodeLink({ scenario: { ...classroom, actions }, time: 25_000, playing: false });
    expect(link.length).toBeLessThan(2000);
  });

  it('keeps a lecture of automatic writes (x=1, y=2, ...) linkable: 4,000 writes in a few thousand characters, exactly', async () => {
    const actions: Action[] = [];
    let at = 1000;
    for (let k = 1; k <= 4000; k++) {
      at += 13 + ((k * 7919) % 11); // uneven gaps, as a person pressing W makes
      actions.push({ at, type: 'write', key: AUTO_WRITE_KEYS[(k - 1) % AUTO_WRITE_KEYS.length]!, value: String(k) });
      if (k === 2000) actions.push({ at, type: 'crashLeader' }, { at: at + 1, type: 'write', key: 'x', value: 'mine', node: 'S2' });
    }
    const scenario: Scenario = { ...classroom, actions };
    const link = await encodeLink({ scenario, time: at, playing: true });
    expect(link.length).toBeLessThan(6000);
    expect((await decodeLink(link)).scenario.actions).toEqual(actions);
  });

  it('round-trips any mix of automatic writes, other writes and faults exactly', async () => {
    const node = fc.constantFrom('S1', 'S2', 'S3', 'S4', 'S5');
    const step = fc.oneof(
      fc.record({ type: fc.constant('auto' as const), skip: fc.boolean() }),
      fc.record({ type: fc.constant('write' as const), key: fc.constantFrom('x', 'y', 'k'), value: fc.constantFrom('1', '2', '07', 'v') }),
      fc.record({ type: fc.constant('crash' as const), node }),
      fc.record({ type: fc.constant('heal' as const) }),
      fc.record({
        type: fc.constantFrom(...MESSAGE_ACTION_TYPES),
        message: fc.integer({ min: 1, max: 1e9 }),
        ms: fc.integer({ min: 1, max: 60_000 }),
      }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.nat({ max: 400 }), step), { maxLength: 60 }), async (steps) => {
        const actions: Action[] = [];
        let at = 0;
        let k = 1;
        for (const [gap, s] of steps) {
          at += gap;
          if (s.type === 'auto') {
            if (s.skip) k++; // a number missing from the sequence must break the run, not shift it
            actions.push({ at, type: 'write', key: AUTO_WRITE_KEYS[(k - 1) % AUTO_WRITE_KEYS.length]!, value: String(k++) });
          } else if (s.type === 'write') actions.push({ at, type: 'write', key: s.key, value: s.value });
          else if (s.type === 'crash') actions.push({ at, type: 'crash', node: s.node });
          else if (s.type === 'heal') actions.push({ at, type: 'heal' });
          else if (s.type === 'delayMessage') actions.push({ at, type: s.type, message: s.message, ms: s.ms });
          else actions.push({ at, type: s.type, message: s.message });
        }
        const back = await decodeLink(await encodeLink({ scenario: { ...classroom, actions }, time: at, playing: false }));
        expect(back.scenario.actions).toEqual(actions);
      }),
      { numRuns: 300 },
    );
  });

  it('refuses to make a link the app would not open, saying so and pointing to export', async () => {
    // Writes of made-up values do not compress: thousands of them overflow a link.
    const actions: Action[] = [];
    for (let i = 0; i < 6000; i++)
      actions.push({ at: i * 17, type: 'write', key: `k${(i * 7919) % 9973}`, value: `v${(i * 104729) % 99991}` });
    const tooLong = encodeLink({ scenario: { ...classroom, actions }, time: 0, playing: false });
    await expect(tooLong).rejects.toThrow(/too long for a link.*Export it as a scenario file/);
    const many: Action[] = Array.from({ length: MAX_ACTIONS + 1 }, (_, i) => ({ at: i, type: 'heal' }) as const);
    await expect(encodeLink({ scenario: { ...classroom, actions: many }, time: 0, playing: false })).rejects.toThrow(/10,000 actions/);
  });

  it('calls a damaged run of writes damaged', async () => {
    const bad = JSON.stringify({ v: 1, s: compactRun(classroom, 0, false).s, a: [[5, 'A', 'one', [1, 2]]], t: 0, p: 0 });
    const link = `run=2.${toBase64Url(await deflate(new TextEncoder().encode(bad)))}`;
    await expect(decodeLink(link)).rejects.toThrow(/damaged/);
  });

  // Found by the page's fuzz test (e2e/fuzz.spec.ts): each of these was shown to a person as
  // "its scenario could not be read", a "[native code]" dump, or a moment the page never reached.
  const linkOf = async (run: object) => `run=2.${toBase64Url(await deflate(new TextEncoder().encode(JSON.stringify(run))))}`;
  const base = compactRun(classroom, 0, false);

  it('names the action of a damaged or oversized run of writes', async () => {
    const first = await linkOf({
      ...base,
      a: [
        [5, 'c', 1],
        [5, 'A', 0, [1, 2]],
      ],
    });
    await expect(decodeLink(first)).rejects.toThrow(/actions\[1\]: is a damaged run of client writes: its first write number/);
    const gaps = await linkOf({ ...base, a: [[5, 'A', 1, null]] });
    await expect(decodeLink(gaps)).rejects.toThrow(/actions\[0\]: is a damaged run of client writes: its gaps/);
    const huge = await linkOf({ ...base, a: [[5, 'A', 1, new Array(99_999).fill(0)]] });
    await expect(decodeLink(huge)).rejects.toThrow(/actions: has more than 10000 actions/);
    const past = await linkOf({ ...base, a: [[5, 'A', 1, new Array(100_000).fill(0)]] });
    await expect(decodeLink(past)).rejects.toThrow(/actions\[0\]: is a run of 100001 client writes; a run holds at most 100000/);
  });

  it('reads an action code that is a name on Object.prototype as an unknown action, quoting it', async () => {
    for (const code of ['toString', 'constructor', '__proto__', 'hasOwnProperty']) {
      const error = await decodeLink(await linkOf({ ...base, a: [[5, code, 1]] })).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(LinkError);
      expect((error as Error).message).toContain(`actions[0].type: is not a known action (got "${code}")`);
    }
  });

  it('a transfer travels as its code and target, and a hostile target is refused by name', async () => {
    const run = compactRun({ ...classroom, actions: [{ at: 900, type: 'transfer', to: 'S3' }] }, 1000, false);
    expect(run.a).toEqual([[900, 'T', 3]]);
    for (const to of [12, 'S1<b>', null, [3]]) {
      const error = await decodeLink(await linkOf({ ...base, a: [[5, 'T', to]] })).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(LinkError);
      expect((error as Error).message).toMatch(/actions\[0\]\.to: /);
    }
  });

  it('a read travels as its code, key and server; the read mode as one letter; hostile ones are refused by name', async () => {
    const run = compactRun(
      {
        ...classroom,
        settings: { ...classroom.settings, readMode: 'anyServer' },
        actions: [{ at: 900, type: 'read', key: 'x', node: 'S3' }],
      },
      1000,
      false,
    );
    expect(run.a).toEqual([[900, 'R', 'x', 3]]);
    expect(run.s[15]).toBe('a');
    const back = await decodeLink(await linkOf(run));
    expect(back.scenario.settings.readMode).toBe('anyServer');
    expect(back.scenario.actions).toEqual([{ at: 900, type: 'read', key: 'x', node: 'S3' }]);
    const cases: [unknown[], RegExp][] = [
      [[5, 'R', 7], /actions\[0\]\.key: must be text/],
      [[5, 'R', 'k'.repeat(33)], /actions\[0\]\.key: is longer than 32/],
      [[5, 'R', 'x', 12], /actions\[0\]\.node: must name a node/],
      [[5, 'R', 'x', '<b>S1</b>'], /actions\[0\]\.node: /],
    ];
    for (const [item, message] of cases) {
      const error = await decodeLink(await linkOf({ ...base, a: [item] })).catch((e: unknown) => e);
      expect(error, JSON.stringify(item)).toBeInstanceOf(LinkError);
      expect((error as Error).message).toMatch(message);
    }
    for (const code of ['x', 'toString', 7, null]) {
      const s = [...run.s];
      s[15] = code;
      const error = await decodeLink(await linkOf({ ...base, s })).catch((e: unknown) => e);
      expect(error, String(code)).toBeInstanceOf(LinkError);
      expect((error as Error).message).toMatch(/settings\.readMode: must be one of readIndex, lease, anyServer/);
    }
  });

  it('a link made before reads existed opens with the default read mode', async () => {
    const run = compactRun(classroom, 1000, false);
    const back = await decodeLink(await linkOf({ ...run, s: run.s.slice(0, 15) }));
    expect(back.scenario.settings.readMode).toBe('readIndex');
  });

  it('membership changes travel as + and - with the server, and a hostile server is refused by name', async () => {
    const run = compactRun(
      {
        ...classroom,
        actions: [
          { at: 900, type: 'addServer' },
          { at: 950, type: 'removeServer', node: 'S6' },
        ],
      },
      1000,
      false,
    );
    expect(run.a).toEqual([
      [900, '+'],
      [50, '-', 6],
    ]);
    // S6 exists only after an addServer; S7 not even then; markup, a list or nothing never.
    for (const item of [
      [5, '-', 6],
      [5, '-', 10],
      [5, '-', '<img src=x onerror=alert(1)>'],
      [5, '-', [1]],
      [5, '-'],
    ]) {
      const error = await decodeLink(await linkOf({ ...base, a: [item] })).catch((e: unknown) => e);
      expect(error, JSON.stringify(item)).toBeInstanceOf(LinkError);
      expect((error as Error).message).toMatch(/actions\[0\]\.node: /);
    }
    const late = await decodeLink(
      await linkOf({
        ...base,
        a: [
          [5, '+'],
          [5, '-', 7],
        ],
      }),
    ).catch((e: unknown) => e);
    expect((late as Error).message).toMatch(/actions\[1\]\.node: must name a node of this cluster \(S1..S6\)/);
  });

  it('refuses message actions with hostile values, naming the field', async () => {
    const cases: [unknown[], RegExp][] = [
      [[5, 'md', -1], /actions\[0\]\.message: must be between 1 and/],
      [[5, 'mh', 'S1'], /actions\[0\]\.message: must be a number/],
      [[5, 'mr'], /actions\[0\]\.message: must be a number/],
      [[5, 'mn', 2.5], /actions\[0\]\.message: must be a whole number/],
      [[5, 'mc', 1e20], /actions\[0\]\.message: must be between/],
      [[5, 'ml', 3], /actions\[0\]\.ms: must be a number/],
      [[5, 'ml', 3, 0], /actions\[0\]\.ms: must be between 1 and 60000/],
      [[5, 'ml', 3, '<img src=x onerror=alert(1)>'], /actions\[0\]\.ms: must be a number/],
      [[5, 'ml', 3, 1e9], /actions\[0\]\.ms: must be between/],
    ];
    for (const [item, message] of cases) {
      const error = await decodeLink(await linkOf({ ...base, a: [item] })).catch((e: unknown) => e);
      expect(error, JSON.stringify(item)).toBeInstanceOf(LinkError);
      expect((error as Error).message).toMatch(message);
    }
  });

  it('puts the moment on the microsecond grid the run moves on', async () => {
    expect((await decodeLink(await linkOf({ ...base, t: 0.0004 }))).time).toBe(0);
    expect((await decodeLink(await linkOf({ ...base, t: 1500.0000001 }))).time).toBe(1500);
    expect((await decodeLink(await linkOf({ ...base, t: 2.5 }))).time).toBe(2.5);
  });

  it('refuses a link of the previous version (another engine made its run), saying it is older', async () => {
    await expect(decodeLink('#run=1.AAAA')).rejects.toThrow(/from an older version of the app/);
  });

  it('names what is wrong in a link from a newer version', async () => {
    await expect(decodeLink('#run=9.AAAA')).rejects.toThrow(/newer version/);
  });

  it('refuses links that are truncated, corrupted, not base64 or hold no scenario', async () => {
    const link = await encodeLink({ scenario: classroom, time: 100, playing: false });
    await expect(decodeLink(link.slice(0, link.length - 12))).rejects.toBeInstanceOf(LinkError);
    await expect(decodeLink(link.replace(/.{6}$/, 'AAAAAA'))).rejects.toBeInstanceOf(LinkError);
    await expect(decodeLink('#run=2.<script>alert(1)</script>')).rejects.toThrow(/characters/);
    await expect(decodeLink('#other=1')).rejects.toThrow(/no scenario/);
  });

  it('names the field of an out-of-range value', async () => {
    const bad = JSON.stringify({ v: 1, s: [12, 1, 150, 300, 50, 10, 20, 0, 0, 0, 0, 0, []], a: [], t: 0, p: 0 });
    const link = `run=2.${toBase64Url(await deflate(new TextEncoder().encode(bad)))}`;
    await expect(decodeLink(link)).rejects.toThrow(/settings\.nodes/);
  });

  it('stops unpacking a decompression bomb', async () => {
    const bomb = `{"v":1,"s":[],"a":[],"t":0,"p":0,"n":"${'a'.repeat(3_000_000)}"}`;
    const link = `run=2.${toBase64Url(await deflate(new TextEncoder().encode(bomb)))}`;
    expect(link.length).toBeLessThan(16_000);
    await expect(decodeLink(link)).rejects.toThrow(/too large to be a scenario link/);
  });

  it('answers 10,000 random and mutated links with a LinkError or a valid run, never anything else', async () => {
    const good = await encodeLink({ scenario: classroom, time: 4321, playing: false });
    const payload = good.slice('run=2.'.length);
    const mutated = fc
      .tuple(fc.nat({ max: payload.length }), fc.nat({ max: 12 }), fc.string({ maxLength: 8 }))
      .map(([at, cut, insert]) => `run=2.${payload.slice(0, at)}${insert}${payload.slice(at + cut)}`);
    const jsonish = fc.jsonValue().map((v) => JSON.stringify(v));
    const packedJson = jsonish.map((j) => ({ json: j }));
    const anyText = fc.oneof(
      fc.string(),
      fc.string().map((s) => `run=${s}`),
      fc.string().map((s) => `run=2.${s}`),
    );
    await fc.assert(
      fc.asyncProperty(fc.oneof(mutated, anyText, packedJson), async (input) => {
        const text = typeof input === 'string' ? input : `run=2.${toBase64Url(await deflate(new TextEncoder().encode(input.json)))}`;
        try {
          const state = await decodeLink(text);
          expect(state.scenario.settings.nodes).toBeGreaterThanOrEqual(1);
        } catch (e) {
          if (!(e instanceof LinkError)) throw e;
          expect(e.message.length).toBeGreaterThan(10);
        }
      }),
      { numRuns: 10_000 },
    );
  });
});
