import type { Scenario } from '../sim/scenario.ts';
import { parseScenario, ScenarioError } from '../sim/validate.ts';
import { onGrid } from '../engine/time.ts';

/** A scenario file that cannot be imported; the message names the field at fault when there is one. */
export class ScenarioFileError extends Error {
  readonly field: string | null;
  constructor(message: string, field: string | null = null) {
    super(message);
    this.name = 'ScenarioFileError';
    this.field = field;
  }
}

/** Larger than any real scenario (10,000 actions), small enough to refuse a wrong file at once. */
/** Largest scenario file accepted; checked on the file's size before it is read. */
export const MAX_FILE_CHARS = 2_000_000;

/**
 * The JSON document the command line runs (`npm run sim -- file.json`). `until` is the moment
 * being viewed, so the command line stops where the person was looking.
 */
export function scenarioFileText(scenario: Scenario, until: number): string {
  const { version, name, description, settings, actions } = scenario;
  const doc = {
    version,
    ...(name === undefined ? {} : { name }),
    ...(description === undefined ? {} : { description }),
    until: onGrid(Math.max(0, until)),
    settings,
    actions,
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

/** A file name from a scenario's name: letters, digits and dashes only. */
export function scenarioFileName(scenario: Scenario): string {
  const base = (scenario.name ?? 'raft-scenario')
    .replace(/[^A-Za-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return `${base || 'raft-scenario'}.json`;
}

/** Read an imported file: the same checks as the command line's, with the field named on failure. */
export function readScenarioFile(text: string): Scenario {
  if (text.length > MAX_FILE_CHARS) throw new ScenarioFileError('This file is too large to be a scenario.');
  let json: unknown;
  try {
    // Editors on some systems save a byte-order mark, which JSON.parse refuses.
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    throw new ScenarioFileError('This file is not a scenario: it is not valid JSON.');
  }
  try {
    return parseScenario(json);
  } catch (error) {
    if (error instanceof ScenarioError) throw new ScenarioFileError(`This scenario is not valid: ${error.message}.`, error.field);
    throw new ScenarioFileError('This scenario could not be read.');
  }
}
