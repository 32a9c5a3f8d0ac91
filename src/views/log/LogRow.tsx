import { entryLabel, entryWords } from './entryWords.ts';
import { memo } from 'react';
import type { LogEntry, NodeId } from '../../engine/types.ts';
import { termColor } from '../theme.ts';
import { conflictingIndexes } from './conflicts.ts';

interface Props {
  readonly id: NodeId;
  readonly alive: boolean;
  readonly commitIndex: number;
  readonly log: readonly LogEntry[];
  /** The leader's log, to mark entries that differ from it; null for the leader itself or with no leader. */
  readonly leaderLog: readonly LogEntry[] | null;
  readonly first: number;
  readonly last: number;
}

/** One server's log, indexes first..last. Memoized: a row re-renders only when its own log or commit moves. */
export const LogRow = memo(function LogRow({ id, alive, commitIndex, log, leaderLog, first, last }: Props) {
  const conflicts = conflictingIndexes(log, leaderLog);
  const cells = [];
  for (let i = first; i <= last; i++) {
    const e = log[i - 1];
    const mark = i === commitIndex ? ' at-commit' : '';
    if (!e) {
      cells.push(<td key={i} className={`log-cell empty-cell${mark}`} />);
      continue;
    }
    const committed = i <= commitIndex;
    const conflict = conflicts.has(i);
    cells.push(
      <td key={i} className={`log-cell${mark}`}>
        <div
          className={`entry ${committed ? 'is-committed' : 'is-pending'}${conflict ? ' is-conflict' : ''}`}
          style={{ ['--term' as string]: termColor(e.term) }}
          data-node={id}
          data-index={i}
          data-term={e.term}
          data-committed={String(committed)}
          data-noop={e.noop ? 'true' : undefined}
          data-config={e.config ? 'true' : undefined}
          title={`${id}[${i}]: ${entryWords(e)}, term ${e.term}, ${committed ? 'committed' : 'not committed'}${conflict ? ', differs from the leader: will be overwritten' : ''}`}
        >
          <span className="entry-term">t{e.term}</span>
          <span className="entry-value">{entryLabel(e)}</span>
        </div>
      </td>,
    );
  }
  return (
    <tr className={alive ? '' : 'is-down'}>
      <th scope="row">
        <span className="log-node">{id}</span>
        <span className="log-commit">commit {commitIndex}</span>
      </th>
      {cells}
    </tr>
  );
});
