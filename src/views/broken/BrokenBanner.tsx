import { selectSettings, useSim } from '../../store/simStore.ts';
import { RULE_TEXT } from './rules.ts';
import './broken.css';
import { useActions } from '../../store/context.ts';

/** While any rule is off, say so above everything: a class must never mistake this for Raft. */
export function BrokenBanner() {
  const { normalRun } = useActions();
  const active = useSim(selectSettings).broken;
  if (active.length === 0) return null;
  return (
    <div className="broken-banner" role="note" aria-label="Raft is broken on purpose">
      <strong>
        <span aria-hidden="true">⚠ </span>Broken on purpose:
      </strong>{' '}
      {active.map((r) => RULE_TEXT[r].label).join('; ')}. This is not how Raft behaves.
      <button type="button" onClick={normalRun}>
        Back to normal Raft
      </button>
    </div>
  );
}
