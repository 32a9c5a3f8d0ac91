import { selectBranchedAt, useTravel } from '../../store/travelStore.ts';
import './travel.css';
import { useActions } from '../../store/context.ts';

/** Acting in the past replaced the old future: say so once, plainly, until dismissed. */
export function BranchNotice() {
  const { dismissBranch } = useActions();
  const at = useTravel(selectBranchedAt);
  if (at === null) return null;
  return (
    <div className="banner banner-info branch-notice" role="status">
      <span>
        <strong>New branch.</strong> You acted at {(at / 1000).toFixed(3)} s, in the past: what happened after that moment was replaced. The
        link now follows this new branch.
      </span>
      <button type="button" className="ghost" onClick={dismissBranch}>
        Dismiss
      </button>
    </div>
  );
}
