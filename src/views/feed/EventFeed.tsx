import { memo } from 'react';
import { useExplain } from '../../store/explainStore.ts';
import { selectFeed, selectVerbose, useSim, type FeedItem } from '../../store/simStore.ts';
import { useActions } from '../../store/context.ts';

/** What happened, in plain words, newest first. */
export function EventFeed() {
  const { setVerbose } = useActions();
  const feed = useSim(selectFeed);
  const verbose = useSim(selectVerbose);
  const explained = useExplain((x) => x.explained?.event ?? null);
  return (
    <section className="card feed" aria-labelledby="feed-title">
      <header className="card-head">
        <h2 id="feed-title">What happened</h2>
        <label className="toggle">
          <input type="checkbox" checked={verbose} onChange={(e) => setVerbose(e.target.checked)} />
          every message
        </label>
      </header>
      <ol className="feed-list" aria-label="Events, newest first; choose one to see why it happened">
        {feed.map((item) => (
          <FeedRow key={item.key} item={item} chosen={item.event === explained} />
        ))}
      </ol>
    </section>
  );
}

/** Each line is a button: choosing it explains why the event happened. */
const FeedRow = memo(function FeedRow({ item, chosen }: { item: FeedItem; chosen: boolean }) {
  const { explainEvent } = useActions();
  return (
    <li className={`feed-item tone-${item.tone}`}>
      <button
        type="button"
        className="feed-why"
        aria-pressed={chosen}
        data-event-type={item.event.type}
        onClick={() => explainEvent(item.event, item.eventId)}
      >
        <time className="feed-time">{formatTime(item.t)}</time>
        <span>{item.text}</span>
      </button>
    </li>
  );
});

export function formatTime(ms: number): string {
  return ms < 10_000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(2)} s`;
}
