import { useState } from 'react';
import { findScenario, SCENARIOS } from '../../scenarios/index.ts';
import { selectRunScenario, useTravel } from '../../store/travelStore.ts';
import '../travel/travel.css';
import { useActions } from '../../store/context.ts';

/** How a scenario's file name reads in the list: "split-3-2-leader-majority" -> "Split 3/2 leader majority". */
function title(name: string): string {
  const words = name.replace(/(\d)-(\d)/g, '$1/$2').replace(/-/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * Named one-click scenarios. The description follows the choice in the list at once, before
 * Run, so the class reads what it is about to see; the one on the stage is named when it differs.
 */
export function LibraryPicker() {
  const { openRun } = useActions();
  const [choice, setChoice] = useState(SCENARIOS[0]!.name);
  const running = useTravel(selectRunScenario);
  const chosen = findScenario(choice);
  const onStage = running?.name === undefined ? undefined : findScenario(running.name);
  const chosenIsOnStage = chosen !== undefined && onStage?.name === chosen.name;
  return (
    <section className="card library" aria-label="Scenario library">
      <div className="card-head">
        <h2>Scenario library</h2>
      </div>
      <div className="library-row">
        <select aria-label="Scenario" value={choice} onChange={(e) => setChoice(e.currentTarget.value)}>
          {SCENARIOS.map((s) => (
            <option key={s.name} value={s.name}>
              {title(s.name)}
            </option>
          ))}
        </select>
        <button
          type="button"
          className="primary"
          onClick={() => {
            if (chosen) openRun(chosen, 0, true);
          }}
        >
          Run scenario
        </button>
      </div>
      {chosen && (
        <p className="library-watch" data-scenario={chosen.name} data-running={chosenIsOnStage ? '' : undefined}>
          <strong>{chosenIsOnStage ? 'Running. Watch for:' : 'Shows:'}</strong> {chosen.description}
        </p>
      )}
      {onStage && !chosenIsOnStage && (
        <p className="hint" data-testid="library-on-stage">
          On the stage now: {title(onStage.name)}.
        </p>
      )}
    </section>
  );
}
