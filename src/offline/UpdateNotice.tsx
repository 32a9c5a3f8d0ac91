import { useSyncExternalStore } from 'react';
import { dismissUpdate, offlineState, onOfflineChange, reloadToUpdate } from './offline.ts';
import './offline.css';

/**
 * A new build is installed: a small notice in a corner, never a reload by itself, so a run on
 * the projector is not lost in the middle of a lecture. The teacher reloads when it suits.
 */
export function UpdateNotice() {
  const { updateReady } = useSyncExternalStore(onOfflineChange, offlineState);
  if (!updateReady) return null;
  return (
    <div className="update-notice" role="status">
      <span>New version available.</span>
      <button type="button" className="primary" onClick={reloadToUpdate}>
        Reload
      </button>
      <button type="button" className="ghost" onClick={dismissUpdate}>
        Later
      </button>
    </div>
  );
}
