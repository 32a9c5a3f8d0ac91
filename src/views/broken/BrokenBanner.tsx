import { useBroken } from '../../store/brokenStore.ts';
import { selectSettings, useSim } from '../../store/simStore.ts';
import { PROPERTIES, PROPERTY_TEXT, RULE_TEXT } from './rules.ts';
import './broken.css';
import { useActions } from '../../store/context.ts';

/**
 * While any rule is off, say so above everything: a class must never mistake this for Raft.
 * Once a Figure 3 guarantee has broken, the banner names it, because in the presenter view the
 * Figure 3 panel may be out of sight and the lesson points at the banner.
 */
export function BrokenBanner() {
  const { normalRun } = useActions();
  const active = useSim(selectSettings).broken;
  const firstBreak = useBroken((s) => s.firstBreak);
  if (active.length === 0) return null;
  const broke = PROPERTIES.filter((p) => firstBreak[p]).map((p) => PROPERTY_TEXT[p].name);
  return (
    <div className="broken-banner" role="note" aria-label="Raft is broken on purpose">
      <strong>
        <span aria-hidden="true">⚠ </span>Broken on purpose:
      </strong>{' '}
      {active.map((r) => RULE_TEXT[r].label).join('; ')}.
      {broke.length > 0 ? (
        <strong className="broken-banner-broke" data-testid="banner-broke">
          <span aria-hidden="true">✗ </span>It broke {broke.join(', ')}
        </strong>
      ) : (
        ' This is not how Raft behaves.'
      )}
      <button type="button" onClick={normalRun}>
        Back to normal Raft
      </button>
    </div>
  );
}
