import { CowArray } from './cow.ts';
import type { EngineEvent } from '../engine/events.ts';
import type { RaftNode } from '../engine/node.ts';
import type { LogEntry, NodeId } from '../engine/types.ts';
import type { FigureThreeProperty } from './trace.ts';

export interface Violation {
  readonly property: FigureThreeProperty;
  readonly message: string;
  readonly nodes: readonly NodeId[];
  readonly term: number;
  readonly index: number;
}

/**
 * Live checks of the five properties of the Raft paper's Figure 3. The checker watches every
 * node after every step and reports each distinct violation once.
 *
 * Logs are compared by prefix hashes: entry i of a log hashes (term, writeId) of every entry up
 * to i, so "identical up to i" is one comparison. Two mixing lanes, 32 and 21 bits, folded into
 * one safe integer (53 bits), keep collisions negligible.
 */
export class InvariantChecker {
  /** Per node, prefix hashes parallel to its log. */
  private prefix = new Map<NodeId, CowArray<number>>();
  /** Log Matching: (index, term) -> prefix hash of the first log seen holding it. */
  private seen = new CowArray<ReadonlyMap<number, number>>();
  /** Election Safety: term -> its leader. */
  private leaders = new Map<number, NodeId>();
  /** Leader Append-Only: what each node held when it was last seen as leader. */
  private leaderLog = new Map<NodeId, { term: number; length: number; hash: number }>();
  /** Committed entries, by index: the prefix hash and the term in which it was first committed. */
  private committedHash = new CowArray<number>();
  private committedInTerm = new CowArray<number>();
  /** State Machine Safety: index -> the entry some server applied there. */
  private applied = new CowArray<number>();
  private reported = new Set<string>();

  /** Feed one node after it stepped. Returns the new violations (usually none). */
  observe(node: RaftNode, events: readonly EngineEvent[], logChangedFrom: number): Violation[] {
    const found: Violation[] = [];
    if (logChangedFrom !== Infinity) this.updateLog(node, logChangedFrom, found);
    for (const ev of events) {
      if (ev.type === 'role' && ev.role === 'leader') this.onLeader(node, found);
      else if (ev.type === 'commit') this.onCommit(node, ev.from, ev.to, found);
      else if (ev.type === 'apply') this.onApply(node, ev.index, found);
    }
    if (node.state.role === 'leader') this.checkAppendOnly(node, found);
    return found;
  }

  /**
   * A copy, for the simulator's snapshots. What grows with the log is shared until written
   * (CowArray), so a snapshot late in a long run costs little more than one early on.
   */
  clone(): InvariantChecker {
    const c = new InvariantChecker();
    for (const [k, v] of this.prefix) c.prefix.set(k, v.clone());
    c.seen = this.seen.clone();
    c.leaders = new Map(this.leaders);
    c.leaderLog = new Map(this.leaderLog);
    c.committedHash = this.committedHash.clone();
    c.committedInTerm = this.committedInTerm.clone();
    c.applied = this.applied.clone();
    c.reported = new Set(this.reported);
    return c;
  }

  /** A node that crashes keeps its log but loses its leadership. */
  forgetLeader(node: NodeId): void {
    this.leaderLog.delete(node);
  }

  private report(found: Violation[], key: string, v: Violation): void {
    if (this.reported.has(key)) return;
    this.reported.add(key);
    found.push(v);
  }

  private updateLog(node: RaftNode, from: number, found: Violation[]): void {
    let hashes = this.prefix.get(node.id);
    if (!hashes) {
      hashes = new CowArray<number>();
      this.prefix.set(node.id, hashes);
    }
    hashes.truncate(Math.min(hashes.length, from - 1, node.log.length));
    for (let i = hashes.length + 1; i <= node.log.length; i++) {
      const entry = node.log[i - 1]!;
      const h = chain(i === 1 ? 0 : hashes.get(i - 2)!, entry);
      hashes.push(h);
      // Log Matching: same index and term means the same log up to there, in every log ever seen.
      // The maps are never changed once stored (copies may share them): a new term makes a new one.
      const byTerm = this.seen.get(i);
      const other = byTerm?.get(entry.term);
      if (other === undefined) this.seen.set(i, new Map(byTerm).set(entry.term, h));
      else if (other !== h) {
        this.report(found, `LM:${i}:${entry.term}`, {
          property: 'LogMatching',
          message: `${node.id} holds an entry at index ${i} in term ${entry.term} that another log also holds, but the logs before it differ`,
          nodes: [node.id],
          term: entry.term,
          index: i,
        });
      }
    }
  }

  private onLeader(node: RaftNode, found: Violation[]): void {
    const term = node.currentTerm;
    const other = this.leaders.get(term);
    if (other !== undefined && other !== node.id) {
      this.report(found, `ES:${term}`, {
        property: 'ElectionSafety',
        message: `${node.id} and ${other} were both elected leader in term ${term}`,
        nodes: [other, node.id],
        term,
        index: 0,
      });
    } else {
      this.leaders.set(term, node.id);
    }
    // Leader Completeness: the new leader must hold every entry committed in an earlier term.
    let last = this.committedHash.length;
    while (last > 0 && (this.committedInTerm.get(last - 1) ?? 0) >= term) last--;
    if (last > 0) {
      const hashes = this.prefix.get(node.id);
      if (hashes?.get(last - 1) !== this.committedHash.get(last - 1)) {
        this.report(found, `LC:${term}:${node.id}`, {
          property: 'LeaderCompleteness',
          message: `${node.id} became leader of term ${term} without every committed entry (up to index ${last})`,
          nodes: [node.id],
          term,
          index: last,
        });
      }
    }
    this.leaderLog.delete(node.id);
  }

  private checkAppendOnly(node: RaftNode, found: Violation[]): void {
    const hashes = this.prefix.get(node.id);
    const prev = this.leaderLog.get(node.id);
    if (prev && prev.term === node.currentTerm && prev.length > 0) {
      if (node.log.length < prev.length || hashes?.get(prev.length - 1) !== prev.hash) {
        this.report(found, `LAO:${node.id}:${node.currentTerm}`, {
          property: 'LeaderAppendOnly',
          message: `${node.id}, leader of term ${node.currentTerm}, overwrote or deleted entries of its own log`,
          nodes: [node.id],
          term: node.currentTerm,
          index: prev.length,
        });
      }
    }
    const length = node.log.length;
    this.leaderLog.set(node.id, { term: node.currentTerm, length, hash: length > 0 ? hashes!.get(length - 1)! : 0 });
  }

  private onCommit(node: RaftNode, from: number, upTo: number, found: Violation[]): void {
    const hashes = this.prefix.get(node.id);
    // Entries up to `from` were checked when this node committed them.
    for (let i = from + 1; i <= upTo; i++) {
      const h = hashes?.get(i - 1);
      if (h === undefined) break;
      const known = this.committedHash.get(i - 1);
      if (known === undefined) {
        this.committedHash.set(i - 1, h);
        this.committedInTerm.set(i - 1, node.currentTerm);
      } else if (known !== h) {
        this.report(found, `SMS-c:${i}`, {
          property: 'StateMachineSafety',
          message: `${node.id} committed a different entry at index ${i} than was committed there before`,
          nodes: [node.id],
          term: node.log[i - 1]?.term ?? 0,
          index: i,
        });
        return;
      }
    }
  }

  private onApply(node: RaftNode, index: number, found: Violation[]): void {
    const entry = node.log[index - 1];
    if (!entry) return;
    const id = entryId(entry);
    const known = this.applied.get(index - 1);
    if (known === undefined) this.applied.set(index - 1, id);
    else if (known !== id) {
      this.report(found, `SMS:${index}`, {
        property: 'StateMachineSafety',
        message: `${node.id} applied a different entry at index ${index} than another server did`,
        nodes: [node.id],
        term: entry.term,
        index,
      });
    }
  }
}

function entryId(entry: LogEntry): number {
  return (Math.imul(entry.term, 0x9e3779b1) ^ Math.imul(entry.writeId + 1, 0x85ebca6b)) >>> 0;
}

function chain(prev: number, entry: LogEntry): number {
  // Two mixing lanes folded into one safe integer (< 2^53) per prefix.
  const lo = prev % 0x100000000;
  const hi = Math.floor(prev / 0x100000000);
  const a = mix(lo ^ entry.term, entry.writeId + 0x27d4eb2f);
  const b = mix(hi ^ (entry.writeId * 31 + 7), entry.term + 0x165667b1) & 0x1fffff;
  return b * 0x100000000 + a;
}

function mix(x: number, y: number): number {
  let h = Math.imul(x ^ y, 0xcc9e2d51) >>> 0;
  h = Math.imul((h << 15) | (h >>> 17), 0x1b873593) >>> 0;
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}
