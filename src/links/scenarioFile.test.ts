import { describe, expect, it } from 'vitest';
import { findScenario } from '../scenarios/index.ts';
import { parseScenario } from '../sim/validate.ts';
import { readScenarioFile, scenarioFileName, scenarioFileText, ScenarioFileError } from './scenarioFile.ts';

describe('scenario files', () => {
  const s = findScenario('leader-crash')!;

  it('export as the document the command line runs, until the moment viewed, and import it back', () => {
    const text = scenarioFileText(s, 4321.7);
    const doc = JSON.parse(text) as Record<string, unknown>;
    expect(doc.until).toBe(4321.7);
    expect(parseScenario(doc)).toEqual({ ...s, until: 4321.7 });
    expect(readScenarioFile(text)).toEqual({ ...s, until: 4321.7 });
    expect(scenarioFileName(s)).toBe('leader-crash.json');
    expect(scenarioFileName({ ...s, name: '../<b>x</b>' })).toBe('b-x-b.json');
  });

  it('names the field at fault, and refuses what is not JSON', () => {
    const bad = JSON.stringify({ version: 1, settings: { nodes: 12 }, actions: [] });
    expect(() => readScenarioFile(bad)).toThrow(ScenarioFileError);
    try {
      readScenarioFile(bad);
    } catch (e) {
      expect((e as ScenarioFileError).field).toBe('settings.nodes');
      expect((e as Error).message).toMatch(/settings\.nodes/);
    }
    expect(() => readScenarioFile('{"version": 1,')).toThrow(/not valid JSON/);
    expect(() => readScenarioFile('\uFEFF' + scenarioFileText(s, 10))).not.toThrow();
  });
});
