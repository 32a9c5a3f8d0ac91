import { useState } from 'react';
import { selectNodes, useSim } from '../../store/simStore.ts';
import { useActions } from '../../store/context.ts';

/**
 * Client writes with auto-generated values (x=1, y=2, ...) and reads of the key last written, to
 * the leader or to a chosen server.
 */
export function WriteControls() {
  const { clientWrite, clientRead } = useActions();
  const nodes = useSim(selectNodes);
  const [target, setTarget] = useState('leader');
  const to = target === 'leader' ? undefined : target;
  return (
    <div className="writes" role="group" aria-label="Client requests">
      <button type="button" className="primary" aria-keyshortcuts="W" onClick={() => clientWrite(to)}>
        Client write
      </button>
      <button type="button" aria-keyshortcuts="G" onClick={() => clientRead(to)}>
        Client read
      </button>
      <label>
        <span className="label">to</span>
        <select aria-label="Request target" value={target} onChange={(e) => setTarget(e.target.value)}>
          <option value="leader">the leader</option>
          {nodes.map((n) => (
            <option key={n.id} value={n.id}>
              {n.id}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
