import { useState } from 'react';
import { selectCut, selectNodes, selectSettings, useSim } from '../../store/simStore.ts';
import { SplitEditor } from './SplitEditor.tsx';
import { useActions } from '../../store/context.ts';
import { majority } from '../../engine/quorum.ts';

/** Split the cluster into a majority and a minority in one click, heal it, or split it by hand. */
export function NetworkControls() {
  const { heal, setSplitSide, split } = useActions();
  const nodes = useSim(selectNodes);
  const cut = useSim(selectCut);
  const leaderIn = useSim((s) => s.splitSide);
  const [editing, setEditing] = useState(false);
  // Every server present splits, added ones too (before the first frame: the settings' count).
  const configured = useSim(selectSettings).nodes;
  const size = nodes.length || configured;
  const big = majority(size);
  const small = size - big;
  const canSplit = small > 0 && nodes.length > 0;
  return (
    <div className="network" role="group" aria-label="Network">
      <button type="button" disabled={!canSplit} onClick={() => split()}>
        Split {big}/{small}
      </button>
      <fieldset className="segmented">
        <legend className="sr-only">Where the current leader goes</legend>
        <label className={leaderIn === 'majority' ? 'on' : ''}>
          <input type="radio" name="leader-side" checked={leaderIn === 'majority'} onChange={() => setSplitSide('majority')} />
          <span className="wide-only">leader in </span>majority
        </label>
        <label className={leaderIn === 'minority' ? 'on' : ''}>
          <input type="radio" name="leader-side" checked={leaderIn === 'minority'} onChange={() => setSplitSide('minority')} />
          <span className="wide-only">leader in </span>minority
        </label>
      </fieldset>
      <button type="button" disabled={cut.length === 0} onClick={heal}>
        Heal
      </button>
      <button type="button" className="ghost" aria-expanded={editing} onClick={() => setEditing(!editing)}>
        Custom<span className="wide-only"> split</span>…
      </button>
      {editing && <SplitEditor ids={nodes.map((n) => n.id)} onDone={() => setEditing(false)} />}
    </div>
  );
}
