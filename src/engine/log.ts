import type { LogEntry } from './types.ts';

// Logs are arrays where entry i (1-based, as in the paper) sits at position i - 1.
// Index 0 is the empty prefix, whose term is 0.

export function lastIndex(log: readonly LogEntry[]): number {
  return log.length;
}

export function termAt(log: readonly LogEntry[], index: number): number {
  if (index <= 0) return 0;
  return log[index - 1]?.term ?? 0;
}

export function lastTerm(log: readonly LogEntry[]): number {
  return termAt(log, log.length);
}

/**
 * §5.4.1: a log is at least as up-to-date as ours if its last term is higher, or the
 * last terms are equal and it is at least as long.
 */
export function isAtLeastAsUpToDate(candidateLastTerm: number, candidateLastIndex: number, log: readonly LogEntry[]): boolean {
  const myTerm = lastTerm(log);
  if (candidateLastTerm !== myTerm) return candidateLastTerm > myTerm;
  return candidateLastIndex >= lastIndex(log);
}

/** The first index holding an entry of `term`, searching back from `from`. */
export function firstIndexOfTerm(log: readonly LogEntry[], term: number, from: number): number {
  let i = from;
  while (i > 1 && termAt(log, i - 1) === term) i--;
  return i;
}

/** The last index holding an entry of `term`, or 0 if the log holds none. */
export function lastIndexOfTerm(log: readonly LogEntry[], term: number): number {
  for (let i = log.length; i >= 1; i--) {
    const t = termAt(log, i);
    if (t === term) return i;
    if (t < term) return 0;
  }
  return 0;
}
