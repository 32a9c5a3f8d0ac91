import { selectLeader, selectNodes, selectReach, useSim } from '../store/simStore.ts';

/** One line a class can read from the back of the room: who leads, or why nobody does. */
export function ClusterStatus() {
  const leader = useSim(selectLeader);
  const nodes = useSim(selectNodes);
  const violations = useSim((s) => s.violations);
  // Which leaders are cut off from a majority is the worker's finding (worker/reach.ts).
  const { cutOff } = useSim(selectReach);
  // A removed server is no longer one of the cluster's (thesis §4.1): it is not counted.
  const members = nodes.filter((n) => n.membership !== 'removed');
  const up = members.filter((n) => n.alive).length;
  const maxTerm = Math.max(0, ...nodes.map((n) => n.term));
  const candidates = nodes.filter((n) => n.alive && n.role === 'candidate').map((n) => n.id);
  if (nodes.length === 0) return <div className="cluster-status muted">Starting the simulation…</div>;
  return (
    <div className="cluster-status" aria-live="polite">
      <div className="status-line">
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
          · {up}/{members.length} up
        </span>
      </div>
      {/* The second line is always there, empty or not, so the stage never moves when it fills. */}
      <div className="status-line status-detail">
        {cutOff.length > 0 && (
          <span
            className="status-cut-off"
            data-cut-off={cutOff.join(',')}
            title="A write commits only once a majority holds it: a leader that cannot reach a majority commits nothing until the network heals."
          >
            {cutOff.join(', ')} cut off: can no longer commit
          </span>
        )}
        {violations > 0 && (
          <span className="status-violation">
            {cutOff.length > 0 ? ' · ' : ''}
            {violations} safety violation{violations > 1 ? 's' : ''}
          </span>
        )}
      </div>
    </div>
  );
}
