import { useSim, selectLeader, selectLogs, selectNodes } from '../../store/simStore.ts';
import type { LogEntry } from '../../engine/types.ts';
import { leaderLogOf } from './conflicts.ts';
import { LogRow } from './LogRow.tsx';

/** At most this many indexes are shown: the newest ones, where the action is. */
const MAX_COLUMNS = 20;
const EMPTY: readonly LogEntry[] = [];

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
              {nodes.map((n) => (
                <LogRow
                  key={n.id}
                  id={n.id}
                  alive={n.alive}
                  commitIndex={n.commitIndex}
                  log={logs[n.id] ?? EMPTY}
                  leaderLog={n.id === leader?.id ? null : leaderLog}
                  first={first}
                  last={longest}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
