import type { LockClientView, StoreFact } from '../../sim/locks.ts';
import { selectLock, useSim } from '../../store/simStore.ts';
import './lock.css';

/** The newest storage writes drawn: the panel is one row under the cluster. */
const STORES_DRAWN = 2;

function clientWords(c: LockClientView): string {
  switch (c.state) {
    case 'asking':
      return 'asked, waiting for an answer';
    case 'holds':
      return `believes it holds the lock · token ${c.token}`;
    case 'refused':
      return `was told ${c.heldBy} holds it`;
    case 'fenced':
      return `fenced off: token ${c.token} refused`;
  }
}

function storeWords(w: StoreFact): string {
  const token = w.token === null ? 'no token' : `token ${w.token}`;
  return `${w.accepted ? '✓' : '✗'} ${w.value} from ${w.client}, ${token}${w.accepted ? '' : ': refused'}`;
}

/**
 * The lock kept in the replicated log, what each client believes about it, and the storage that
 * checks their fencing tokens: drawn only in a run that uses the lock. Every fact is the worker's
 * (src/sim/locks.ts); nothing here is worked out.
 */
export function LockPanel() {
  const lock = useSim(selectLock);
  if (!lock) return null;
  const stores = lock.stores.slice(-STORES_DRAWN);
  return (
    <section className="lock-panel" aria-label="Lock">
      <div className="lock-item lock-service" data-lock="service">
        <span className="lock-title">Lock, by the committed log</span>
        <span className="lock-value">{lock.holder === null ? 'free' : `held by ${lock.holder} · token ${lock.token}`}</span>
      </div>
      {lock.clients.map((c) => (
        <div
          key={c.client}
          className="lock-item"
          data-lock-client={c.client}
          data-state={c.state}
          data-mistaken={c.mistaken ? 'true' : undefined}
        >
          <span className="lock-title">Client {c.client}</span>
          <span className="lock-value">
            {clientWords(c)}
            {c.mistaken && <strong className="lock-warn"> (it does not)</strong>}
          </span>
        </div>
      ))}
      {lock.clientsSkipped > 0 && <p className="lock-more">and {lock.clientsSkipped} more clients</p>}
      <div className="lock-item lock-storage" data-lock="storage">
        <span className="lock-title">Storage · newest token {lock.highest ?? 'none'}</span>
        {stores.length === 0 ? (
          <span className="lock-value">no writes yet</span>
        ) : (
          stores.map((w) => (
            <span key={`${w.t}-${w.client}`} className="lock-value" data-accepted={w.accepted ? 'true' : 'false'}>
              {storeWords(w)}
            </span>
          ))
        )}
      </div>
    </section>
  );
}
