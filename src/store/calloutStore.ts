import { useStore } from 'zustand';
import type { Moment } from '../narration/moments.ts';
import { useLab } from './context.ts';
import type { LabStore } from './lab.ts';

/** How long a callout stays on the cluster, in real time. */
export const CALLOUT_MS = 4000;
/** At most this many at once, one per server; the rest are in the feed. */
const MAX_CALLOUTS = 2;

export interface Callout extends Moment {
  readonly key: number;
  readonly until: number;
  /** The server's term when it was said: in a later term the sentence is about the past. */
  readonly term: number;
}

/** What a callout needs to know of its server to say whether it still holds. */
export interface CalledNode {
  readonly alive: boolean;
  readonly role: string;
  readonly term: number;
}

/**
 * Whether what a callout says is still true of what is drawn: a sentence about a server goes when
 * the server crashes or moves to another term, "won the election" when it stops leading, and
 * "cannot win" when the split heals.
 */
export function stillTrue(c: Callout, node: CalledNode | undefined, split: boolean): boolean {
  if (!node || !node.alive || node.term !== c.term) return false;
  if (c.kind === 'leader') return node.role === 'leader';
  if (c.kind === 'refused') return split && node.role !== 'leader';
  return true;
}

export interface CalloutState {
  readonly callouts: readonly Callout[];
  /** The latest sentences for screen readers (a polite live region reads them). */
  readonly spoken: string;
}

export const initialCallouts = (): CalloutState => ({ callouts: [], spoken: '' });

export function useCallouts<T>(selector: (s: CalloutState) => T): T {
  return useStore(useLab().callouts, selector);
}

/** Callouts on the cluster for the moments the worker says are worth saying. */
export function createCalloutActions(lab: LabStore) {
  const store = lab.callouts;
  let key = 0;

  function expireCallouts(now: number): void {
    const { callouts } = store.getState();
    const left = callouts.filter((c) => c.until > now);
    if (left.length !== callouts.length) store.setState({ callouts: left });
  }

  /**
   * Call out the moments the worker found in a frame. After a jump back in time (null) or on a
   * new run, what was on the cluster belongs to another moment: it goes, and nothing is said.
   */
  function callOut(moments: readonly Moment[] | null): void {
    if (moments === null) {
      if (store.getState().callouts.length > 0 || store.getState().spoken !== '') store.setState({ callouts: [], spoken: '' });
      return;
    }
    if (moments.length === 0) return;
    const now = performance.now();
    const { callouts } = store.getState();
    const { nodes, cut } = lab.sim.getState();
    const latest = new Map<string, Callout>();
    for (const c of callouts) {
      if (
        c.until > now &&
        stillTrue(
          c,
          nodes.find((n) => n.id === c.node),
          cut.length > 0,
        )
      )
        latest.set(c.node, c);
    }
    for (const m of moments) {
      const term = nodes.find((n) => n.id === m.node)?.term ?? 0;
      latest.set(m.node, { ...m, key: key++, until: now + CALLOUT_MS, term });
    }
    const next = [...latest.values()].sort((a, b) => a.key - b.key).slice(-MAX_CALLOUTS);
    // The live region gets the same words; only the last few, so a fast run does not flood it.
    const spoken = moments
      .slice(-2)
      .map((m) => m.text)
      .join(' ');
    store.setState({ callouts: next, spoken });
  }

  return { expireCallouts, callOut };
}
