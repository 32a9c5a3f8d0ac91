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

/** Named one-click scenarios; the chosen one says what to watch for. */
export function LibraryPicker() {
  const { openRun } = useActions();
  const [choice, setChoice] = useState(SCENARIOS[0]!.name);
  const running = useTravel(selectRunScenario);
  const current = running?.name === undefined ? undefined : findScenario(running.name);
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
            const s = findScenario(choice);
            if (s) openRun(s, 0, true);
          }}
        >
          Run scenario
        </button>
      </div>
      {current ? (
        <p className="library-watch" data-scenario={current.name}>
          <strong>Watch for:</strong> {current.description}
        </p>
      ) : (
        <p className="hint">Pick a scenario and run it: it replays the same way on every machine.</p>
      )}
    </section>
  );
}
