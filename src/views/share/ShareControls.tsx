import { useRef, useState, type ChangeEvent } from 'react';
import '../travel/travel.css';
import { useActions } from '../../store/context.ts';
import { EmbedChoice } from './EmbedChoice.tsx';
import { ClipChoice } from '../clip/ClipChoice.tsx';
import '../embed/embed.css';

/** The link last made; `n` counts them, so a tool can tell a new copy of the same link from the last one. */
type CopyState =
  { readonly url: string; readonly copied: boolean; readonly n: number } | { readonly refused: string; readonly n: number } | null;

/** Hand the run on: a link that replays it to this moment, or the scenario file the command line runs. */
export function ShareControls() {
  const { exportFile, importFile, importTooLarge, shareUrl } = useActions();
  const [copy, setCopy] = useState<CopyState>(null);
  const field = useRef<HTMLInputElement>(null);

  const copyLink = async () => {
    const result = await shareUrl(window.location.href);
    if (result === null) return;
    if ('refused' in result) {
      setCopy((last) => ({ refused: result.refused, n: (last?.n ?? 0) + 1 }));
      return;
    }
    const { url } = result;
    let copied = false;
    try {
      await navigator.clipboard.writeText(url);
      copied = true;
    } catch {
      // Refused (no permission, no secure context): the field below holds the link to copy by hand.
    }
    setCopy((last) => ({ url, copied, n: (last?.n ?? 0) + 1 }));
    if (!copied) requestAnimationFrame(() => field.current?.select());
  };

  const download = () => {
    const file = exportFile();
    if (!file) return;
    const href = URL.createObjectURL(new Blob([file.text], { type: 'application/json' }));
    const a = document.createElement('a');
    a.href = href;
    a.download = file.name;
    a.click();
    URL.revokeObjectURL(href);
  };

  const upload = async (e: ChangeEvent<HTMLInputElement>) => {
    const input = e.currentTarget;
    const file = input.files?.[0];
    if (!file) return;
    if (!importTooLarge(file.size, file.name)) importFile(await file.text(), file.name);
    input.value = '';
  };

  return (
    <section className="card share" aria-label="Share this run">
      <div className="card-head">
        <h2>Share this run</h2>
      </div>
      <div className="share-row">
        <button type="button" className="primary" onClick={() => void copyLink()}>
          Copy link
        </button>
        <button type="button" onClick={download}>
          Export scenario
        </button>
        <label className="file-button">
          <input type="file" accept=".json,application/json" aria-label="Import scenario file" onChange={(e) => void upload(e)} />
          <span aria-hidden="true">Import…</span>
        </label>
      </div>
      <EmbedChoice />
      <ClipChoice />
      {copy && 'refused' in copy && (
        <p className="hint share-refused" role="status" data-copies={copy.n}>
          {copy.refused}
        </p>
      )}
      {copy && 'url' in copy && (
        <div className="share-link" data-copies={copy.n}>
          <p className="hint" role="status">
            {copy.copied
              ? `Link copied (${copy.url.length} characters): it replays this run to this moment.`
              : 'The browser did not allow copying: select the link and copy it.'}
          </p>
          <input
            ref={field}
            type="text"
            readOnly
            aria-label="Link to this run"
            value={copy.url}
            onFocus={(e) => e.currentTarget.select()}
          />
        </div>
      )}
    </section>
  );
}
