import { EXTENSION_DEMOS, type ExtensionDemo } from '../../scenarios/experiments/index.ts';
import type { Scenario } from '../../sim/scenario.ts';

function withExtensions(demo: ExtensionDemo, on: boolean): Scenario {
  const settings = { ...demo.scenario.settings };
  for (const ext of demo.extensions) settings[ext] = on;
  return { ...demo.scenario, settings };
}

const NAMES = { preVote: 'PreVote', checkQuorum: 'CheckQuorum' } as const;

/** Why real systems add PreVote and CheckQuorum: each claim, to watch with the extension off and on. */
export function ExtensionDemos({ onOpenScenario }: { readonly onOpenScenario: (scenario: Scenario, at: number) => void }) {
  return (
    <section className="extension-demos" aria-labelledby="ext-title">
      <h3 id="ext-title">What PreVote and CheckQuorum change</h3>
      <ul>
        {EXTENSION_DEMOS.map((demo) => {
          const names = demo.extensions.map((e) => NAMES[e]).join(' + ');
          return (
            <li key={demo.scenario.name ?? names}>
              <h4>{demo.scenario.name ?? names}</h4>
              <p>
                <strong>Without {names}:</strong> {demo.without}. <strong>With it:</strong> {demo.with}.
              </p>
              <div className="demo-buttons">
                <button type="button" onClick={() => onOpenScenario(withExtensions(demo, false), 0)}>
                  Watch without {names}
                </button>
                <button type="button" onClick={() => onOpenScenario(withExtensions(demo, true), 0)}>
                  Watch with {names}
                </button>
              </div>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
