import { selectView, useView, type View } from '../store/viewStore.ts';
import { useActions } from '../store/context.ts';

const TABS: readonly { readonly id: View; readonly label: string }[] = [
  { id: 'live', label: 'Live cluster' },
  { id: 'experiments', label: 'Experiments' },
];

/** Switches between the live cluster and the election-time experiments. */
export function ViewTabs() {
  const { showView } = useActions();
  const view = useView(selectView);
  return (
    <nav className="view-tabs" aria-label="Views">
      {TABS.map((t) => (
        <button
          key={t.id}
          type="button"
          aria-pressed={view === t.id}
          className={view === t.id ? 'is-active' : ''}
          onClick={() => showView(t.id)}
        >
          {t.label}
        </button>
      ))}
    </nav>
  );
}
