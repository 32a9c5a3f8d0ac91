import { useState } from 'react';
import { embedSnippet, embedUrl } from '../../embed/embedUrl.ts';
import { useActions } from '../../store/context.ts';

type Made = { readonly snippet: string } | { readonly refused: string } | null;

/** The smallest frame the embedded page is laid out for, and a size that suits a slide. */
const MIN_W = 480;
const MIN_H = 320;

export interface EmbedChoiceProps {
  /**
   * Embed a lesson step instead of the run: its link (`#lesson=...&step=N`). The step sets its
   * own scene and whether it plays, so there is no start choice then.
   */
  readonly lessonStepLink?: () => string | null;
}

/** "Embed": an <iframe> snippet of this run at this moment (or of a lesson step), for slides and course pages. */
export function EmbedChoice({ lessonStepLink }: EmbedChoiceProps = {}) {
  const { shareUrl } = useActions();
  const [open, setOpen] = useState(false);
  const [startPlaying, setStartPlaying] = useState(true);
  const [width, setWidth] = useState(800);
  const [height, setHeight] = useState(500);
  const [made, setMade] = useState<Made>(null);

  const make = async (playing = startPlaying, w = width, h = height) => {
    if (lessonStepLink) {
      const link = lessonStepLink();
      setMade(link === null ? null : { snippet: embedSnippet(embedUrl(link), w, h) });
      return;
    }
    const result = await shareUrl(window.location.href, { playing });
    if (result === null) return;
    setMade('refused' in result ? result : { snippet: embedSnippet(embedUrl(result.url), w, h) });
  };

  return (
    <div className="embed-choice">
      <button
        type="button"
        aria-expanded={open}
        onClick={() => {
          setOpen(!open);
          if (!open) void make();
        }}
      >
        Embed…
      </button>
      {open && (
        <div className="embed-form">
          {!lessonStepLink && (
            <fieldset>
              <legend>The embedded run starts</legend>
              <label>
                <input
                  type="radio"
                  name="embed-start"
                  checked={startPlaying}
                  onChange={() => {
                    setStartPlaying(true);
                    void make(true);
                  }}
                />
                playing
              </label>
              <label>
                <input
                  type="radio"
                  name="embed-start"
                  checked={!startPlaying}
                  onChange={() => {
                    setStartPlaying(false);
                    void make(false);
                  }}
                />
                paused
              </label>
            </fieldset>
          )}
          <SizeInput label="Width" min={MIN_W} value={width} onChange={setWidth} onDone={(w) => void make(startPlaying, w, height)} />
          <SizeInput label="Height" min={MIN_H} value={height} onChange={setHeight} onDone={(h) => void make(startPlaying, width, h)} />
          {made && 'refused' in made && (
            <p className="hint share-refused" role="status">
              {made.refused}
            </p>
          )}
          {made && 'snippet' in made && (
            <textarea readOnly aria-label="Embed snippet" rows={4} value={made.snippet} onFocus={(e) => e.currentTarget.select()} />
          )}
          <p className="hint">
            {lessonStepLink
              ? 'Paste it into a slide or a course page: it shows this step, its scene and its text.'
              : 'Paste it into a slide or a course page: it shows this run from this moment.'}
          </p>
        </div>
      )}
    </div>
  );
}

interface SizeProps {
  readonly label: string;
  readonly min: number;
  readonly value: number;
  readonly onChange: (value: number) => void;
  /** Called with the size clamped to [min, 4000] when the field is left. */
  readonly onDone: (value: number) => void;
}

/** A frame dimension in pixels: typed freely, clamped when the field is left. */
function SizeInput({ label, min, value, onChange, onDone }: SizeProps) {
  return (
    <label>
      {label}{' '}
      <input
        type="number"
        min={min}
        value={value}
        onChange={(e) => onChange(Number(e.target.value))}
        onBlur={(e) => {
          const clamped = Math.max(min, Math.min(4000, Math.round(Number(e.target.value)) || min));
          onChange(clamped);
          onDone(clamped);
        }}
      />
    </label>
  );
}
