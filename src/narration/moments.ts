import type { NodeId } from '../engine/types.ts';
import type { TraceEvent } from '../sim/trace.ts';
import { narrate } from './narrate.ts';
import { majority } from '../engine/quorum.ts';

/** An important moment, said on the cluster beside `node` and to screen readers. */
export interface Moment {
  readonly node: NodeId;
  readonly text: string;
  readonly kind: 'leader' | 'deny' | 'commit' | 'refused' | 'violation';
}

/**
 * Picks the moments worth calling out from a run's events, as they arrive. Keeps the little it
 * needs to know (who leads, which side of a split is the minority) from the events themselves.
 */
export class MomentFinder {
  private leaders = new Set<NodeId>();
  private minority: ReadonlySet<NodeId> = new Set();
  private clusterSize = 0;
  /** A leader's commit whose entries are being applied: called out at its first client entry. */
  private commit: Extract<TraceEvent, { type: 'commit' }> | null = null;

  reset(): void {
    this.commit = null;
    this.leaders.clear();
    this.minority = new Set();
    this.clusterSize = 0;
  }

  /** The moments among `events`, in order. */
  find(events: readonly TraceEvent[]): Moment[] {
    const out: Moment[] = [];
    for (const e of events) {
      const m = this.see(e);
      if (m) out.push(m);
    }
    return out;
  }

  /** Read one event; the moment it is, if any. */
  see(e: TraceEvent): Moment | null {
    switch (e.type) {
      case 'start':
        this.reset();
        this.clusterSize = e.nodes.length;
        return null;
      case 'partition': {
        const total = e.groups.reduce((n, g) => n + g.length, 0);
        this.minority = new Set(e.groups.find((g) => g.length * 2 < total) ?? []);
        return null;
      }
      case 'heal':
        this.minority = new Set();
        return null;
      case 'crash':
        this.leaders.delete(e.node);
        return null;
      case 'role':
        if (e.role !== 'leader') {
          this.leaders.delete(e.node);
          return null;
        }
        this.leaders.add(e.node);
        return { node: e.node, kind: 'leader', text: narrate(e).text };
      case 'vote':
        return !e.granted && !e.preVote ? { node: e.node, kind: 'deny', text: narrate(e).text } : null;
      case 'commit':
        // Followers learning the commit index repeat the leader's news. Said when the leader
        // applies a client's entry (next in the trace): a new leader's no-op committing is no news,
        // and its callout would cover the one saying it won.
        this.commit = this.leaders.has(e.node) ? e : null;
        return null;
      case 'apply': {
        const commit = this.commit;
        if (commit === null || commit.node !== e.node || e.noop) return null;
        this.commit = null;
        return { node: e.node, kind: 'commit', text: narrate(commit).text };
      }
      case 'electionTimeout': {
        if (!this.minority.has(e.node) || e.preVote) return null;
        const size = this.clusterSize || this.minority.size * 2 + 1;
        const reach = this.minority.size;
        const needed = majority(size);
        return {
          node: e.node,
          kind: 'refused',
          text: `${e.node} stands for election in term ${e.term}, but its side of the split has only ${reach} of ${size} servers and a leader needs ${needed}: it cannot win.`,
        };
      }
      case 'transfer':
        // A handover begins, or gives up: said beside the leader. Its end is the new leader's win.
        if (e.step === 'start') return { node: e.node, kind: 'leader', text: narrate(e).text };
        if (e.step === 'abandoned') return { node: e.node, kind: 'refused', text: narrate(e).text };
        return null;
      case 'violation':
        return { node: e.nodes[0] ?? '', kind: 'violation', text: narrate(e).text };
      default:
        return null;
    }
  }
}
