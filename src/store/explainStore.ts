import { create } from 'zustand';
import { explain, type Explanation } from '../lessons/explain.ts';
import type { TraceEvent } from '../sim/trace.ts';
import { narrate } from '../narration/narrate.ts';
import { onHistory, traceHistory } from './traceHistory.ts';

export interface Explained {
  readonly event: TraceEvent;
  readonly sentence: string;
  readonly why: Explanation | null;
}

export interface ExplainState {
  readonly explained: Explained | null;
}

export const useExplain = create<ExplainState>()(() => ({ explained: null }));

/** Explain an event the page received (a feed line, a Figure 3 violation). */
export function explainEvent(event: TraceEvent): void {
  const i = traceHistory.events.lastIndexOf(event);
  const why = i >= 0 ? explain(traceHistory.events, i) : null;
  useExplain.setState({ explained: { event, sentence: narrate(event).text, why } });
}

export const closeExplanation = (): void => useExplain.setState({ explained: null });

/** The servers an explanation is about: the event's own and those its trigger links. */
export function nodesOf(x: Explained): string[] {
  const e = x.event;
  const nodes = new Set<string>();
  if ('node' in e && typeof e.node === 'string') nodes.add(e.node);
  if (e.type === 'violation') e.nodes.forEach((n) => nodes.add(n));
  const c = x.why?.cause;
  if (c?.kind === 'message') {
    nodes.add(c.from);
    nodes.add(c.to);
  }
  if (c?.kind === 'timer') nodes.add(c.node);
  return [...nodes];
}

onHistory((_fresh, change) => {
  if (change === 'run') closeExplanation();
});
