import { nodesOf, useExplain, type Explained } from '../../store/explainStore.ts';
import { formatTime } from '../feed/EventFeed.tsx';
import { Highlights } from '../lesson/Highlights.tsx';
import './explain.css';
import { useActions } from '../../store/context.ts';

function describeCause(explained: Explained): string {
  const cause = explained.why?.cause;
  if (!cause) return 'Nothing else at that moment set it off: it follows from the state the servers were in.';
  switch (cause.kind) {
    case 'message':
      return `Message #${cause.id}, a ${cause.what} from ${cause.from}, arriving at ${cause.to}.`;
    case 'timer':
      return `${cause.node}'s election timer ran out.`;
    case 'action':
      return `An action taken on the cluster: ${cause.what}.`;
  }
}

/** Why the chosen event happened: the rule that fired, the paper's name for it, and its trigger. */
export function ExplainPanel() {
  const { closeExplanation } = useActions();
  const explained = useExplain((s) => s.explained);
  if (!explained) return null;
  const nodes = nodesOf(explained);
  return (
    <section className="card explain" aria-labelledby="explain-title" data-explain={explained.event.type}>
      <header className="card-head">
        <h2 id="explain-title">Why did this happen?</h2>
        <button type="button" className="ghost" aria-label="Close the explanation" onClick={closeExplanation}>
          ✕
        </button>
      </header>
      <p className="explain-event">
        <time>{formatTime(explained.event.t)}</time> {explained.sentence}
      </p>
      {explained.pending ? (
        <p className="muted">Looking up the rule…</p>
      ) : explained.why ? (
        <>
          <h3>The rule</h3>
          <p className="explain-rule">{explained.why.rule}</p>
          <p className="explain-paper">
            In the Raft paper: <cite>{explained.why.paper}</cite>
          </p>
          <h3>What set it off</h3>
          <p className="explain-cause">{describeCause(explained)}</p>
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
