import type { NodeFrame } from '../../worker/protocol.ts';
import { useActions } from '../../store/context.ts';

/** Crash or restart, time out now, write: one server's actions, wherever they are offered. */
export function ServerActions({ node: n, crashClass }: { readonly node: NodeFrame; readonly crashClass?: string }) {
  const { act, clientWrite } = useActions();
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
    </>
  );
}
