import type { LogEntry, NodeId } from '../../engine/types.ts';

/**
 * Entries that differ from the leader's log at the same index: the leader will overwrite them
 * (Figure 2, AppendEntries step 3). Without a leader, nothing is known to be doomed yet.
 */
export function conflictingIndexes(log: readonly LogEntry[], leaderLog: readonly LogEntry[] | null): ReadonlySet<number> {
  const out = new Set<number>();
  if (!leaderLog) return out;
  for (let i = 0; i < log.length; i++) {
    const mine = log[i]!;
    const theirs = leaderLog[i];
    // An entry past the leader's log end, or of another term, will be removed.
    if (!theirs || theirs.term !== mine.term || theirs.writeId !== mine.writeId) out.add(i + 1);
  }
  return out;
}

export function leaderLogOf(logs: Readonly<Record<NodeId, readonly LogEntry[]>>, leader: NodeId | null): readonly LogEntry[] | null {
  return leader === null ? null : (logs[leader] ?? null);
}
