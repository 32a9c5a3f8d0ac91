import { useSim } from '../store/simStore.ts';
import { useActions } from '../store/context.ts';

/** The worker failed: say so plainly and offer a restart, never a silent freeze. */
export function FailureBanner() {
  const { dismissNotice, restartWorker } = useActions();
  const status = useSim((s) => s.status);
  const failure = useSim((s) => s.failure);
  const notice = useSim((s) => s.notice);
  if (status === 'failed') {
    return (
      <div className="banner banner-danger" role="alert">
        <strong>The simulation stopped.</strong> <span>{failure ?? 'Unknown error.'}</span>
        <button type="button" className="primary" onClick={restartWorker}>
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
  return null;
}
