import { selectLogs, selectNodes, selectSelected, selectSettings, useSim } from '../../store/simStore.ts';
import { ROLE_COLOR, ROLE_LABEL } from '../theme.ts';
import { LeaderProgress } from './LeaderProgress.tsx';
import { LiveTimeout } from './LiveTimeout.tsx';
import { MiniLog } from './MiniLog.tsx';
import { useActions } from '../../store/context.ts';

/** The selected server's Figure 2 state, and what you can do to it. */
export function NodePanel() {
  const { select } = useActions();
  const id = useSim(selectSelected);
  const nodes = useSim(selectNodes);
  const logs = useSim(selectLogs);
  const settings = useSim(selectSettings);
  const n = nodes.find((x) => x.id === id);
  if (!n) {
    return (
      <section className="card panel" aria-label="Selected server">
        <h2>Server</h2>
        <p className="empty">Click a server on the ring to see its state here; its actions open beside it.</p>
      </section>
    );
  }
  const look = n.alive ? n.role : 'crashed';
  const log = logs[n.id] ?? [];
  const last = log[log.length - 1];
  return (
    <section className="card panel" aria-label={`Server ${n.id}`}>
      <header className="panel-head">
        <h2>
          {n.id}{' '}
          <span className={`role-pill role-${look}`} style={{ borderColor: ROLE_COLOR[look], color: ROLE_COLOR[look] }}>
            {ROLE_LABEL[look]}
          </span>
        </h2>
        <button type="button" className="ghost" aria-label="Close server panel" onClick={() => select(null)}>
          ✕
        </button>
      </header>
      <dl className="facts">
        <dt>currentTerm</dt>
        <dd>{n.term}</dd>
        <dt>votedFor</dt>
        <dd>{n.votedFor ?? '—'}</dd>
        <dt>log</dt>
        <dd>
          {log.length} entr{log.length === 1 ? 'y' : 'ies'}
          {last ? ` (last: term ${last.term})` : ''}
        </dd>
        <dt>commitIndex</dt>
        <dd>{n.commitIndex}</dd>
        <dt>lastApplied</dt>
        <dd>{n.lastApplied}</dd>
        <dt>leader known</dt>
        <dd>{n.leaderId ?? '—'}</dd>
        {n.alive && n.handingTo !== null && (
          <>
            <dt>handing over</dt>
            <dd data-handing-to={n.handingTo}>
              to {n.handingTo}: no client writes until it leads <span className="muted">(thesis §3.10)</span>
            </dd>
          </>
        )}
        <dt>election timeout</dt>
        <dd>
          {!n.alive ? 'none (crashed)' : n.role === 'leader' ? 'none (leaders send heartbeats)' : <LiveTimeout index={nodes.indexOf(n)} />}{' '}
          <span className="muted">
            (random in {settings.electionTimeout[0]}–{settings.electionTimeout[1]})
          </span>
        </dd>
      </dl>
      <MiniLog log={log} commitIndex={n.commitIndex} />
      {n.alive && n.role === 'leader' && <LeaderProgress node={n} />}
    </section>
  );
}
