import { useState } from 'react';
import type { NodeId } from '../../engine/types.ts';
import { useActions } from '../../store/context.ts';
import { majority } from '../../engine/quorum.ts';

interface Props {
  readonly ids: readonly NodeId[];
  readonly onDone: () => void;
}

/** Move servers between two sides, then apply: any split, not just majority/minority. */
export function SplitEditor({ ids, onDone }: Props) {
  const { customSplit } = useActions();
  const [sideB, setSideB] = useState<ReadonlySet<NodeId>>(() => new Set(ids.slice(majority(ids.length))));
  const toggle = (id: NodeId) => {
    const next = new Set(sideB);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setSideB(next);
  };
  const a = ids.filter((id) => !sideB.has(id));
  const b = ids.filter((id) => sideB.has(id));
  return (
    <div className="split-editor" role="group" aria-label="Custom split">
      {[a, b].map((side, i) => (
        <div key={i} className="split-side">
          <span className="label">Side {i === 0 ? 'A' : 'B'}</span>
          {side.map((id) => (
            <button
              type="button"
              key={id}
              className="chip"
              onClick={() => toggle(id)}
              aria-label={`Move ${id} to side ${i === 0 ? 'B' : 'A'}`}
            >
              {id} {i === 0 ? '→' : '←'}
            </button>
          ))}
        </div>
      ))}
      <button
        type="button"
        className="primary"
        disabled={a.length === 0 || b.length === 0}
        onClick={() => {
          customSplit(a, b);
          onDone();
        }}
      >
        Apply split
      </button>
    </div>
  );
}
