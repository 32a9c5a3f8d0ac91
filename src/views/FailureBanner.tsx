import { useState } from 'react';
import { findPayload } from '../links/codec.ts';
import { useSim } from '../store/simStore.ts';
import { useActions } from '../store/context.ts';

/**
 * The worker failed: say so plainly and offer a restart, never a silent freeze. A restart starts
 * the default run and takes a failed run link out of the address bar (a reload would open it and
 * fail again), but keeps it on screen to copy for a bug report.
 */
export function FailureBanner() {
  const { dismissNotice, restartWorker } = useActions();
  const status = useSim((s) => s.status);
  const failure = useSim((s) => s.failure);
  const notice = useSim((s) => s.notice);
  const [failedLink, setFailedLink] = useState<string | null>(null);

  const restart = () => {
    const href = window.location.href;
    const hadLink = findPayload(href) !== null;
    if (hadLink) history.replaceState(null, '', window.location.pathname + window.location.search);
    setFailedLink(hadLink ? href : null);
    restartWorker();
  };

  if (status === 'failed') {
    return (
      <div className="banner banner-danger" role="alert">
        <strong>The simulation stopped.</strong> <span>{failure ?? 'Unknown error.'}</span>
        <button type="button" className="primary" onClick={restart}>
          Restart simulation
        </button>
      </div>
    );
  }
  if (notice) {
    return (
      <div className="banner banner-warn" role="status">
        <span>That did not work: {notice.message}</span>
        <button type="button" className="ghost" onClick={dismissNotice}>
          Dismiss
        </button>
      </div>
    );
  }
  if (failedLink !== null) {
    return (
      <div className="banner banner-warn failed-link" role="status">
        <span>Restarted with the default run. The link that failed, to copy for a bug report:</span>
        <input type="text" readOnly aria-label="The link that failed" value={failedLink} onFocus={(e) => e.currentTarget.select()} />
        <button type="button" className="ghost" onClick={() => setFailedLink(null)}>
          Dismiss
        </button>
      </div>
    );
  }
  return null;
}
