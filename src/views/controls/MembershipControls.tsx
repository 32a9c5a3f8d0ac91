import { LIMITS } from '../../sim/settings.ts';
import { useActions } from '../../store/context.ts';
import { selectLeader, selectNodes, selectReach, useSim } from '../../store/simStore.ts';

/**
 * Add a server (Raft thesis §4.1): the leader takes the next one, S(n+1), as a learner; once its
 * log has caught up, the leader makes it a voter. Removing one is in each server's actions.
 */
export function MembershipControls() {
  const { act } = useActions();
  const nodes = useSim(selectNodes);
  const leader = useSim(selectLeader);
  const { config } = useSim(selectReach);
  const next = `S${nodes.length + 1}`;
  const full = nodes.length >= LIMITS.nodes.max;
  const why = full
    ? `Nine servers have been in this cluster: no more can be added`
    : leader === null
      ? 'There is no leader to add a server: wait for one'
      : config.pending
        ? 'A configuration change is not committed yet: one change at a time'
        : `${next} starts with an empty log and joins as a learner; ${leader.id} makes it a voter once it has caught up`;
  return (
    <div className="membership" role="group" aria-label="Membership">
      <button type="button" disabled={full || leader === null || config.pending} title={why} onClick={() => act({ type: 'addServer' })}>
        Add a server
      </button>
    </div>
  );
}
