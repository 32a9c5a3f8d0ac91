import { useState, type FormEvent } from 'react';
import type { RangeSummary } from '../../experiments/index.ts';

export interface OpenTrialProps {
  readonly ranges: readonly RangeSummary[];
  readonly onOpen: (rangeIndex: number, trial: number) => string | null;
}

/** Open any trial by its range and number (the trials CSV lists them all) in the live view. */
export function OpenTrial({ ranges, onOpen }: OpenTrialProps) {
  const [range, setRange] = useState(0);
  const [trial, setTrial] = useState('0');
  const [error, setError] = useState<string | null>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const n = Number(trial);
    const max = (ranges[range]?.trials ?? 0) - 1;
    if (!Number.isInteger(n) || n < 0 || n > max) return setError(`Trial numbers for this range run from 0 to ${max}.`);
    setError(onOpen(range, n));
  };
  return (
    <form className="open-trial" onSubmit={submit} aria-label="Open a trial in the live view">
      <label>
        Range
        <select value={range} onChange={(e) => setRange(Number(e.currentTarget.value))}>
          {ranges.map((r) => (
            <option key={r.label} value={r.rangeIndex}>
              {r.label} ms
            </option>
          ))}
        </select>
      </label>
      <label>
        Trial number <input type="number" min={0} value={trial} onChange={(e) => setTrial(e.currentTarget.value)} />
      </label>
      <button type="submit">Watch this trial</button>
      {error && (
        <span className="form-error" role="alert">
          {error}
        </span>
      )}
    </form>
  );
}
