import { selectCut, useSim } from '../../store/simStore.ts';
import { useActions } from '../../store/context.ts';

/** Actions for the link clicked on the ring: cut it both ways or one way, or restore it. */
export function LinkMenu() {
  const { act, selectLink } = useActions();
  const link = useSim((s) => s.selectedLink);
  const cut = useSim(selectCut);
  if (!link) return null;
  const [a, b] = link;
  const ab = cut.some(([x, y]) => x === a && y === b);
  const ba = cut.some(([x, y]) => x === b && y === a);
  const run = (fn: () => void) => () => {
    fn();
    selectLink(null);
  };
  return (
    <div className="link-menu" role="group" aria-label={`Link ${a}–${b}`}>
      <strong>
        Link {a}–{b}
      </strong>
      <span className="muted">{ab && ba ? 'cut both ways' : ab ? `${a}→${b} cut` : ba ? `${b}→${a} cut` : 'working'}</span>
      <button type="button" onClick={run(() => act({ type: 'cut', from: a, to: b, oneWay: false }))}>
        Cut {a}–{b} both ways
      </button>
      <button type="button" onClick={run(() => act({ type: 'cut', from: a, to: b, oneWay: true }))}>
        Cut {a}→{b} only
      </button>
      <button type="button" onClick={run(() => act({ type: 'cut', from: b, to: a, oneWay: true }))}>
        Cut {b}→{a} only
      </button>
      <button type="button" disabled={!ab && !ba} onClick={run(() => act({ type: 'restore', from: a, to: b, oneWay: false }))}>
        Restore {a}–{b}
      </button>
      <button type="button" className="ghost" aria-label="Close link menu" onClick={() => selectLink(null)}>
        ✕
      </button>
    </div>
  );
}
