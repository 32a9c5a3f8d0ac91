import { nodesOf, useExplain, type Explained } from '../../store/explainStore.ts';
import { formatTime } from '../feed/EventFeed.tsx';
import { Highlights } from '../lesson/Highlights.tsx';
import './explain.css';
import { useActions } from '../../store/context.ts';

function describeCause(x: Explained): string {
  const c = x.why?.cause;
  if (!c) return 'Nothing else at that moment set it off: it follows from the state the servers were in.';
  switch (c.kind) {
    case 'message':
      return `A ${c.what} message from ${c.from} arriving at ${c.to}.`;
    case 'timer':
      return `${c.node}'s election timer ran out.`;
    case 'action':
      return `An action taken on the cluster: ${c.what}.`;
  }
}

/** Why the chosen event happened: the rule that fired, the paper's name for it, and its trigger. */
export function ExplainPanel() {
  const { closeExplanation } = useActions();
  const x = useExplain((s) => s.explained);
  if (!x) return null;
  const nodes = nodesOf(x);
  return (
    <section className="card explain" aria-labelledby="explain-title" data-explain={x.event.type}>
      <header className="card-head">
        <h2 id="explain-title">Why did this happen?</h2>
        <button type="button" className="ghost" aria-label="Close the explanation" onClick={closeExplanation}>
          ✕
        </button>
      </header>
      <p className="explain-event">
        <time>{formatTime(x.event.t)}</time> {x.sentence}
      </p>
      {x.why ? (
        <>
          <h3>The rule</h3>
          <p className="explain-rule">{x.why.rule}</p>
          <p className="explain-paper">
            In the Raft paper: <cite>{x.why.paper}</cite>
          </p>
          <h3>What set it off</h3>
          <p className="explain-cause">{describeCause(x)}</p>
        </>
      ) : (
        <p>This is a plain record of what the network or the simulator did; no rule of Raft decided it.</p>
      )}
      {nodes.length > 0 && <p className="muted">Marked on the cluster with a dashed ring: {nodes.join(', ')}.</p>}
      <Highlights
        highlights={nodes.map((node) => ({ kind: 'node' as const, node }))}
        note="The explanation is about this server."
        caption={false}
      />
    </section>
  );
}
