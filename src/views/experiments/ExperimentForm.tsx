import { useState, type FormEvent } from 'react';
import { PAPER_RANGES_RANDOMNESS, PAPER_RANGES_SCALE, type ExperimentConfig, type TimeoutRange } from '../../experiments/index.ts';

export interface ExperimentFormProps {
  readonly config: ExperimentConfig;
  readonly running: boolean;
  readonly onRun: (config: ExperimentConfig) => string | null;
  readonly onCancel: () => void;
}

const PRESETS: Record<string, readonly TimeoutRange[]> = {
  randomness: PAPER_RANGES_RANDOMNESS,
  scale: PAPER_RANGES_SCALE,
};

const rangesText = (ranges: readonly TimeoutRange[]): string => ranges.map((r) => `${r[0]}-${r[1]}`).join(', ');

function parseRanges(text: string): TimeoutRange[] | string {
  const parts = text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  if (parts.length === 0) return 'Give at least one range, like 150-300.';
  const out: TimeoutRange[] = [];
  for (const p of parts) {
    const m = /^(\d+)\s*-\s*(\d+)$/.exec(p);
    if (!m) return `"${p}" is not a range like 150-300.`;
    out.push([Number(m[1]), Number(m[2])]);
  }
  return out;
}

/** The experiment's settings, with the paper's two sets of ranges one click away. */
export function ExperimentForm({ config, running, onRun, onCancel }: ExperimentFormProps) {
  const [ranges, setRanges] = useState(rangesText(config.ranges));
  const [trials, setTrials] = useState(String(config.trials));
  const [seed, setSeed] = useState(String(config.seed));
  const [latMin, setLatMin] = useState(String(config.latency[0]));
  const [latMax, setLatMax] = useState(String(config.latency[1]));
  const [disk, setDisk] = useState(String(config.diskWrite));
  const [heartbeat, setHeartbeat] = useState(config.heartbeat === null ? '' : String(config.heartbeat));
  const [preVote, setPreVote] = useState(config.preVote);
  const [error, setError] = useState<string | null>(null);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const parsed = parseRanges(ranges);
    if (typeof parsed === 'string') return setError(parsed);
    const numbers = [trials, seed, latMin, latMax, disk].map(Number);
    if (numbers.some((n) => !Number.isFinite(n))) return setError('Trials, seed, latency and disk write must be numbers.');
    const next: ExperimentConfig = {
      ...config,
      ranges: parsed,
      trials: Number(trials),
      seed: Number(seed),
      latency: [Number(latMin), Number(latMax)],
      diskWrite: Number(disk),
      heartbeat: heartbeat.trim() === '' ? null : Number(heartbeat),
      preVote,
    };
    setError(onRun(next));
  };

  return (
    <form className="experiment-form" onSubmit={submit} aria-label="Experiment settings">
      <fieldset>
        <legend>Election timeout ranges (ms)</legend>
        <div className="preset-row">
          <button type="button" onClick={() => setRanges(rangesText(PRESETS.randomness!))}>
            Paper: more randomness
          </button>
          <button type="button" onClick={() => setRanges(rangesText(PRESETS.scale!))}>
            Paper: shorter timeouts
          </button>
        </div>
        <label>
          Ranges <input value={ranges} onChange={(e) => setRanges(e.currentTarget.value)} aria-describedby="ranges-help" />
        </label>
        <small id="ranges-help">Comma-separated, each min-max in ms, e.g. 150-150, 150-200.</small>
      </fieldset>
      <fieldset className="grid">
        <legend>Trials and network</legend>
        <label>
          Trials per range <input type="number" min={1} max={20000} value={trials} onChange={(e) => setTrials(e.currentTarget.value)} />
        </label>
        <label>
          Seed <input type="number" min={0} value={seed} onChange={(e) => setSeed(e.currentTarget.value)} />
        </label>
        <label>
          Latency min (ms) <input type="number" min={0} value={latMin} onChange={(e) => setLatMin(e.currentTarget.value)} />
        </label>
        <label>
          Latency max (ms) <input type="number" min={0} value={latMax} onChange={(e) => setLatMax(e.currentTarget.value)} />
        </label>
        <label>
          Disk write (ms) <input type="number" min={0} value={disk} onChange={(e) => setDisk(e.currentTarget.value)} />
        </label>
        <label>
          Heartbeat (ms){' '}
          <input
            type="number"
            min={1}
            placeholder="half the minimum"
            value={heartbeat}
            onChange={(e) => setHeartbeat(e.currentTarget.value)}
          />
        </label>
        <label className="check">
          <input type="checkbox" checked={preVote} onChange={(e) => setPreVote(e.currentTarget.checked)} />
          <span>PreVote (it also ends the endless split votes of a zero-width range)</span>
        </label>
      </fieldset>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <div className="run-row">
        {/* Distinct keys: reusing one DOM button would turn Cancel into a submit button during its
            own click, and the click's default action would start a new run. */}
        {running ? (
          <button key="cancel" type="button" className="danger" onClick={onCancel}>
            Cancel
          </button>
        ) : (
          <button key="run" type="submit" className="primary">
            Run experiment
          </button>
        )}
      </div>
    </form>
  );
}
