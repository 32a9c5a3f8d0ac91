import { describe, expect, it } from 'vitest';
import { parseArgs, UsageError } from './args.ts';

describe('parseArgs', () => {
  it('takes the scenario and the defaults', () => {
    expect(parseArgs(['a.json'])).toEqual({ source: 'a.json', seed: null, seedRange: null, until: null, trace: null, help: false });
  });

  it('reads every option, with a space or an equals sign', () => {
    expect(parseArgs(['--seed', '7', 'a.json', '--until=2500', '--trace', '-'])).toMatchObject({
      source: 'a.json',
      seed: 7,
      until: 2500,
      trace: '-',
    });
    expect(parseArgs(['a.json', '--seeds=3-5']).seedRange).toEqual({ from: 3, to: 5 });
  });

  it('asks for help', () => {
    expect(parseArgs(['--help']).help).toBe(true);
    expect(parseArgs(['-h', 'whatever']).help).toBe(true);
  });

  const bad: [string[], RegExp][] = [
    [[], /no scenario/],
    [['a.json', 'b.json'], /one scenario at a time/],
    [['a.json', '--speed', '2'], /unknown option --speed/],
    [['a.json', '--seed'], /--seed needs a value/],
    [['a.json', '--seed', '1', '--seed', '2'], /given twice/],
    [['a.json', '--seed', 'x'], /--seed must be a whole number/],
    [['a.json', '--seed', '-3'], /--seed must be a whole number/],
    [['a.json', '--seed', '99999999999'], /--seed must be between 0 and 4294967295/],
    [['a.json', '--seed', '1', '--seeds', '1-2'], /not both/],
    [['a.json', '--seeds', '4'], /--seeds must be a range A-B/],
    [['a.json', '--seeds', '5-2'], /ends before it starts/],
    [['a.json', '--until', '1.5'], /--until must be a whole number/],
  ];
  for (const [argv, message] of bad) {
    it(`refuses ${JSON.stringify(argv)}`, () => {
      expect(() => parseArgs(argv)).toThrow(UsageError);
      expect(() => parseArgs(argv)).toThrow(message);
    });
  }
});
