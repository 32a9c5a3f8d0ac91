import type { NodeFrame } from '../../worker/protocol.ts';
import { useActions } from '../../store/context.ts';
import { selectLeader, selectReach, useSim } from '../../store/simStore.ts';

/**
 * Crash or restart, time out now, write, read, take over the leadership: one server's actions,
 * wherever they are offered.
 */
export function ServerActions({ node: n, crashClass }: { readonly node: NodeFrame; readonly crashClass?: string }) {
  const { act, clientWrite, clientRead } = useActions();
  const leader = useSim(selectLeader);
  const { config } = useSim(selectReach);
  // Offered on a live voter other than the leader (thesis §3.10: the leader hands over to it).
  const canTakeOver = leader !== null && leader.id !== n.id && n.alive && n.membership === 'voter';
  // Thesis §4.1: the leader appends a configuration without the server (itself included). One
  // change at a time: while one is under way the leader would refuse, so the button says so.
  const removable = leader !== null && n.membership !== 'removed';
  return (
    <>
      {/* Crash and Remove share a row: the box stays as small as before it had Remove. */}
      <span className="action-pair">
        {n.alive ? (
          <button type="button" className={crashClass} onClick={() => act({ type: 'crash', node: n.id })}>
            Crash {n.id}
          </button>
        ) : (
          <button type="button" onClick={() => act({ type: 'restart', node: n.id })}>
            Restart {n.id}
          </button>
        )}
        {removable && (
          <button
            type="button"
            disabled={config.pending || (n.membership === 'voter' && config.voters.length === 1)}
            title={
              config.pending
                ? 'A configuration change is not committed yet: one change at a time'
                : `${leader.id} appends a configuration without ${n.id}; ${n.id === leader.id ? `it leads until that commits, then steps down` : `once that commits, ${n.id} is out`}`
            }
            onClick={() => act({ type: 'removeServer', node: n.id })}
          >
            {/* Short on screen, whole when read out: the box must fit between the servers. */}
            Remove
            <span className="sr-only"> {n.id} from the cluster</span>
          </button>
        )}
      </span>
      <button type="button" disabled={!n.alive || n.role === 'leader'} onClick={() => act({ type: 'timeoutNow', node: n.id })}>
        Time out {n.id} now
      </button>
      {/* Write and read share a row too, short on screen (the box is headed by the server's
          name) and whole when read out: the box must fit between the servers on a small ring. */}
      <span className="action-pair">
        <button type="button" onClick={() => clientWrite(n.id)}>
          Write<span className="sr-only"> to {n.id}</span>
        </button>
        <button type="button" onClick={() => clientRead(n.id)}>
          Read<span className="sr-only"> from {n.id}</span>
        </button>
      </span>
      {leader !== null && leader.id !== n.id && n.membership === 'voter' && (
        <button
          type="button"
          disabled={!canTakeOver || leader.handingTo === n.id}
          aria-keyshortcuts="L"
          title={`${leader.id} brings ${n.id}'s log up to date, then tells it to start an election now (TimeoutNow)`}
          onClick={() => act({ type: 'transfer', to: n.id })}
        >
          Hand leadership to {n.id}
        </button>
      )}
    </>
  );
}
