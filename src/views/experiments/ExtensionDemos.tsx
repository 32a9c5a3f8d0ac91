import { EXTENSION_DEMOS, withExtensions } from '../../scenarios/experiments/index.ts';
import type { Scenario } from '../../sim/scenario.ts';

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
            <li key={demo.title}>
              <h4>{demo.title}</h4>
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
