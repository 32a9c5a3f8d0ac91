import type { NodeId } from '../engine/types.ts';

/**
 * Which directed links are cut. A message on a cut link is dropped when it would arrive, so a
 * cut made while it is in flight still stops it.
 */
export class Links {
  private cut = new Set<string>();

  isCut(from: NodeId, to: NodeId): boolean {
    return this.cut.size > 0 && this.cut.has(key(from, to));
  }

  cutLink(from: NodeId, to: NodeId, oneWay: boolean): void {
    this.cut.add(key(from, to));
    if (!oneWay) this.cut.add(key(to, from));
  }

  restoreLink(from: NodeId, to: NodeId, oneWay: boolean): void {
    this.cut.delete(key(from, to));
    if (!oneWay) this.cut.delete(key(to, from));
  }

  /** Cut every link between nodes of different groups; nodes in no group are each alone. */
  partition(all: readonly NodeId[], groups: readonly (readonly NodeId[])[]): void {
    const groupOf = new Map<NodeId, number>();
    groups.forEach((g, i) => g.forEach((n) => groupOf.set(n, i)));
    this.cut.clear();
    for (const a of all) {
      for (const b of all) {
        if (a === b) continue;
        const ga = groupOf.get(a);
        const gb = groupOf.get(b);
        if (ga === undefined || gb === undefined || ga !== gb) this.cut.add(key(a, b));
      }
    }
  }

  /**
   * Wire `added` (a server just booted) as `like` is wired: cut from whoever `like` is cut from,
   * each way. A server added during a split is plugged in on the side of the leader that added it,
   * not joined to both sides across the gap.
   */
  wireLike(added: NodeId, like: NodeId, all: readonly NodeId[]): void {
    if (this.cut.size === 0) return;
    for (const x of all) {
      if (x === added || x === like) continue;
      if (this.cut.has(key(like, x))) this.cut.add(key(added, x));
      if (this.cut.has(key(x, like))) this.cut.add(key(x, added));
    }
  }

  heal(): void {
    this.cut.clear();
  }

  /** Cut links as [from, to] pairs, sorted, for snapshots and the view. */
  list(): [NodeId, NodeId][] {
    return [...this.cut].sort().map((k) => k.split('>') as [NodeId, NodeId]);
  }

  static from(pairs: readonly (readonly [NodeId, NodeId])[]): Links {
    const links = new Links();
    for (const [a, b] of pairs) links.cut.add(key(a, b));
    return links;
  }
}

function key(from: NodeId, to: NodeId): string {
  return `${from}>${to}`;
}
