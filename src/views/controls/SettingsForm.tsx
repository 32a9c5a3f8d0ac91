import { useEffect, useState, type FormEvent } from 'react';
import { selectSettings, useSim } from '../../store/simStore.ts';
import type { ClusterSettings } from '../../sim/settings.ts';
import { useActions } from '../../store/context.ts';

type Fields = Record<'nodes' | 'etMin' | 'etMax' | 'heartbeat' | 'latMin' | 'latMax' | 'loss' | 'seed', string>;

const LABELS: Record<string, string> = {
  nodes: 'Cluster size',
  electionTimeout: 'Election timeout',
  heartbeat: 'Heartbeat interval',
  latency: 'Latency',
  loss: 'Loss rate',
  seed: 'Seed',
};

/** Which input a ScenarioError field ("settings.latency[1]") is about. */
function inputsFor(field: string | null): ReadonlySet<keyof Fields> {
  const f = field ?? '';
  if (f.includes('electionTimeout')) return new Set(f.endsWith('[1]') ? ['etMax'] : f.endsWith('[0]') ? ['etMin'] : ['etMin', 'etMax']);
  if (f.includes('latency')) return new Set(f.endsWith('[1]') ? ['latMax'] : f.endsWith('[0]') ? ['latMin'] : ['latMin', 'latMax']);
  for (const k of ['nodes', 'heartbeat', 'loss', 'seed'] as const) if (f.endsWith(k)) return new Set([k]);
  return new Set();
}

const fromSettings = (s: ClusterSettings): Fields => ({
  nodes: String(s.nodes),
  etMin: String(s.electionTimeout[0]),
  etMax: String(s.electionTimeout[1]),
  heartbeat: String(s.heartbeat),
  latMin: String(s.latency[0]),
  latMax: String(s.latency[1]),
  loss: String(s.loss),
  seed: String(s.seed),
});

/** Changing settings starts a new run; impossible values are refused with the field named. */
export function SettingsForm() {
  const { applySettings } = useActions();
  const settings = useSim(selectSettings);
  const error = useSim((s) => s.settingsError);
  const [f, setF] = useState<Fields>(() => fromSettings(settings));
  const [ext, setExt] = useState({ preVote: settings.preVote, checkQuorum: settings.checkQuorum });
  // A run started elsewhere (a link, the library, an import) brings its own settings: show them.
  useEffect(() => {
    setF(fromSettings(settings));
    setExt({ preVote: settings.preVote, checkQuorum: settings.checkQuorum });
  }, [settings]);
  const bad = inputsFor(error?.field ?? null);
  const num = (x: string) => (x.trim() === '' ? NaN : Number(x));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    applySettings({
      ...settings,
      nodes: num(f.nodes),
      electionTimeout: [num(f.etMin), num(f.etMax)],
      heartbeat: num(f.heartbeat),
      latency: [num(f.latMin), num(f.latMax)],
      loss: num(f.loss),
      seed: num(f.seed),
      preVote: ext.preVote,
      checkQuorum: ext.checkQuorum,
      // Settings start a normal run: broken rules are switched on only from their own panel.
      broken: [],
    });
  };
  const input = (key: keyof Fields, label: string, extra: Record<string, string | number> = {}) => (
    <label className="field">
      <span>{label}</span>
      <input
        type="number"
        inputMode="numeric"
        aria-label={label}
        aria-invalid={bad.has(key)}
        value={f[key]}
        onChange={(e) => setF({ ...f, [key]: e.target.value })}
        {...extra}
      />
    </label>
  );
  const fieldName = error?.field?.replace(/^settings\./, '').replace(/\[\d\]$/, '') ?? '';
  return (
    <form className="settings" onSubmit={submit} aria-label="Settings">
      <label className="field">
        <span>Cluster size</span>
        <select aria-label="Cluster size" value={f.nodes} onChange={(e) => setF({ ...f, nodes: e.target.value })}>
          {[3, 5, 7, 9].map((n) => (
            <option key={n} value={n}>
              {n} servers
            </option>
          ))}
        </select>
      </label>
      <div className="pair">
        {input('etMin', 'Election timeout min (ms)')}
        {input('etMax', 'Election timeout max (ms)')}
      </div>
      {input('heartbeat', 'Heartbeat interval (ms)')}
      <div className="pair">
        {input('latMin', 'Latency min (ms)')}
        {input('latMax', 'Latency max (ms)')}
      </div>
      <div className="pair">
        {input('loss', 'Loss rate (0–1)', { step: 0.05 })}
        {input('seed', 'Seed')}
      </div>
      <fieldset className="extensions">
        <legend>Extensions real systems add</legend>
        <label className="check">
          <input type="checkbox" checked={ext.preVote} onChange={(e) => setExt({ ...ext, preVote: e.target.checked })} />
          <span>PreVote: ask "could I win?" before raising the term</span>
        </label>
        <label className="check">
          <input type="checkbox" checked={ext.checkQuorum} onChange={(e) => setExt({ ...ext, checkQuorum: e.target.checked })} />
          <span>CheckQuorum: a leader that hears no majority steps down</span>
        </label>
      </fieldset>
      {error && (
        <p className="form-error" role="alert">
          <strong>{LABELS[fieldName] ?? error.field}:</strong> {error.message.replace(/^[^:]*: /, '')} <code>({error.field})</code>
        </p>
      )}
      <button type="submit" className="primary">
        Apply settings
      </button>
      <p className="hint">Applying starts a new run from time 0.</p>
    </form>
  );
}
