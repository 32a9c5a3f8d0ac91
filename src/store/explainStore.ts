import { useStore } from 'zustand';
import { explain, type Explanation } from '../lessons/explain.ts';
import type { TraceEvent } from '../sim/trace.ts';
import { narrate } from '../narration/narrate.ts';
import { useLab } from './context.ts';
import type { LabStore } from './lab.ts';

export interface Explained {
  readonly event: TraceEvent;
  readonly sentence: string;
  readonly why: Explanation | null;
}

export interface ExplainState {
  readonly explained: Explained | null;
}

export const initialExplain = (): ExplainState => ({ explained: null });

export function useExplain<T>(selector: (s: ExplainState) => T): T {
  return useStore(useLab().explain, selector);
}

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

/** Explanations of the events the page shows (a feed line, a Figure 3 violation). */
export function createExplainActions(lab: LabStore) {
  /** Explain an event the page received (a feed line, a Figure 3 violation). */
  function explainEvent(event: TraceEvent): void {
    const i = lab.history.events.lastIndexOf(event);
    const why = i >= 0 ? explain(lab.history.events, i) : null;
    lab.explain.setState({ explained: { event, sentence: narrate(event).text, why } });
  }

  const closeExplanation = (): void => lab.explain.setState({ explained: null });

  lab.history.on((_fresh, change) => {
    if (change === 'run') closeExplanation();
  });

  return { explainEvent, closeExplanation };
}
