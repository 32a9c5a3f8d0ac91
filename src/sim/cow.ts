const LEAF = 32;
const MID = 32;
const SPAN = LEAF * MID;

type Leaf<T> = (T | undefined)[];
type Mid<T> = (Leaf<T> | undefined)[];

/**
 * An array whose copies share storage until written: `clone()` copies one pointer per 1,024
 * elements, and a write copies only the two small blocks on its path (a block of 32 pointers and
 * one of 32 values). The invariant checker keeps one value per log index and the timeline copies
 * the checker at every snapshot, so a plain copy would cost the whole log each time.
 */
export class CowArray<T> {
  private top: (Mid<T> | undefined)[] = [];
  /** The blocks this copy may write in place; any other block may be shared with other copies. */
  private owned = new Set<object>();
  private size = 0;

  get length(): number {
    return this.size;
  }

  get(i: number): T | undefined {
    if (i < 0 || i >= this.size) return undefined;
    return this.top[Math.floor(i / SPAN)]?.[Math.floor(i / LEAF) % MID]?.[i % LEAF];
  }

  /** Set element i, growing the array (with holes) if needed. */
  set(i: number, value: T): void {
    // Slots between the old end and i may hold stale values from before a truncation: clear them.
    for (let j = this.size; j < i; j++) if (this.get(j) !== undefined || this.hasBlock(j)) this.write(j, undefined);
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
    c.top = this.top.slice();
    c.size = this.size;
    this.owned = new Set();
    return c;
  }

  private hasBlock(i: number): boolean {
    return this.top[Math.floor(i / SPAN)]?.[Math.floor(i / LEAF) % MID] !== undefined;
  }

  private write(i: number, value: T | undefined): void {
    const t = Math.floor(i / SPAN);
    let mid = this.top[t];
    if (!mid || !this.owned.has(mid)) {
      mid = this.top[t] = mid ? mid.slice() : [];
      this.owned.add(mid);
    }
    const m = Math.floor(i / LEAF) % MID;
    let leaf = mid[m];
    if (!leaf || !this.owned.has(leaf)) {
      leaf = mid[m] = leaf ? leaf.slice() : [];
      this.owned.add(leaf);
    }
    leaf[i % LEAF] = value;
  }
}
