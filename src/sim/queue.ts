/**
 * A binary min-heap of scheduled events ordered by (time, phase, seq). seq is the insertion
 * order, so events at the same time and phase run first-scheduled-first: a stable, documented
 * tie-break that makes runs reproducible. Phase puts actions after everything else due at the
 * same moment, so an action clicked at time t replays exactly where it was taken.
 */
export interface Scheduled {
  readonly time: number;
  readonly phase: number;
  readonly seq: number;
}

export class EventQueue<T extends Scheduled> {
  private heap: T[] = [];

  get size(): number {
    return this.heap.length;
  }

  peek(): T | undefined {
    return this.heap[0];
  }

  push(item: T): void {
    const heap = this.heap;
    heap.push(item);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(heap[i]!, heap[parent]!)) break;
      [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
      i = parent;
    }
  }

  pop(): T | undefined {
    const heap = this.heap;
    const top = heap[0];
    const last = heap.pop();
    if (heap.length > 0 && last !== undefined) {
      heap[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < heap.length && before(heap[l]!, heap[m]!)) m = l;
        if (r < heap.length && before(heap[r]!, heap[m]!)) m = r;
        if (m === i) break;
        [heap[i], heap[m]] = [heap[m]!, heap[i]!];
        i = m;
      }
    }
    return top;
  }

  /** Items in heap order (not sorted), for snapshots and inspection. */
  items(): readonly T[] {
    return this.heap;
  }

  static from<T extends Scheduled>(items: readonly T[]): EventQueue<T> {
    const q = new EventQueue<T>();
    // A sorted array is a valid heap, and callers may pass a filtered (no longer heap-shaped) list.
    q.heap = items.slice().sort((a, b) => (before(a, b) ? -1 : before(b, a) ? 1 : 0));
    return q;
  }
}

function before(a: Scheduled, b: Scheduled): boolean {
  if (a.time !== b.time) return a.time < b.time;
  if (a.phase !== b.phase) return a.phase < b.phase;
  return a.seq < b.seq;
}
