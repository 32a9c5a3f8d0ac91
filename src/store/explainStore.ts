import { useStore } from 'zustand';
import type { Explanation } from '../lessons/explain.ts';
import type { TraceEvent } from '../sim/trace.ts';
import { narrate } from '../narration/narrate.ts';
import { useLab } from './context.ts';
import type { LabStore } from './lab.ts';

export interface Explained {
  readonly event: TraceEvent;
  /** The event's id in the run: the worker explains it from the whole history. */
  readonly eventId: number;
  readonly sentence: string;
  /** True until the worker's answer arrives. */
  readonly pending: boolean;
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

/** Explanations of the events the page shows, asked of the worker, which holds the whole run. */
export function createExplainActions(lab: LabStore) {
  /** The request whose answer is awaited: a later choice replaces an earlier one. */
  let asked: number | null = null;

  /** Explain an event the page shows (a feed line, a Figure 3 violation): the worker is asked why. */
  function explainEvent(event: TraceEvent, eventId: number): void {
    asked = lab.connection.explain(eventId);
    lab.explain.setState({ explained: { event, eventId, sentence: narrate(event).text, pending: true, why: null } });
  }

  /** The worker's answer to an explain request. */
  function receiveExplanation(request: number, why: Explanation | null): void {
    const shown = lab.explain.getState().explained;
    if (request !== asked || !shown) return;
    asked = null;
    lab.explain.setState({ explained: { ...shown, pending: false, why } });
  }

  const closeExplanation = (): void => {
    asked = null;
    lab.explain.setState({ explained: null });
  };

  return { explainEvent, receiveExplanation, closeExplanation };
}
