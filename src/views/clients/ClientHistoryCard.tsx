import type { ClientHistoryFacts, ClientRead, ClientWrite } from '../../sim/clientHistory.ts';
import type { ReadMode } from '../../engine/types.ts';
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

const VIA: Readonly<Record<ReadMode, string>> = { readIndex: 'ReadIndex', lease: 'lease', anyServer: 'any server' };

/** How long a read took, to a tenth of a millisecond: a lease read takes none. */
function latency(ms: number): string {
  return `${Math.round(ms * 10) / 10} ms`;
}

function readWords(r: ClientRead): string {
  switch (r.outcome) {
    case 'answered':
      return `answered ${r.value === null ? `${r.key} not set` : `${r.key}=${r.value}`} after ${latency((r.answerAt ?? r.start) - r.start)}${r.via ? ` (${VIA[r.via]})` : ''}`;
    case 'waiting':
      return 'accepted, no answer yet';
    case 'unanswered':
      return 'no answer: the leader stepped down';
    case 'refused':
      return r.leaderHint === null ? 'refused: no leader known' : `refused: ${r.leaderHint} leads`;
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
 * Drawn once a client has written or read; nothing here is worked out.
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
      {clients.reads.length > 0 && <h3 className="client-subhead">Writes</h3>}
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
      {clients.reads.length > 0 && <Reads clients={clients} />}
    </section>
  );
}

/** The reads: what each returned, from which server and how fast; a stale one is flagged. */
function Reads({ clients }: { readonly clients: ClientHistoryFacts }) {
  const { readCounts: c, check } = clients;
  return (
    <>
      <h3 className="client-subhead">
        Reads
        {clients.staleReads > 0 && (
          <strong className="client-warn">
            {' '}
            · {clients.staleReads} stale read{clients.staleReads === 1 ? '' : 's'}
          </strong>
        )}
      </h3>
      <p className="muted client-read-counts">
        {(
          [
            [c.answered, 'answered'],
            [c.waiting + c.unanswered, 'without an answer'],
            [c.refused, 'refused'],
            [c.lost, 'lost'],
          ] as const
        )
          .map(([n, words]) => `${n}\u00a0${words.replaceAll(' ', '\u00a0')}`)
          .join(' · ')}
      </p>
      {clients.readsSkipped > 0 && <p className="muted client-more">and {clients.readsSkipped} earlier reads</p>}
      <ol className="client-writes client-reads">
        {clients.reads.map((r) => {
          const culprit = check.culprits.includes(r.readId);
          const stale = r.staleAgainst !== null;
          return (
            <li
              key={r.readId}
              data-read={r.readId}
              data-outcome={r.outcome}
              data-culprit={culprit ? 'true' : undefined}
              data-stale={stale ? 'true' : undefined}
            >
              <span className="client-op">read {r.key}</span>{' '}
              <span className="muted">
                at {formatTime(r.start)} {r.outcome === 'answered' ? 'from' : 'to'} {r.server}
              </span>
              <span className="client-outcome">
                {readWords(r)}
                {stale ? (
                  <strong className="client-warn">
                    {' '}
                    STALE: {r.key}={r.staleAgainst} was already acknowledged
                  </strong>
                ) : (
                  culprit && <strong className="client-warn"> (cannot be placed)</strong>
                )}
              </span>
            </li>
          );
        })}
      </ol>
    </>
  );
}
