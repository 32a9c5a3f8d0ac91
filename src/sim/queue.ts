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

  // Sifting moves a hole rather than swapping pairs: the item is written once, where it lands
  // (the queue's pop was a sixth of a run's time in a CPU profile of bench:engine).
  push(item: T): void {
    const heap = this.heap;
    let i = heap.length;
    heap.push(item);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const above = heap[parent]!;
      if (!before(item, above)) break;
      heap[i] = above;
      i = parent;
    }
    heap[i] = item;
  }

  pop(): T | undefined {
    const heap = this.heap;
    const top = heap[0];
    const last = heap.pop();
    const n = heap.length;
    if (n > 0 && last !== undefined) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= n) break;
        const r = l + 1;
        let child = l;
        let pick = heap[l]!;
        if (r < n && before(heap[r]!, pick)) {
          child = r;
          pick = heap[r]!;
        }
        if (!before(pick, last)) break;
        heap[i] = pick;
        i = child;
      }
      heap[i] = last;
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
