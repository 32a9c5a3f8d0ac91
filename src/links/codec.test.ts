import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Action, Scenario } from '../sim/scenario.ts';
import { DEFAULT_SETTINGS } from '../sim/settings.ts';
import { toBase64Url } from './base64url.ts';
import { decodeLink, encodeLink, LinkError } from './codec.ts';
import { deflate } from './compress.ts';

const classroom: Scenario = {
  version: 1,
  name: 'Split 3/2, leader in the minority',
  settings: { ...DEFAULT_SETTINGS, seed: 42 },
  actions: [
    { at: 1200, type: 'write', key: 'x', value: '1' },
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
    { at: 8000, type: 'crashLeader' },
  ],
};

describe('scenario links', () => {
  it('round-trips settings, every kind of action, the moment and the play state', async () => {
    const link = await encodeLink({ scenario: classroom, time: 7345, playing: true });
    const back = await decodeLink(`https://example.org/raft/#${link}`);
    expect(back.scenario.settings).toEqual(classroom.settings);
    expect(back.scenario.actions).toEqual(classroom.actions);
    expect(back.scenario.name).toBe(classroom.name);
    expect(back.time).toBe(7345);
    expect(back.playing).toBe(true);
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

  it('names what is wrong in a link from a newer version', async () => {
    await expect(decodeLink('#run=9.AAAA')).rejects.toThrow(/newer version/);
  });

  it('refuses links that are truncated, corrupted, not base64 or hold no scenario', async () => {
    const link = await encodeLink({ scenario: classroom, time: 100, playing: false });
    await expect(decodeLink(link.slice(0, link.length - 12))).rejects.toBeInstanceOf(LinkError);
    await expect(decodeLink(link.replace(/.{6}$/, 'AAAAAA'))).rejects.toBeInstanceOf(LinkError);
    await expect(decodeLink('#run=1.<script>alert(1)</script>')).rejects.toThrow(/characters/);
    await expect(decodeLink('#other=1')).rejects.toThrow(/no scenario/);
  });

  it('names the field of an out-of-range value', async () => {
    const bad = JSON.stringify({ v: 1, s: [12, 1, 150, 300, 50, 10, 20, 0, 0, 0, 0, 0, []], a: [], t: 0, p: 0 });
    const link = `run=1.${toBase64Url(await deflate(new TextEncoder().encode(bad)))}`;
    await expect(decodeLink(link)).rejects.toThrow(/settings\.nodes/);
  });

  it('stops unpacking a decompression bomb', async () => {
    const bomb = `{"v":1,"s":[],"a":[],"t":0,"p":0,"n":"${'a'.repeat(3_000_000)}"}`;
    const link = `run=1.${toBase64Url(await deflate(new TextEncoder().encode(bomb)))}`;
    expect(link.length).toBeLessThan(16_000);
    await expect(decodeLink(link)).rejects.toBeInstanceOf(LinkError);
  });

  it('answers 10,000 random and mutated links with a LinkError or a valid run, never anything else', async () => {
    const good = await encodeLink({ scenario: classroom, time: 4321, playing: false });
    const payload = good.slice('run=1.'.length);
    const mutated = fc
      .tuple(fc.nat({ max: payload.length }), fc.nat({ max: 12 }), fc.string({ maxLength: 8 }))
      .map(([at, cut, insert]) => `run=1.${payload.slice(0, at)}${insert}${payload.slice(at + cut)}`);
    const jsonish = fc.jsonValue().map((v) => JSON.stringify(v));
    const packedJson = jsonish.map((j) => ({ json: j }));
    const anyText = fc.oneof(
      fc.string(),
      fc.string().map((s) => `run=${s}`),
      fc.string().map((s) => `run=1.${s}`),
    );
    await fc.assert(
      fc.asyncProperty(fc.oneof(mutated, anyText, packedJson), async (input) => {
        const text = typeof input === 'string' ? input : `run=1.${toBase64Url(await deflate(new TextEncoder().encode(input.json)))}`;
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
