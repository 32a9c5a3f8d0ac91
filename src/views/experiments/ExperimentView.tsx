import { useState } from 'react';
import { summaryCsv, trialsCsv } from '../../experiments/index.ts';
import type { Scenario } from '../../sim/scenario.ts';
import { encodeExperimentLink } from '../../links/experimentLink.ts';
import { useExperiment } from '../../store/experimentStore.ts';
import { CdfPlot } from './CdfPlot.tsx';
import { ExperimentForm } from './ExperimentForm.tsx';
import { ExtensionDemos } from './ExtensionDemos.tsx';
import { OpenTrial } from './OpenTrial.tsx';
import { ResultTable } from './ResultTable.tsx';
import './experiments.css';
import { useActions } from '../../store/context.ts';

export interface ExperimentViewProps {
  /** Open a trial in the live view, at the moment just before its leader crashes. */
  readonly onOpenScenario: (scenario: Scenario, at: number) => void;
}

function download(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Reproduce the paper's Figure 16: how fast a new leader is elected, per timeout range. */
export function ExperimentView({ onOpenScenario }: ExperimentViewProps) {
  const { allTrials, cancelExperiment, findTrial, runExperimentInWorkers, setExperimentConfig } = useActions();
  const state = useExperiment();
  const [copied, setCopied] = useState(false);
  const running = state.status === 'running';
  const result = state.result;
  const fraction = state.total ? state.completed / state.total : 0;

  const run = (config: typeof state.config): string | null => {
    const problem = setExperimentConfig(config);
    if (problem) return problem;
    runExperimentInWorkers(config);
    return null;
  };

  const copyLink = async () => {
    const url = `${location.origin}${location.pathname}${location.search}#${encodeExperimentLink(state.config)}`;
    // The address bar gets the link first: the clipboard may refuse or never answer.
    history.replaceState(null, '', url);
    setCopied(true);
    try {
      await navigator.clipboard.writeText(url);
    } catch {
      // Refused (no permission, insecure context): the address bar still holds the link.
    }
    setTimeout(() => setCopied(false), 2000);
  };

  return (
    <section className="experiments" aria-labelledby="exp-title">
      <header>
        <h2 id="exp-title">Why randomized timeouts work</h2>
        <p className="lede">
          A stable five-server cluster loses its leader; how long until a new one is in charge? Run many trials per election timeout range
          and compare with the Raft paper's own measurements (its Figure 16).
        </p>
      </header>
      <div className="experiment-grid">
        <ExperimentForm config={state.config} running={running} onRun={run} onCancel={cancelExperiment} />
        <aside className="model-note">
          <h3>The simple model</h3>
          <p>
            With <em>s</em> servers waiting, the first timeout falls on average at 1/(<em>s</em>+1) of the way through the range: with four
            survivors, a fifth of the range after its minimum. A split vote needs a second server to time out before the first one's vote
            request reaches it, within about one message delay. A wide range makes that rare; a range of zero width makes it certain.
          </p>
          {result && (
            <ul className="setup-list">
              {result.setup.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          )}
        </aside>
      </div>
      <div className="progress-row">
        <div
          role="progressbar"
          aria-label="Trials run"
          aria-valuemin={0}
          aria-valuemax={state.total}
          aria-valuenow={state.completed}
          className="progress"
        >
          <div className="progress-fill" style={{ width: `${(fraction * 100).toFixed(1)}%` }} />
        </div>
        <span className="progress-text" data-status={state.status}>
          {state.status === 'idle' && 'Not run yet'}
          {state.status === 'running' && `${state.completed} of ${state.total} trials`}
          {state.status === 'done' && `${state.completed} trials in ${state.seconds?.toFixed(1)} s`}
          {state.status === 'cancelled' && `Cancelled after ${state.completed} trials`}
          {state.status === 'failed' && 'Not run'}
        </span>
      </div>
      {state.status === 'failed' && (
        <p className="form-error" role="alert">
          {state.error}
        </p>
      )}
      {result && result.ranges.some((r) => r.trials > 0) && (
        <>
          <CdfPlot ranges={result.ranges} />
          <ResultTable
            ranges={result.ranges}
            capMs={state.config.capMs}
            onOpenTrial={(rangeIndex, trial) => {
              const t = findTrial(rangeIndex, trial);
              if (t) onOpenScenario(t.scenario, Math.max(0, t.crashAt - 50));
            }}
          />
          <OpenTrial
            ranges={result.ranges}
            onOpen={(rangeIndex, trial) => {
              const t = findTrial(rangeIndex, trial);
              if (!t) return 'That trial has not run yet.';
              onOpenScenario(t.scenario, Math.max(0, t.crashAt - 50));
              return null;
            }}
          />
          <div className="export-row">
            <button type="button" onClick={() => download('raft-election-summary.csv', summaryCsv(result))}>
              Download summary CSV
            </button>
            <button type="button" onClick={() => download('raft-election-trials.csv', trialsCsv(allTrials()))}>
              Download every trial (CSV)
            </button>
            <button type="button" onClick={copyLink}>
              {copied ? 'Link copied' : 'Copy link to this experiment'}
            </button>
          </div>
        </>
      )}
      <ExtensionDemos onOpenScenario={onOpenScenario} />
    </section>
  );
}
