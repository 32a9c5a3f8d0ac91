import type { NodeFrame } from '../../worker/protocol.ts';
import { useActions } from '../../store/context.ts';
import { selectLeader, useSim } from '../../store/simStore.ts';

/**
 * Crash or restart, time out now, write, read, take over the leadership: one server's actions,
 * wherever they are offered.
 */
export function ServerActions({ node: n, crashClass }: { readonly node: NodeFrame; readonly crashClass?: string }) {
  const { act, clientWrite, clientRead } = useActions();
  const leader = useSim(selectLeader);
  // Offered on a live server other than the leader (thesis §3.10: the leader hands over to it).
  const canTakeOver = leader !== null && leader.id !== n.id && n.alive;
  return (
    <>
      {n.alive ? (
        <button type="button" className={crashClass} onClick={() => act({ type: 'crash', node: n.id })}>
          Crash {n.id}
        </button>
      ) : (
        <button type="button" onClick={() => act({ type: 'restart', node: n.id })}>
          Restart {n.id}
        </button>
      )}
      <button type="button" disabled={!n.alive || n.role === 'leader'} onClick={() => act({ type: 'timeoutNow', node: n.id })}>
        Time out {n.id} now
      </button>
      <button type="button" onClick={() => clientWrite(n.id)}>
        Write to {n.id}
      </button>
      <button type="button" onClick={() => clientRead(n.id)}>
        Read from {n.id}
      </button>
      {leader !== null && leader.id !== n.id && (
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
