import { useBroken, type ViolationEvent } from '../../store/brokenStore.ts';
import { selectSettings, useSim } from '../../store/simStore.ts';
import { formatTime } from '../feed/EventFeed.tsx';
import { PROPERTIES, PROPERTY_TEXT } from './rules.ts';
import './broken.css';
import { useActions } from '../../store/context.ts';

/** The five guarantees of Figure 3, checked live: each turns red, and says what broke it. */
export function Figure3Panel() {
  const { explainEvent, seekTo } = useActions();
  /** Explain the violation, then travel to its moment, paused. */
  const show = (v: ViolationEvent): void => {
    explainEvent(v, v.eventId);
    seekTo(v.t);
  };
  const firstBreak = useBroken((s) => s.firstBreak);
  const armed = useSim(selectSettings).broken.length > 0;
  const broken = PROPERTIES.filter((p) => firstBreak[p]).length;
  return (
    <section className={`card figure3${broken > 0 ? ' has-break' : ''}${armed ? ' is-armed' : ''}`} aria-labelledby="figure3-title">
      <header className="card-head">
        <h2 id="figure3-title">Safety checks (Figure 3)</h2>
        <span className={broken > 0 ? 'figure3-sum is-bad' : 'figure3-sum'}>{broken > 0 ? `${broken} broken` : 'all hold'}</span>
      </header>
      <ul className="figure3-list">
        {PROPERTIES.map((p) => {
          const v = firstBreak[p];
          return (
            <li key={p} className={v ? 'is-broken' : 'holds'} data-property={p} data-state={v ? 'broken' : 'holds'}>
              <span className="figure3-mark" aria-hidden="true">
                {v ? '✗' : '✓'}
              </span>
              <div>
                <strong>{PROPERTY_TEXT[p].name}</strong> <span className="figure3-state">{v ? 'BROKEN' : 'holds'}</span>
                <div className="muted">{PROPERTY_TEXT[p].says}</div>
                {v && (
                  <button type="button" className="figure3-event" onClick={() => show(v)}>
                    At {formatTime(v.t)} on {v.nodes.join(', ')}: {v.message}. <span className="figure3-go">Go there and show why</span>
                  </button>
                )}
              </div>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
