import { parseScenario, ScenarioError } from '../src/sim/validate.ts';
import type { Scenario } from '../src/sim/scenario.ts';

/** A scenario argument that could not be turned into a scenario; the message says why. */
export class SourceError extends Error {
  /** The scenario field at fault, when the document parsed but did not validate. */
  readonly field: string | null;
  constructor(message: string, field: string | null = null) {
    super(message);
    this.name = 'SourceError';
    this.field = field;
  }
}

export type ReadText = (path: string) => string;

/**
 * Turn the command line's scenario argument into a checked Scenario. Today the argument is a
 * file path; a scenario link can be recognised here later without touching the rest of the CLI.
 * Async so such a decoder may be (links may be compressed with the async CompressionStream).
 */
export async function loadScenario(source: string, readText: ReadText): Promise<Scenario> {
  let text: string;
  try {
    text = readText(source);
  } catch (err) {
    throw new SourceError(`cannot read scenario file ${source}: ${describe(err)}`);
  }
  let json: unknown;
  try {
    // Editors on some systems save a byte-order mark, which JSON.parse refuses.
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    throw new SourceError(`${source} is not valid JSON: ${describe(err)}`);
  }
  try {
    return parseScenario(json);
  } catch (err) {
    if (err instanceof ScenarioError) throw new SourceError(`${source}: bad scenario: ${err.message}`, err.field);
    throw err;
  }
}

function describe(err: unknown): string {
  if (err instanceof Error) {
    const code = (err as { code?: unknown }).code;
    if (code === 'ENOENT') return 'no such file';
    if (code === 'EISDIR') return 'it is a directory';
    if (code === 'EACCES') return 'permission denied';
    return err.message;
  }
  return String(err);
}
