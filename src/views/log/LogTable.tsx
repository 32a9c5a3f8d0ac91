import { useSim, selectLeader, selectLogs, selectNodes } from '../../store/simStore.ts';
import { termColor } from '../theme.ts';
import { conflictingIndexes, leaderLogOf } from './conflicts.ts';

/** At most this many indexes are shown: the newest ones, where the action is. */
const MAX_COLUMNS = 20;

/**
 * One row per server, one column per log index. Each entry shows its term (coloured, with the
 * number written) and its command; committed entries are solid, uncommitted ones dashed;
 * entries that differ from the leader's, and will be overwritten, are struck through in red.
 */
export function LogTable() {
  const nodes = useSim(selectNodes);
  const logs = useSim(selectLogs);
  const leader = useSim(selectLeader);
  const longest = Math.max(0, ...nodes.map((n) => logs[n.id]?.length ?? 0));
  const first = Math.max(1, longest - MAX_COLUMNS + 1);
  const columns = Array.from({ length: Math.max(0, longest - first + 1) }, (_, i) => first + i);
  const leaderLog = leaderLogOf(logs, leader?.id ?? null);
  return (
    <section className="card log-card" aria-labelledby="log-title">
      <header className="card-head">
        <h2 id="log-title">Logs</h2>
        <p className="hint">
          Solid: committed · dashed: not yet committed · red: differs from the leader, will be overwritten · ▍ commit index
          {first > 1 ? ` · showing indexes ${first}–${longest}` : ''}
        </p>
      </header>
      {longest === 0 ? (
        <p className="empty">No entries yet. Send a client write to the leader to see it replicate and commit.</p>
      ) : (
        <div className="log-scroll">
          <table className="log-table">
            <thead>
              <tr>
                <th scope="col">Server</th>
                {columns.map((i) => (
                  <th key={i} scope="col" className="log-index">
                    {i}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {nodes.map((n) => {
                const log = logs[n.id] ?? [];
                const conflicts = n.id === leader?.id ? new Set<number>() : conflictingIndexes(log, leaderLog);
                return (
                  <tr key={n.id} className={n.alive ? '' : 'is-down'}>
                    <th scope="row">
                      <span className="log-node">{n.id}</span>
                      <span className="log-commit">commit {n.commitIndex}</span>
                    </th>
                    {columns.map((i) => {
                      const e = log[i - 1];
                      const mark = i === n.commitIndex ? ' at-commit' : '';
                      if (!e) return <td key={i} className={`log-cell empty-cell${mark}`} />;
                      const committed = i <= n.commitIndex;
                      const conflict = conflicts.has(i);
                      return (
                        <td key={i} className={`log-cell${mark}`}>
                          <div
                            className={`entry ${committed ? 'is-committed' : 'is-pending'}${conflict ? ' is-conflict' : ''}`}
                            style={{ ['--term' as string]: termColor(e.term) }}
                            data-node={n.id}
                            data-index={i}
                            data-term={e.term}
                            data-committed={String(committed)}
                            title={`${n.id}[${i}]: ${e.key}=${e.value}, term ${e.term}, ${committed ? 'committed' : 'not committed'}${conflict ? ', differs from the leader: will be overwritten' : ''}`}
                          >
                            <span className="entry-term">t{e.term}</span>
                            <span className="entry-value">
                              {e.key}={e.value}
                            </span>
                          </div>
                        </td>
                      );
                    })}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
