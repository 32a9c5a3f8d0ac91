import { BROKEN_RULE_NAMES } from '../../sim/settings.ts';
import { useBroken } from '../../store/brokenStore.ts';
import { selectSettings, useSim } from '../../store/simStore.ts';
import { RULE_TEXT } from './rules.ts';
import './broken.css';
import { useActions } from '../../store/context.ts';

/**
 * The deliberate faults, each off until ticked. Nothing changes until a broken run is started,
 * and a broken run is always a new run, so normal runs never inherit a fault.
 */
export function BrokenPanel() {
  const { normalRun, openBrokenPanel, runBrokenDemo, startBrokenRun, toggleRule } = useActions();
  const open = useBroken((s) => s.open);
  const chosen = useBroken((s) => s.chosen);
  const active = useSim(selectSettings).broken;
  if (!open) return null;
  return (
    <section className="card broken-panel" aria-labelledby="broken-title">
      <header className="card-head">
        <h2 id="broken-title">
          <span aria-hidden="true">⚠ </span>What if Raft were broken?
        </h2>
        <button type="button" className="ghost" aria-label="Close the broken-Raft panel" onClick={() => openBrokenPanel(false)}>
          ✕
        </button>
      </header>
      <p className="broken-warning">
        Switch off a rule of Raft on purpose and watch the safety checks (Figure 3) fail. Each starts a new run.
      </p>
      <ul className="broken-rules">
        {BROKEN_RULE_NAMES.map((rule) => (
          <li key={rule}>
            <label className="broken-switch">
              <input type="checkbox" role="switch" checked={chosen.includes(rule)} onChange={(e) => toggleRule(rule, e.target.checked)} />
              <span>
                <strong>{RULE_TEXT[rule].label}</strong>
                <span className="muted">{RULE_TEXT[rule].keeps}</span>
              </span>
            </label>
            <button
              type="button"
              className="broken-demo"
              onClick={() => runBrokenDemo(rule)}
              aria-label={`Run demo: ${RULE_TEXT[rule].label}`}
            >
              Run demo
            </button>
          </li>
        ))}
      </ul>
      <div className="broken-actions">
        <button type="button" className="danger-solid" disabled={chosen.length === 0} onClick={startBrokenRun}>
          Start a broken run ({chosen.length} rule{chosen.length === 1 ? '' : 's'} off)
        </button>
        {active.length > 0 && (
          <button type="button" onClick={normalRun}>
            Back to normal Raft
          </button>
        )}
      </div>
    </section>
  );
}
