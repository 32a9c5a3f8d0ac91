const CHUNK = 256;

/**
 * An array whose copies share storage until written: `clone()` costs one pointer per 256
 * elements, and a write copies only the chunk it lands in. The invariant checker keeps one value
 * per log index and the timeline copies the checker at every snapshot, so a plain copy would cost
 * the whole log each time.
 */
export class CowArray<T> {
  private chunks: (T | undefined)[][] = [];
  /** Which chunks this copy owns (may write in place); the others are shared. */
  private own: boolean[] = [];
  private size = 0;

  get length(): number {
    return this.size;
  }

  get(i: number): T | undefined {
    return i >= 0 && i < this.size ? this.chunks[Math.floor(i / CHUNK)]?.[i % CHUNK] : undefined;
  }

  /** Set element i, growing the array (with holes) if needed. */
  set(i: number, value: T): void {
    // Slots between the old end and i may hold stale values from before a truncation: clear them.
    for (let j = this.size; j < i; j++) if (this.chunks[Math.floor(j / CHUNK)]) this.write(j, undefined);
    this.write(i, value);
    if (i >= this.size) this.size = i + 1;
  }

  push(value: T): void {
    this.set(this.size, value);
  }

  /** Keep the first n elements. */
  truncate(n: number): void {
    if (n < this.size) this.size = Math.max(0, n);
  }

  clone(): CowArray<T> {
    const c = new CowArray<T>();
    c.chunks = this.chunks.slice();
    c.size = this.size;
    c.own = [];
    this.own = [];
    return c;
  }

  private write(i: number, value: T | undefined): void {
    const k = Math.floor(i / CHUNK);
    let chunk = this.chunks[k];
    if (!chunk) chunk = this.chunks[k] = [];
    else if (!this.own[k]) chunk = this.chunks[k] = chunk.slice();
    this.own[k] = true;
    chunk[i % CHUNK] = value;
  }
}
