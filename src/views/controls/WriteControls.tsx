import { useState } from 'react';
import { selectNodes, useSim } from '../../store/simStore.ts';
import { useActions } from '../../store/context.ts';

/** Client writes with auto-generated values (x=1, y=2, ...), to the leader or to a chosen server. */
export function WriteControls() {
  const { clientWrite } = useActions();
  const nodes = useSim(selectNodes);
  const [target, setTarget] = useState('leader');
  return (
    <div className="writes" role="group" aria-label="Client writes">
      <button type="button" className="primary" onClick={() => clientWrite(target === 'leader' ? undefined : target)}>
        Client write
      </button>
      <label>
        <span className="label">to</span>
        <select aria-label="Write target" value={target} onChange={(e) => setTarget(e.target.value)}>
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
