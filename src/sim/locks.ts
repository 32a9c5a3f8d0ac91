import type { TraceEvent } from './trace.ts';

/*
 * A lock service on the replicated log, and a storage outside the cluster that fences it.
 *
 * The lock is the key `lock` of the cluster's key-value state machine: an entry `lock=A` asks for
 * the lock for client A (or renews it, if A holds it), and `lock=free` ends the holder's lease (the
 * entry a lock service's leader writes when a holder stops renewing, as etcd revokes a lease). The
 * entry that grants the lock gives its log index as the fencing token: grants later in the log
 * have larger tokens. A client learns whether it got the lock only when the leader acknowledges
 * its entry, once committed; it keeps believing what it was told until something tells it
 * otherwise. That gap is the whole lesson: the storage accepts a write only with a token at
 * least as large as any it has seen, so a holder whose lease ended cannot overwrite the work of
 * the one who holds the lock now.
 */

export const LOCK_KEY = 'lock';
/** The value of the entry that ends the holder's lease. */
export const LOCK_FREE = 'free';

/** What a client believes about the lock, from what it was last told. */
export type LockClientState =
  /** It asked, and has heard nothing yet. */
  | 'asking'
  /** It was told it got the lock (with `token`); nothing has told it otherwise since. */
  | 'holds'
  /** It was told someone else holds the lock. */
  | 'refused'
  /** The storage refused its write: its token is older than one it has seen. */
  | 'fenced';

export interface LockClientView {
  readonly client: string;
  readonly state: LockClientState;
  /** The token it was given with the lock (for `holds` and `fenced`). */
  readonly token: number | null;
  /** Who held the lock when it was refused. */
  readonly heldBy: string | null;
  /** When it came to believe this (simulated ms). */
  readonly since: number;
  /** It believes it holds the lock, but by the committed log it does not (its lease was ended). */
  readonly mistaken: boolean;
}

/** A client's write to the storage, and the storage's answer. */
export interface StoreFact {
  readonly t: number;
  readonly client: string;
  readonly value: string;
  readonly token: number | null;
  readonly accepted: boolean;
  /** The highest token the storage had accepted before this write. */
  readonly highest: number | null;
}

/** The page draws at most this many storage writes, the newest. */
export const MAX_STORES_SHOWN = 4;
/**
 * Clients sent with the facts, the most recent to change their minds: a scenario file may name
 * thousands (every `lock=...` value is a client), and every frame must stay small.
 */
export const MAX_CLIENTS_SHOWN = 6;

/** Everything known about the lock at a moment, as the page draws it. */
export interface LockFacts {
  /** Who holds the lock by the committed log (null: free), and the token of that grant. */
  readonly holder: string | null;
  readonly token: number | null;
  /** The clients that asked for the lock (the MAX_CLIENTS_SHOWN latest to change), by name. */
  readonly clients: readonly LockClientView[];
  /** Clients left out of `clients`. */
  readonly clientsSkipped: number;
  /** The highest token the storage has accepted (null: none yet). */
  readonly highest: number | null;
  /** The newest writes to the storage, oldest first. */
  readonly stores: readonly StoreFact[];
  /** Older storage writes not in `stores`. */
  readonly storesSkipped: number;
}

/** What the lock service answered an entry: granted (with its token) or held by someone else. */
interface Decision {
  readonly client: string;
  readonly granted: boolean;
  readonly token: number | null;
  readonly heldBy: string | null;
}

/** The answer a client is given about the lock, as the trace records it. */
export type LockAnswer = Extract<TraceEvent, { type: 'lockAnswer' }>;

/**
 * The lock's story, folded from the run's events in order. The simulator keeps it (and copies it
 * into each snapshot) to answer clients and judge storage writes; the worker reads its facts at
 * the moment shown, so what the page draws is what the run decided.
 */
export class LockFold {
  private holder: string | null = null;
  private token: number | null = null;
  /** The last applied index decided: each index is decided once, by the first server to apply it. */
  private decidedUpTo = 0;
  /** Decisions by write id, kept until the client is told. */
  private decisions = new Map<number, Decision>();
  private clients = new Map<string, LockClientView>();
  private highest: number | null = null;
  private stores: StoreFact[] = [];
  private storeCount = 0;
  /** Whether anything about the lock has happened (the page shows the lock only then). */
  seen = false;

  clone(): LockFold {
    const c = new LockFold();
    c.holder = this.holder;
    c.token = this.token;
    c.decidedUpTo = this.decidedUpTo;
    c.decisions = new Map(this.decisions);
    c.clients = new Map(this.clients);
    c.highest = this.highest;
    c.stores = this.stores.slice();
    c.storeCount = this.storeCount;
    c.seen = this.seen;
    return c;
  }

  /** Read one event of the run. */
  see(e: TraceEvent): void {
    switch (e.type) {
      case 'clientWrite':
        if (e.key !== LOCK_KEY || !e.accepted || e.value === LOCK_FREE) return;
        this.seen = true;
        // A holder renewing keeps believing it holds the lock; anyone else now waits for an answer.
        if (this.clients.get(e.value)?.state !== 'holds') this.tell(e.value, 'asking', null, null, e.t);
        return;
      case 'apply':
        if (e.noop || e.key !== LOCK_KEY || e.index <= this.decidedUpTo) return;
        this.decide(e.index, e.value, e.writeId);
        return;
      case 'lockAnswer':
        this.decisions.delete(e.writeId);
        this.tell(e.client, e.granted ? 'holds' : 'refused', e.token, e.heldBy, e.t);
        return;
      case 'store':
        this.seen = true;
        this.highest = e.accepted ? e.token : this.highest;
        this.stores.push({ t: e.t, client: e.client, value: e.value, token: e.token, accepted: e.accepted, highest: e.highest });
        if (this.stores.length > MAX_STORES_SHOWN) this.stores.shift();
        this.storeCount++;
        if (!e.accepted && e.token !== null) this.tell(e.client, 'fenced', e.token, null, e.t);
        return;
      default:
        return;
    }
  }

  /**
   * The answer a leader's acknowledgement of write `writeId` gives its client, if it is a lock
   * entry: the simulator records it as a `lockAnswer` line right after the `clientAck`.
   */
  answerFor(writeId: number): Omit<LockAnswer, 't' | 'by' | 'type' | 'node'> | null {
    const d = this.decisions.get(writeId);
    return d ? { writeId, client: d.client, granted: d.granted, token: d.token, heldBy: d.heldBy } : null;
  }

  /** What the storage does with `client`'s write: it carries the token the client believes it holds. */
  judgeStore(client: string): { readonly token: number | null; readonly accepted: boolean; readonly highest: number | null } {
    const view = this.clients.get(client);
    const token = view && view.state === 'holds' ? view.token : null;
    const accepted = token !== null && (this.highest === null || token >= this.highest);
    return { token, accepted, highest: this.highest };
  }

  facts(): LockFacts {
    return {
      holder: this.holder,
      token: this.token,
      clients: [...this.clients.values()]
        .sort((a, b) => b.since - a.since)
        .slice(0, MAX_CLIENTS_SHOWN)
        .sort((a, b) => (a.client < b.client ? -1 : 1))
        .map((c) => ({ ...c, mistaken: c.state === 'holds' && this.holder !== c.client })),
      clientsSkipped: Math.max(0, this.clients.size - MAX_CLIENTS_SHOWN),
      highest: this.highest,
      stores: this.stores.slice(),
      storesSkipped: this.storeCount - this.stores.length,
    };
  }

  private decide(index: number, value: string, writeId: number): void {
    this.seen = true;
    this.decidedUpTo = index;
    if (value === LOCK_FREE) {
      this.holder = null;
      this.token = null;
      return;
    }
    if (this.holder === null) {
      this.holder = value;
      this.token = index;
    }
    // A renewal by the holder keeps the token of its grant; anyone else is told who holds it.
    const granted = this.holder === value;
    this.decisions.set(writeId, { client: value, granted, token: granted ? this.token : null, heldBy: granted ? null : this.holder });
  }

  private tell(client: string, state: LockClientState, token: number | null, heldBy: string | null, t: number): void {
    this.clients.set(client, { client, state, token, heldBy, since: t, mistaken: false });
  }
}
