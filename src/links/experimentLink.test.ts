import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, PAPER_RANGES_SCALE } from '../experiments/index.ts';
import { LinkError } from './codec.ts';
import { decodeExperimentLink, encodeExperimentLink } from './experimentLink.ts';

describe('experiment links', () => {
  it('round-trip the whole configuration', () => {
    const config = { ...DEFAULT_CONFIG, seed: 77, trials: 250, ranges: PAPER_RANGES_SCALE, heartbeat: 5, preVote: true };
    const link = encodeExperimentLink(config);
    expect(decodeExperimentLink(link.slice('exp='.length))).toEqual(config);
  });

  it('refuse damaged or impossible links with a readable message', () => {
    expect(() => decodeExperimentLink('!!')).toThrow(LinkError);
    const bad = encodeExperimentLink({ ...DEFAULT_CONFIG, ranges: [[300, 150]] }).slice(4);
    expect(() => decodeExperimentLink(bad)).toThrow(/not valid/);
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (s) => {
        try {
          decodeExperimentLink(s);
        } catch (e) {
          expect(e).toBeInstanceOf(LinkError);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
