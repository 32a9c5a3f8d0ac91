import type { NodeId, ReadMode } from '../engine/types.ts';
import { checkLinearizable, DEFAULT_WORK_CAP, type LinearizabilityResult, type RegisterOp } from './linearizability.ts';
import type { TraceEvent } from './trace.ts';

/*
 * What the clients of the cluster saw, from the run's trace: each write and read, when it was sent, which
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

/**
 * - `answered`: a server answered with a value;
 * - `waiting`: the leader accepted it and has not answered yet (ReadIndex: its round, its no-op);
 * - `unanswered`: the leader stepped down before answering: the client heard nothing;
 * - `refused`: the server was not the leader and said so;
 * - `lost`: it reached no live server.
 */
export type ClientReadOutcome = 'answered' | 'waiting' | 'unanswered' | 'refused' | 'lost';

export interface ClientRead {
  /** Reads and writes are numbered from one counter: no read has a write's number. */
  readonly readId: number;
  readonly key: string;
  readonly start: number;
  /** The server that answered, refused it, or (lost) that it was sent to. */
  readonly server: NodeId;
  readonly outcome: ClientReadOutcome;
  /** When it was answered; null otherwise. */
  readonly answerAt: number | null;
  /** The value answered (null: the key was not set, or no answer). */
  readonly value: string | null;
  /** How the server answered it (null for refused and lost reads). */
  readonly via: ReadMode | null;
  /** For `refused`: the leader the refusing server named. */
  readonly leaderHint: NodeId | null;
  /**
   * For a stale read (src/sim/staleReads.ts): the value of the write acknowledged before the
   * read began that it should have seen; null otherwise.
   */
  readonly staleAgainst: string | null;
}

export interface ClientHistory {
  /** Every write, in the order the clients sent them. */
  readonly writes: readonly ClientWrite[];
  /** Every read, in the order the clients sent them. */
  readonly reads: readonly ClientRead[];
  /**
   * The linearizability check of the writes that may have taken effect (refused and lost ones
   * took none) and the reads that were answered (the others tell nothing).
   */
  readonly check: LinearizabilityResult;
}

/** The page draws at most this many writes, the newest: every frame must stay small. */
export const MAX_WRITES_SHOWN = 6;
/** Likewise for reads. */
export const MAX_READS_SHOWN = 6;

/** The client history as the page draws it. */
export interface ClientHistoryFacts {
  /** The newest writes (at most MAX_WRITES_SHOWN), oldest first. */
  readonly writes: readonly ClientWrite[];
  /** Older writes left out of `writes`. */
  readonly writesSkipped: number;
  /** How many writes had each outcome, over the whole history. */
  readonly counts: Readonly<Record<ClientWriteOutcome, number>>;
  /** The newest reads (at most MAX_READS_SHOWN), oldest first. */
  readonly reads: readonly ClientRead[];
  readonly readsSkipped: number;
  readonly readCounts: Readonly<Record<ClientReadOutcome, number>>;
  /** Stale reads over the whole history (src/sim/staleReads.ts). */
  readonly staleReads: number;
  /** The check's verdict, with the ids (writes' or reads') that cannot be placed (a few at most). */
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
  private reads: Mutable<ClientRead>[] = [];
  private readById = new Map<number, Mutable<ClientRead>>();
  /** Counts the changes: a reader that kept the facts of one version need not ask again until it moves. */
  version = 0;

  clone(): ClientHistoryFold {
    const c = new ClientHistoryFold();
    c.writes = this.writes.map((w) => ({ ...w }));
    for (const w of c.writes) c.byId.set(w.writeId, w);
    c.reads = this.reads.map((r) => ({ ...r }));
    for (const r of c.reads) c.readById.set(r.readId, r);
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
      case 'clientRead':
        this.addRead({
          readId: e.readId,
          key: e.key,
          start: e.t,
          server: e.node,
          outcome: e.accepted ? 'waiting' : 'refused',
          answerAt: null,
          value: null,
          via: e.via,
          leaderHint: e.accepted ? null : e.leaderHint,
          staleAgainst: null,
        });
        return;
      case 'readLost':
        this.addRead({
          readId: e.readId,
          key: e.key,
          start: e.t,
          server: e.node,
          outcome: 'lost',
          answerAt: null,
          value: null,
          via: null,
          leaderHint: null,
          staleAgainst: null,
        });
        return;
      case 'readAnswer': {
        const r = this.readById.get(e.readId);
        if (r === undefined || r.outcome !== 'waiting') return;
        r.outcome = 'answered';
        r.answerAt = e.t;
        r.value = e.value;
        this.version++;
        return;
      }
      case 'readUnanswered': {
        const r = this.readById.get(e.readId);
        if (r === undefined || r.outcome !== 'waiting') return;
        r.outcome = 'unanswered';
        this.version++;
        return;
      }
      case 'staleRead': {
        const r = this.readById.get(e.readId);
        if (r === undefined) return;
        r.staleAgainst = e.newerValue;
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
    const reads = this.reads.map((r) => ({ ...r }));
    return { writes, reads, check: checkLinearizable(registerOps(writes, reads), workCap) };
  }

  private addRead(r: Mutable<ClientRead>): void {
    if (this.readById.has(r.readId)) return;
    this.reads.push(r);
    this.readById.set(r.readId, r);
    this.version++;
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
    if (this.writes.length === 0 && this.reads.length === 0) return null;
    const { writes, reads, check } = this.history(workCap);
    const counts: Record<ClientWriteOutcome, number> = { acknowledged: 0, unacknowledged: 0, refused: 0, lost: 0 };
    for (const w of writes) counts[w.outcome]++;
    const readCounts: Record<ClientReadOutcome, number> = { answered: 0, waiting: 0, unanswered: 0, refused: 0, lost: 0 };
    for (const r of reads) readCounts[r.outcome]++;
    const shown = writes.slice(-MAX_WRITES_SHOWN);
    const readsShown = reads.slice(-MAX_READS_SHOWN);
    return {
      writes: shown,
      writesSkipped: writes.length - shown.length,
      counts,
      reads: readsShown,
      readsSkipped: reads.length - readsShown.length,
      readCounts,
      staleReads: reads.filter((r) => r.staleAgainst !== null).length,
      check: { kind: check.kind, culprits: check.culprits.slice(0, MAX_WRITES_SHOWN), problem: check.problem },
    };
  }
}

/**
 * The writes and reads as register operations: refused and lost writes changed nothing and are
 * left out, as are reads that got no answer (they tell nothing).
 */
export function registerOps(writes: readonly ClientWrite[], reads: readonly ClientRead[] = []): RegisterOp[] {
  const ops: RegisterOp[] = writes
    .filter((w) => w.outcome === 'acknowledged' || w.outcome === 'unacknowledged')
    .map((w) => ({ id: w.writeId, kind: 'write', key: w.key, value: w.value, call: w.start, ret: w.ackAt }));
  for (const r of reads) {
    if (r.outcome === 'answered') ops.push({ id: r.readId, kind: 'read', key: r.key, value: r.value, call: r.start, ret: r.answerAt });
  }
  return ops;
}

/** The client history of a whole trace. */
export function clientHistoryOf(trace: readonly TraceEvent[], workCap: number = DEFAULT_WORK_CAP): ClientHistory {
  const fold = new ClientHistoryFold();
  for (const e of trace) fold.see(e);
  return fold.history(workCap);
}
