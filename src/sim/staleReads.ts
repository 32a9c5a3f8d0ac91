import type { EngineEvent } from '../engine/events.ts';
import type { NodeId } from '../engine/types.ts';

/*
 * Plainly stale reads, judged as each read is answered, so the feed and the timeline can say so at
 * that moment. A read that began after write W2 was acknowledged must see W2 or a later write; if
 * it returns a value that only writes finished before W2 began could have left (or no value at
 * all), no order of the operations explains it: the history is not linearizable, and the read is
 * the reason. That is the stale read a deposed leader or a lagging server gives.
 *
 * Sound but not complete: it never calls a read stale wrongly, yet some histories it lets pass
 * are still not linearizable (two reads that disagree with each other, say). The client history's
 * checker (src/sim/linearizability.ts) is the full judge; the card shows its verdict.
 */

/** A stale read: what the read returned, and the acknowledged write it should have seen. */
export interface StaleRead {
  readonly readId: number;
  readonly node: NodeId;
  readonly key: string;
  /** The value the read returned (null: none). */
  readonly value: string | null;
  /** The newer write, acknowledged before the read began. */
  readonly newerWriteId: number;
  readonly newerValue: string;
  readonly newerAckAt: number;
}

interface WriteSeen {
  readonly writeId: number;
  readonly key: string;
  readonly value: string;
  readonly call: number;
  /** When acknowledged; Infinity until then (it may take effect at any later time). */
  ret: number;
}

export class StaleReadJudge {
  /** Writes a leader accepted (refused and lost ones changed nothing), per key. */
  private writes = new Map<string, WriteSeen[]>();
  private byId = new Map<number, WriteSeen>();
  /** When each read still unanswered was sent. */
  private readCalls = new Map<number, number>();

  clone(): StaleReadJudge {
    const c = new StaleReadJudge();
    for (const [key, list] of this.writes) {
      const copy = list.map((w) => ({ ...w }));
      c.writes.set(key, copy);
      for (const w of copy) c.byId.set(w.writeId, w);
    }
    c.readCalls = new Map(this.readCalls);
    return c;
  }

  /** Read one engine event at simulated time `t`; a stale read, when this event answered one. */
  see(e: EngineEvent, t: number): StaleRead | null {
    switch (e.type) {
      case 'clientWrite': {
        if (!e.accepted || this.byId.has(e.writeId)) return null;
        const w: WriteSeen = { writeId: e.writeId, key: e.key, value: e.value, call: t, ret: Infinity };
        this.byId.set(e.writeId, w);
        const list = this.writes.get(e.key);
        if (list) list.push(w);
        else this.writes.set(e.key, [w]);
        return null;
      }
      case 'clientAck': {
        const w = this.byId.get(e.writeId);
        if (w !== undefined && w.ret === Infinity) {
          w.ret = t;
          this.prune(w.key);
        }
        return null;
      }
      case 'clientRead':
        if (e.accepted && !this.readCalls.has(e.readId)) this.readCalls.set(e.readId, t);
        return null;
      case 'readAnswer': {
        const call = this.readCalls.get(e.readId);
        if (call === undefined) return null;
        this.readCalls.delete(e.readId);
        return this.judge(e.readId, e.node, e.key, e.value, call);
      }
      case 'readUnanswered':
        this.readCalls.delete(e.readId);
        return null;
      default:
        return null;
    }
  }

  /**
   * Forget the writes of `key` no read can need, so a long run keeps a few per key, not all of
   * them (each snapshot copies this; keeping every write made replaying a 13-minute link twice as
   * slow, bench:link). Every read still to be judged began at `cut` or later, so every write
   * acknowledged before `cut` was acknowledged before it: of those, the one that began last (M)
   * is the only one that can be its newer write (judge takes the latest-begun), and one that
   * ended before M began can neither be that nor explain a value (only writes that did not end
   * before the newer write began can). Those are dropped; everything else is kept.
   */
  private prune(key: string): void {
    const list = this.writes.get(key);
    if (!list || list.length < 2) return;
    let cut = Infinity;
    for (const call of this.readCalls.values()) cut = Math.min(cut, call);
    let latest: WriteSeen | null = null;
    for (const w of list) if (w.ret < cut && (latest === null || w.call > latest.call)) latest = w;
    if (latest === null) return;
    const m = latest;
    const kept = list.filter((w) => w === m || !(w.ret < cut && w.ret < m.call));
    if (kept.length === list.length) return;
    for (const w of list) if (!kept.includes(w)) this.byId.delete(w.writeId);
    this.writes.set(key, kept);
  }

  private judge(readId: number, node: NodeId, key: string, value: string | null, call: number): StaleRead | null {
    const list = this.writes.get(key) ?? [];
    // The acknowledged-before-the-read write that began last: if any such write rules the value
    // out, this one does (every candidate write ended before it began, and so before it).
    let newer: WriteSeen | null = null;
    for (const w of list) if (w.ret < call && (newer === null || w.call > newer.call)) newer = w;
    if (newer === null) return null;
    const newest = newer;
    // Could a write of `value` have taken effect after the newer one? Only if it did not end before it began.
    if (value !== null && list.some((w) => w.value === value && !(w.ret < newest.call))) return null;
    return { readId, node, key, value, newerWriteId: newest.writeId, newerValue: newest.value, newerAckAt: newest.ret };
  }
}
