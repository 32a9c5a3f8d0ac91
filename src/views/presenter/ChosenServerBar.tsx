import { ServerActions } from '../panel/ServerActions.tsx';
import { selectNodes, selectSelected, useSim } from '../../store/simStore.ts';
import { useActions } from '../../store/context.ts';

/**
 * The chosen server's actions in one row on the stage. The presenter view hides the server panel
 * beside the cluster, so a teacher using the mouse still needs Crash, Restart and Time out here.
 */
export function ChosenServerBar() {
  const { select } = useActions();
  const id = useSim(selectSelected);
  const n = useSim(selectNodes).find((x) => x.id === id);
  if (!n) return null;
  return (
    <div className="chosen-bar" role="group" aria-label={`Chosen server ${n.id}`}>
      <strong>{n.id}</strong>
      <ServerActions node={n} />
      <button type="button" className="ghost" aria-label={`Stop choosing ${n.id}`} onClick={() => select(null)}>
        ✕
      </button>
    </div>
  );
}
