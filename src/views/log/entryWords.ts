import type { LogEntry } from '../../engine/types.ts';
import { configWords } from '../../narration/narrate.ts';

/** An entry in a log cell: a client's write as key=value, a no-op, or a configuration (thesis §4.1). */
export function entryLabel(e: LogEntry): string {
  if (e.config) return `config ${e.config.voters.length}${e.config.learners.length > 0 ? `+${e.config.learners.length}` : ''}`;
  return e.noop ? 'no-op' : `${e.key}=${e.value}`;
}

/** The same entry in words, for its tooltip. */
export function entryWords(e: LogEntry): string {
  if (e.config) return `a configuration: ${configWords(e.config.voters, e.config.learners)} (voters ${e.config.voters.join(', ')})`;
  return e.noop ? "the leader's no-op of its term (changes no key)" : `${e.key}=${e.value}`;
}
