import type { NodeId } from '../engine/types.ts';
import { checkLinearizable, DEFAULT_WORK_CAP, type LinearizabilityResult, type RegisterOp } from './linearizability.ts';
import type { TraceEvent } from './trace.ts';

/*
 * What the clients of the cluster saw, from the run's trace: each write, when it was sent, which
 * server answered it, and whether (and when) the client was told it succeeded. A client learns of
 * success only from the leader's acknowledgement, sent once the entry is committed and applied
 * (§8); a write a leader accepted but never acknowledged (it crashed, or lost its majority) may
 * or may not be in the cluster's state, and the client cannot tell which.
 */

/**
 * - `acknowledged`: the leader that accepted it told the client it is committed;
 * - `unacknowledged`: a leader accepted it, and the client has heard nothing since;
 * - `refused`: the server was not a leader (or was handing over) and said so: it took no effect;
 * - `lost`: it reached no live server: it took no effect.
 */
export type ClientWriteOutcome = 'acknowledged' | 'unacknowledged' | 'refused' | 'lost';

export interface ClientWrite {
  readonly writeId: number;
  readonly key: string;
  readonly value: string;
  /** When the client sent it (simulated ms). */
  readonly start: number;
  /** The server that answered, refused it, or (for `lost`) that it was sent to. */
  readonly server: NodeId;
  readonly outcome: ClientWriteOutcome;
  /** When the client was told it succeeded; null for every other outcome. */
  readonly ackAt: number | null;
  /** Where the accepting leader put it in its log, and in which term (null unless accepted). */
  readonly index: number | null;
  readonly term: number | null;
  /** For `refused`: the leader the refusing server named (null: it knew none). */
  readonly leaderHint: NodeId | null;
  /** For `refused` by a leader handing over (thesis §3.10): the server it hands to. */
  readonly handingTo: NodeId | null;
}

export interface ClientHistory {
  /** Every write, in the order the clients sent them. */
  readonly writes: readonly ClientWrite[];
  /** The linearizability check of the writes that may have taken effect (refused and lost ones took none). */
  readonly check: LinearizabilityResult;
}

/** The page draws at most this many writes, the newest: every frame must stay small. */
export const MAX_WRITES_SHOWN = 6;

/** The client history as the page draws it. */
export interface ClientHistoryFacts {
  /** The newest writes (at most MAX_WRITES_SHOWN), oldest first. */
  readonly writes: readonly ClientWrite[];
  /** Older writes left out of `writes`. */
  readonly writesSkipped: number;
  /** How many writes had each outcome, over the whole history. */
  readonly counts: Readonly<Record<ClientWriteOutcome, number>>;
  /** The check's verdict, with the write ids that cannot be placed (a few at most). */
  readonly check: {
    readonly kind: LinearizabilityResult['kind'];
    readonly culprits: readonly number[];
    readonly problem: string | null;
  };
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * The client history, folded from the run's events in order. It keeps only the writes, so a copy
 * per snapshot stays small; the check is run when the history is asked for.
 */
export class ClientHistoryFold {
  private writes: Mutable<ClientWrite>[] = [];
  private byId = new Map<number, Mutable<ClientWrite>>();
  /** Counts the changes: a reader that kept the facts of one version need not ask again until it moves. */
  version = 0;

  clone(): ClientHistoryFold {
    const c = new ClientHistoryFold();
    c.writes = this.writes.map((w) => ({ ...w }));
    for (const w of c.writes) c.byId.set(w.writeId, w);
    c.version = this.version;
    return c;
  }

  /** Read one event of the run. */
  see(e: TraceEvent): void {
    switch (e.type) {
      case 'clientWrite':
        this.add({
          writeId: e.writeId,
          key: e.key,
          value: e.value,
          start: e.t,
          server: e.node,
          outcome: e.accepted ? 'unacknowledged' : 'refused',
          ackAt: null,
          index: e.accepted ? e.index : null,
          term: e.accepted ? e.term : null,
          leaderHint: e.accepted ? null : e.leaderHint,
          handingTo: e.accepted ? null : e.handingTo,
        });
        return;
      case 'writeLost':
        this.add({
          writeId: e.writeId,
          key: e.key,
          value: e.value,
          start: e.t,
          server: e.node,
          outcome: 'lost',
          ackAt: null,
          index: null,
          term: null,
          leaderHint: null,
          handingTo: null,
        });
        return;
      case 'clientAck': {
        // The client hears the first acknowledgement; any later one tells it nothing new.
        const w = this.byId.get(e.writeId);
        if (w === undefined || w.outcome !== 'unacknowledged') return;
        w.outcome = 'acknowledged';
        w.ackAt = e.t;
        this.version++;
        return;
      }
      default:
        return;
    }
  }

  /** The history so far, and its check within `workCap` (src/sim/linearizability.ts). */
  history(workCap: number = DEFAULT_WORK_CAP): ClientHistory {
    const writes = this.writes.map((w) => ({ ...w }));
    return { writes, check: checkLinearizable(registerOps(writes), workCap) };
  }

  private add(w: Mutable<ClientWrite>): void {
    // Each write action gets its own id; a second line about the same id is not a new write.
    if (this.byId.has(w.writeId)) return;
    this.writes.push(w);
    this.byId.set(w.writeId, w);
    this.version++;
  }

  /** What the page draws: the newest writes, the counts and the check (see ClientHistoryFacts). */
  facts(workCap: number = DEFAULT_WORK_CAP): ClientHistoryFacts | null {
    if (this.writes.length === 0) return null;
    const { writes, check } = this.history(workCap);
    const counts: Record<ClientWriteOutcome, number> = { acknowledged: 0, unacknowledged: 0, refused: 0, lost: 0 };
    for (const w of writes) counts[w.outcome]++;
    const shown = writes.slice(-MAX_WRITES_SHOWN);
    return {
      writes: shown,
      writesSkipped: writes.length - shown.length,
      counts,
      check: { kind: check.kind, culprits: check.culprits.slice(0, MAX_WRITES_SHOWN), problem: check.problem },
    };
  }
}

/** The writes as register operations: refused and lost writes changed nothing and are left out. */
export function registerOps(writes: readonly ClientWrite[]): RegisterOp[] {
  return writes
    .filter((w) => w.outcome === 'acknowledged' || w.outcome === 'unacknowledged')
    .map((w) => ({ id: w.writeId, kind: 'write', key: w.key, value: w.value, call: w.start, ret: w.ackAt }));
}

/** The client history of a whole trace. */
export function clientHistoryOf(trace: readonly TraceEvent[], workCap: number = DEFAULT_WORK_CAP): ClientHistory {
  const fold = new ClientHistoryFold();
  for (const e of trace) fold.see(e);
  return fold.history(workCap);
}
