import { useEffect, useState, type FormEvent } from 'react';
import { selectSettings, useSim } from '../../store/simStore.ts';
import type { ClusterSettings } from '../../sim/settings.ts';
import type { ReadMode } from '../../engine/types.ts';
import { useActions } from '../../store/context.ts';
import { settingsWarnings } from '../../sim/warnings.ts';

type Fields = Record<'nodes' | 'etMin' | 'etMax' | 'heartbeat' | 'latMin' | 'latMax' | 'disk' | 'loss' | 'seed', string>;

const LABELS: Record<string, string> = {
  nodes: 'Cluster size',
  electionTimeout: 'Election timeout',
  heartbeat: 'Heartbeat interval',
  latency: 'Latency',
  diskWrite: 'Disk write',
  loss: 'Loss rate',
  seed: 'Seed',
};

/** Which input a ScenarioError field ("settings.latency[1]") is about. */
function inputsFor(field: string | null): ReadonlySet<keyof Fields> {
  const path = field ?? '';
  if (path.includes('electionTimeout'))
    return new Set(path.endsWith('[1]') ? ['etMax'] : path.endsWith('[0]') ? ['etMin'] : ['etMin', 'etMax']);
  if (path.includes('latency'))
    return new Set(path.endsWith('[1]') ? ['latMax'] : path.endsWith('[0]') ? ['latMin'] : ['latMin', 'latMax']);
  if (path.endsWith('diskWrite')) return new Set(['disk']);
  for (const key of ['nodes', 'heartbeat', 'loss', 'seed'] as const) if (path.endsWith(key)) return new Set([key]);
  return new Set();
}

const fromSettings = (settings: ClusterSettings): Fields => ({
  nodes: String(settings.nodes),
  etMin: String(settings.electionTimeout[0]),
  etMax: String(settings.electionTimeout[1]),
  heartbeat: String(settings.heartbeat),
  latMin: String(settings.latency[0]),
  latMax: String(settings.latency[1]),
  disk: String(settings.diskWrite),
  loss: String(settings.loss),
  seed: String(settings.seed),
});

/** The read modes (thesis §6.4), each with what it costs and what it guarantees. */
const READ_MODE_CHOICES: readonly (readonly [ReadMode, string, string])[] = [
  [
    'readIndex',
    'ReadIndex:',
    'the leader answers after a round of heartbeats shows a majority still follows it (and once its no-op is committed). Always up to date; costs a round trip.',
  ],
  [
    'lease',
    'Leader lease:',
    'no round while a majority answered a heartbeat less than the minimum election timeout ago. Faster, but it trusts clocks to agree (a restarted server holds its vote that long, as it may have answered one). Needs CheckQuorum (without it, it takes the round).',
  ],
  [
    'anyServer',
    'Any server (unsafe):',
    'the server asked answers from its own state at once. A deposed leader or a follower that is behind returns old values: stale reads.',
  ],
];

/** Changing settings starts a new run; impossible values are refused with the field named. */
export function SettingsForm() {
  const { applySettings } = useActions();
  const settings = useSim(selectSettings);
  const error = useSim((s) => s.settingsError);
  const [fields, setFields] = useState<Fields>(() => fromSettings(settings));
  const extOf = (s: ClusterSettings) => ({ preVote: s.preVote, checkQuorum: s.checkQuorum, noopEntry: s.noopEntry, readMode: s.readMode });
  const [ext, setExt] = useState(() => extOf(settings));
  // A run started elsewhere (a link, the library, an import) brings its own settings: show them.
  useEffect(() => {
    setFields(fromSettings(settings));
    setExt(extOf(settings));
  }, [settings]);
  const bad = inputsFor(error?.field ?? null);
  const num = (text: string) => (text.trim() === '' ? NaN : Number(text));
  const asked: ClusterSettings = {
    ...settings,
    nodes: num(fields.nodes),
    electionTimeout: [num(fields.etMin), num(fields.etMax)],
    heartbeat: num(fields.heartbeat),
    latency: [num(fields.latMin), num(fields.latMax)],
    diskWrite: num(fields.disk),
    loss: num(fields.loss),
    seed: num(fields.seed),
    preVote: ext.preVote,
    checkQuorum: ext.checkQuorum,
    noopEntry: ext.noopEntry,
    readMode: ext.readMode,
    // Settings start a normal run: broken rules are switched on only from their own panel.
    broken: [],
  };
  // Warned about as they are typed, before they are applied (they still run).
  const warnings = settingsWarnings(asked);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    applySettings(asked);
  };
  const input = (key: keyof Fields, label: string, extra: Record<string, string | number> = {}) => (
    <label className="field">
      <span>{label}</span>
      <input
        type="number"
        inputMode="numeric"
        aria-label={label}
        aria-invalid={bad.has(key)}
        value={fields[key]}
        onChange={(event) => setFields({ ...fields, [key]: event.target.value })}
        {...extra}
      />
    </label>
  );
  const fieldName = error?.field?.replace(/^settings\./, '').replace(/\[\d\]$/, '') ?? '';
  return (
    <form className="settings" onSubmit={submit} aria-label="Settings">
      <label className="field">
        <span>Cluster size</span>
        <select aria-label="Cluster size" value={fields.nodes} onChange={(event) => setFields({ ...fields, nodes: event.target.value })}>
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
      {warnings.map((w) => (
        <p key={w} className="form-warning" role="status">
          {w}
        </p>
      ))}
      <div className="pair">
        {input('disk', 'Disk write (ms)')}
        {input('loss', 'Loss rate (0–1)', { step: 0.05 })}
      </div>
      {input('seed', 'Seed')}
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
        <label className="check">
          <input type="checkbox" checked={ext.noopEntry} onChange={(e) => setExt({ ...ext, noopEntry: e.target.checked })} />
          <span>No-op entry: a new leader starts its term with an empty entry, so older entries commit at once</span>
        </label>
      </fieldset>
      <fieldset className="extensions read-modes">
        <legend>Client reads are answered by</legend>
        {READ_MODE_CHOICES.map(([mode, title, words]) => (
          <label key={mode} className="check">
            <input
              type="radio"
              name="readMode"
              value={mode}
              checked={ext.readMode === mode}
              onChange={() => setExt({ ...ext, readMode: mode })}
            />
            <span>
              <strong className={mode === 'anyServer' ? 'unsafe' : undefined}>{title}</strong> {words}
            </span>
          </label>
        ))}
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
