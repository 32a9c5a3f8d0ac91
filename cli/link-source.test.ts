import { describe, expect, it } from 'vitest';
import { encodeLink } from '../src/links/codec.ts';
import { DEFAULT_SETTINGS } from '../src/sim/settings.ts';
import { loadScenario, SourceError } from './source.ts';

const noFiles = (): string => {
  throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' });
};

describe('the command line reads scenario links', () => {
  const scenario = {
    version: 1,
    settings: { ...DEFAULT_SETTINGS, seed: 9 },
    actions: [{ at: 700, type: 'crashLeader' as const }],
  };

  it('runs a copied app link up to the moment it was looking at', async () => {
    const link = await encodeLink({ scenario, time: 2345, playing: false });
    for (const arg of [`https://example.org/raft/#${link}`, link]) {
      const loaded = await loadScenario(arg, noFiles);
      expect(loaded.settings).toEqual(scenario.settings);
      expect(loaded.actions).toEqual(scenario.actions);
      expect(loaded.until).toBe(2345);
    }
  });

  it('says what is wrong with a damaged link', async () => {
    await expect(loadScenario('https://example.org/#run=2.!!!', noFiles)).rejects.toThrow(SourceError);
    await expect(loadScenario('https://example.org/#run=7.AAAA', noFiles)).rejects.toThrow(/newer version/);
  });
});
