import { selectLeader, selectNodes, useSim } from '../store/simStore.ts';

/** One line a class can read from the back of the room: who leads, or why nobody does. */
export function ClusterStatus() {
  const leader = useSim(selectLeader);
  const nodes = useSim(selectNodes);
  const violations = useSim((s) => s.violations);
  const up = nodes.filter((n) => n.alive).length;
  const maxTerm = Math.max(0, ...nodes.map((n) => n.term));
  const candidates = nodes.filter((n) => n.alive && n.role === 'candidate').map((n) => n.id);
  if (nodes.length === 0) return <div className="cluster-status muted">Starting the simulation…</div>;
  return (
    <div className="cluster-status" aria-live="polite">
      {leader ? (
        <span className="status-leader">
          <span aria-hidden="true">♛</span> Leader: <strong data-leader={leader.id}>{leader.id}</strong> · term {leader.term}
        </span>
      ) : (
        <span className="status-none">
          No leader{candidates.length > 0 ? ` · ${candidates.join(', ')} campaigning` : ''} · highest term {maxTerm}
        </span>
      )}
      <span className="muted">
        {' '}
        · {up}/{nodes.length} up
      </span>
      {violations > 0 && (
        <span className="status-violation">
          {' '}
          · {violations} safety violation{violations > 1 ? 's' : ''}
        </span>
      )}
    </div>
  );
}
