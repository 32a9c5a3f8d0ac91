import { entryLabel } from '../log/entryWords.ts';
import type { LogEntry } from '../../engine/types.ts';
import { termColor } from '../theme.ts';

const SHOWN = 12;

/** The selected server's log, newest entries last, committed ones solid. */
export function MiniLog({ log, commitIndex }: { log: readonly LogEntry[]; commitIndex: number }) {
  if (log.length === 0) return <p className="muted mini-log-empty">Empty log.</p>;
  const first = Math.max(0, log.length - SHOWN);
  return (
    <ol className="mini-log" start={first + 1} aria-label="Log entries">
      {first > 0 && <li className="mini-more">…{first} earlier</li>}
      {log.slice(first).map((e, i) => {
        const index = first + i + 1;
        const committed = index <= commitIndex;
        return (
          <li
            key={index}
            className={`entry mini ${committed ? 'is-committed' : 'is-pending'}`}
            style={{ ['--term' as string]: termColor(e.term) }}
            title={`index ${index}, term ${e.term}, ${committed ? 'committed' : 'not committed'}`}
          >
            <span className="entry-term">
              {index}·t{e.term}
            </span>
            <span className="entry-value">{entryLabel(e)}</span>
          </li>
        );
      })}
    </ol>
  );
}
