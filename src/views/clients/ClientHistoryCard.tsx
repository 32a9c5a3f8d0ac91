import type { ClientHistoryFacts, ClientWrite } from '../../sim/clientHistory.ts';
import { selectClients, useSim } from '../../store/simStore.ts';
import { formatTime } from '../feed/EventFeed.tsx';
import './clients.css';

function outcomeWords(w: ClientWrite): string {
  switch (w.outcome) {
    case 'acknowledged':
      return `acknowledged at ${formatTime(w.ackAt ?? w.start)}`;
    case 'unacknowledged':
      return 'accepted, no answer yet';
    case 'refused':
      if (w.handingTo !== null) return `refused: handing over to ${w.handingTo}`;
      return w.leaderHint === null ? 'refused: no leader known' : `refused: ${w.leaderHint} leads`;
    case 'lost':
      return 'lost: the server is down';
  }
}

function verdictWords(check: ClientHistoryFacts['check']): string {
  switch (check.kind) {
    case 'linearizable':
      return 'linearizable';
    case 'notLinearizable':
      return 'NOT linearizable';
    case 'tooLong':
      return 'too long to check';
    case 'invalid':
      return 'cannot be checked';
  }
}

/**
 * What the clients saw: each write, the server that answered it and whether the client was told
 * it succeeded, with the worker's linearizability check of the history (src/sim/clientHistory.ts).
 * Drawn once a client has written; nothing here is worked out.
 */
export function ClientHistoryCard() {
  const clients = useSim(selectClients);
  if (!clients) return null;
  const { check, counts } = clients;
  const bad = check.kind === 'notLinearizable';
  return (
    <section className={`card client-history${bad ? ' has-break' : ''}`} aria-labelledby="client-history-title">
      <header className="card-head">
        <h2 id="client-history-title">Client history</h2>
        <span className={`client-verdict${bad ? ' is-bad' : ''}`} data-verdict={check.kind}>
          {verdictWords(check)}
        </span>
      </header>
      <p className="muted client-counts">
        {(
          [
            [counts.acknowledged, 'acknowledged'],
            [counts.unacknowledged, 'without an answer'],
            [counts.refused, 'refused'],
            [counts.lost, 'lost'],
          ] as const
        )
          // Each count keeps its words on one line.
          .map(([n, words]) => `${n}\u00a0${words.replaceAll(' ', '\u00a0')}`)
          .join(' · ')}
      </p>
      {clients.writesSkipped > 0 && <p className="muted client-more">and {clients.writesSkipped} earlier writes</p>}
      <ol className="client-writes">
        {clients.writes.map((w) => {
          const culprit = check.culprits.includes(w.writeId);
          return (
            <li key={w.writeId} data-write={w.writeId} data-outcome={w.outcome} data-culprit={culprit ? 'true' : undefined}>
              <span className="client-op">
                {w.key}={w.value}
              </span>{' '}
              <span className="muted">
                at {formatTime(w.start)} to {w.server}
              </span>
              <span className="client-outcome">
                {outcomeWords(w)}
                {culprit && <strong className="client-warn"> (cannot be placed)</strong>}
              </span>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
