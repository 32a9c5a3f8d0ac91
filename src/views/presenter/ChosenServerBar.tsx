import { act, clientWrite, select } from '../../store/actions.ts';
import { selectNodes, selectSelected, useSim } from '../../store/simStore.ts';

/**
 * The chosen server's actions in one row on the stage. The presenter view hides the server panel
 * beside the cluster, so a teacher using the mouse still needs Crash, Restart and Time out here.
 */
export function ChosenServerBar() {
  const id = useSim(selectSelected);
  const n = useSim(selectNodes).find((x) => x.id === id);
  if (!n) return null;
  return (
    <div className="chosen-bar" role="group" aria-label={`Chosen server ${n.id}`}>
      <strong>{n.id}</strong>
      {n.alive ? (
        <button type="button" onClick={() => act({ type: 'crash', node: n.id })}>
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
      <button type="button" className="ghost" aria-label={`Stop choosing ${n.id}`} onClick={() => select(null)}>
        ✕
      </button>
    </div>
  );
}
