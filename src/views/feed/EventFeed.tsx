import { memo } from 'react';
import { setVerbose } from '../../store/actions.ts';
import { selectFeed, selectVerbose, useSim, type FeedItem } from '../../store/simStore.ts';

/** What happened, in plain words, newest first. */
export function EventFeed() {
  const feed = useSim(selectFeed);
  const verbose = useSim(selectVerbose);
  return (
    <section className="card feed" aria-labelledby="feed-title">
      <header className="card-head">
        <h2 id="feed-title">What happened</h2>
        <label className="toggle">
          <input type="checkbox" checked={verbose} onChange={(e) => setVerbose(e.target.checked)} />
          every message
        </label>
      </header>
      <ol className="feed-list" tabIndex={0} aria-label="Events, newest first">
        {feed.map((item) => (
          <FeedRow key={item.key} item={item} />
        ))}
      </ol>
    </section>
  );
}

const FeedRow = memo(function FeedRow({ item }: { item: FeedItem }) {
  return (
    <li className={`feed-item tone-${item.tone}`}>
      <time className="feed-time">{formatTime(item.t)}</time>
      <span>{item.text}</span>
    </li>
  );
});

export function formatTime(ms: number): string {
  return ms < 10_000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(2)} s`;
}
