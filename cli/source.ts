import { decodeLink, findPayload, LinkError } from '../src/links/codec.ts';
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
 * Turn the command line's scenario argument into a checked Scenario: a file path, or a scenario
 * link as the app's "Copy link" makes it (the whole URL, or just its `run=...` part). A link's
 * moment becomes the scenario's `until`, so the run stops where the link was looking.
 */
export async function loadScenario(source: string, readText: ReadText): Promise<Scenario> {
  if (findPayload(source) !== null && (source.includes('#') || source.startsWith('run='))) {
    try {
      const link = await decodeLink(source);
      return { ...link.scenario, until: link.time };
    } catch (err) {
      if (err instanceof LinkError) throw new SourceError(`bad scenario link: ${err.message}`);
      throw err;
    }
  }
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
