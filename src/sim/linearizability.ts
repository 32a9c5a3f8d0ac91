/*
 * A linearizability checker for a history of reads and writes on registers (one register per key).
 *
 * A history is linearizable if every operation can be given a single instant between its call and
 * its return such that, taken in that order, the operations are what one atomic register would
 * have done: each read returns the value of the latest write before it (or null, nothing written).
 *
 * The search is Wing and Gong's: build a linearization one operation at a time, only ever choosing
 * an operation that no remaining operation precedes in real time (a "minimal" one), and backtrack
 * when a read does not match. Lowe's improvement keeps it from being exponential on ordinary
 * histories: two partial linearizations that placed the same set of operations and left the
 * register holding the same value have the same future, so each (set, value) is explored once.
 * Keys are checked one at a time: linearizability is local (Herlihy and Wing), so a history is
 * linearizable exactly when its history on each key is.
 *
 * A write that was never acknowledged may have taken effect at any moment after its call, or
 * never: it is given an infinite return time (it precedes nothing) and the search may end without
 * placing it. A read that never returned tells nothing and is left out.
 *
 * Pure and deterministic: the same history gives the same answer, and the work is capped (a count
 * of loop steps, not a clock), so a huge or hostile history ends in "too long to check" instead of
 * freezing the worker that runs it.
 */

export type RegisterOp =
  | {
      readonly id: number;
      readonly kind: 'write';
      readonly key: string;
      readonly value: string;
      readonly call: number;
      /** When it was acknowledged; null: never (it may have taken effect, or not). */
      readonly ret: number | null;
    }
  | {
      readonly id: number;
      readonly kind: 'read';
      readonly key: string;
      /** The value it returned; null: the key had never been written. */
      readonly value: string | null;
      readonly call: number;
      /** When it returned; null: it never did (and so tells nothing). */
      readonly ret: number | null;
    };

export type KeyVerdict =
  | {
      readonly key: string;
      readonly kind: 'linearizable';
      /** One order the operations can have taken effect in (ids; unacknowledged writes left out may be missing). */
      readonly order: readonly number[];
    }
  | {
      readonly key: string;
      readonly kind: 'notLinearizable';
      /**
       * The operation that cannot be placed: in the longest linearization the search could build,
       * the one that had to come next (the earliest to return among those left) and fits nowhere.
       */
      readonly culprits: readonly number[];
      /** That longest linearization (ids), for explaining what the register held. */
      readonly placed: readonly number[];
    }
  | { readonly key: string; readonly kind: 'tooLong' };

export interface LinearizabilityResult {
  /** notLinearizable if any key is; else tooLong if any key could not be finished; else linearizable. */
  readonly kind: 'linearizable' | 'notLinearizable' | 'tooLong' | 'invalid';
  /** One verdict per key, keys in sorted order (empty for an invalid history). */
  readonly keys: readonly KeyVerdict[];
  /** Every culprit on every key, by id. */
  readonly culprits: readonly number[];
  /** For `invalid`: what is wrong with the history, in plain words. */
  readonly problem: string | null;
  /** Work done, in the unit of the cap. */
  readonly work: number;
}

/**
 * The default cap on work (steps over operations, plus characters of memo keys built). Twenty
 * thousand overlapping writes on one key take under a tenth of it; reaching it takes about a
 * tenth of a second on an ordinary machine.
 */
export const DEFAULT_WORK_CAP = 4_000_000;

interface Entry {
  readonly id: number;
  readonly index: number;
  readonly write: boolean;
  readonly value: string | null;
  readonly call: number;
  /** Infinity for an unacknowledged write. */
  readonly ret: number;
  readonly mustPlace: boolean;
}

interface Frame {
  /** The placed operations from `first` on, as bits (bit 0 is the operation at `first`). */
  readonly rest: bigint;
  readonly state: string | null;
  /** Index (in call order) of the first operation not yet placed. */
  readonly first: number;
  readonly placedCount: number;
  readonly candidates: readonly Entry[];
  next: number;
  /** The entry placed to reach this frame, and the frame it was placed from (null for the root). */
  readonly via: Entry | null;
  readonly parent: Frame | null;
}

/** The entries placed on the way to `frame`, in the order they were placed. */
function pathOf(frame: Frame): Entry[] {
  const path: Entry[] = [];
  for (let f: Frame | null = frame; f !== null; f = f.parent) if (f.via) path.push(f.via);
  return path.reverse();
}

/** Sorted by call, then by id so the search is the same on every run. */
function entriesOf(ops: readonly RegisterOp[]): Entry[] {
  const kept = ops.filter((op) => op.kind === 'write' || op.ret !== null);
  kept.sort((a, b) => a.call - b.call || a.id - b.id);
  return kept.map((op, index) => ({
    id: op.id,
    index,
    write: op.kind === 'write',
    value: op.value,
    call: op.call,
    ret: op.ret ?? Infinity,
    mustPlace: op.ret !== null,
  }));
}

function problemOf(ops: readonly RegisterOp[]): string | null {
  const ids = new Set<number>();
  for (const op of ops) {
    if (!Number.isFinite(op.call)) return `operation ${op.id} has no valid call time`;
    if (op.ret !== null && !(Number.isFinite(op.ret) && op.ret >= op.call)) return `operation ${op.id} returns before it is called`;
    if (ids.has(op.id)) return `two operations have the id ${op.id}`;
    ids.add(op.id);
  }
  return null;
}

interface Budget {
  left: number;
}

function checkKey(key: string, ops: readonly RegisterOp[], budget: Budget): KeyVerdict {
  const entries = entriesOf(ops);
  const mustPlace = entries.filter((e) => e.mustPlace).length;
  const seen = new Set<string>();
  // The placed operations of the frame on top, as flags, so that a scan costs one step an operation.
  const placedNow = new Uint8Array(entries.length);
  let best: Frame | null = null;

  /** A frame for the placed set `placedNow`, whose first unplaced operation is `first`. */
  const frameAt = (
    rest: bigint,
    state: string | null,
    first: number,
    placedCount: number,
    via: Entry | null,
    parent: Frame | null,
  ): Frame => {
    // The minimal operations: scanning in call order, nothing called after the earliest return
    // among the unplaced can be minimal (its return is later still), so the scan stops there.
    let minRet = Infinity;
    const unplaced: Entry[] = [];
    for (let i = first; i < entries.length; i++) {
      const e = entries[i];
      budget.left--;
      if (e === undefined || e.call > minRet) break;
      if (placedNow[i] === 1) continue;
      unplaced.push(e);
      if (e.ret < minRet) minRet = e.ret;
    }
    // An operation precedes another only if it returned strictly before the other was called.
    const candidates = unplaced.filter((e) => e.call <= minRet);
    return { rest, state, first, placedCount, candidates, next: 0, via, parent };
  };

  const stack: Frame[] = [frameAt(0n, null, 0, 0, null, null)];
  while (stack.length > 0) {
    if (budget.left <= 0) return { key, kind: 'tooLong' };
    const top = stack[stack.length - 1];
    if (top === undefined) break;
    if (top.placedCount === mustPlace) {
      return { key, kind: 'linearizable', order: pathOf(top).map((e) => e.id) };
    }
    if (best === null || top.placedCount > best.placedCount) best = top;
    if (top.next >= top.candidates.length) {
      stack.pop();
      if (top.via) placedNow[top.via.index] = 0;
      continue;
    }
    const e = top.candidates[top.next++];
    budget.left--;
    if (e === undefined) continue;
    if (!e.write && e.value !== top.state) continue;
    const state = e.write ? e.value : top.state;
    // Everything before `first` is placed, so the set is `first` and the bits after it: short
    // while the search is near the front of the history, as it is on ordinary histories.
    placedNow[e.index] = 1;
    let first = top.first;
    while (first < entries.length && placedNow[first] === 1) first++;
    budget.left -= first - top.first;
    const rest = (top.rest | (1n << BigInt(e.index - top.first))) >> BigInt(first - top.first);
    const memo = `${first}:${rest.toString(36)}|${state === null ? '-' : `=${state}`}`;
    budget.left -= memo.length;
    if (seen.has(memo)) {
      placedNow[e.index] = 0;
      continue;
    }
    seen.add(memo);
    stack.push(frameAt(rest, state, first, top.placedCount + (e.mustPlace ? 1 : 0), e, top));
  }

  // Not linearizable: name the operation the longest partial linearization could not go past.
  const path = best ? pathOf(best) : [];
  const placed = new Set(path.map((e) => e.index));
  let culprit: Entry | null = null;
  for (const e of entries) {
    if (!e.mustPlace || placed.has(e.index)) continue;
    if (culprit === null || e.ret < culprit.ret) culprit = e;
  }
  return {
    key,
    kind: 'notLinearizable',
    culprits: culprit ? [culprit.id] : [],
    placed: path.map((e) => e.id),
  };
}

/** Checks a history of reads and writes, key by key, within `workCap` steps of work. */
export function checkLinearizable(ops: readonly RegisterOp[], workCap: number = DEFAULT_WORK_CAP): LinearizabilityResult {
  const problem = problemOf(ops);
  if (problem !== null) return { kind: 'invalid', keys: [], culprits: [], problem, work: 0 };
  const byKey = new Map<string, RegisterOp[]>();
  for (const op of ops) {
    const list = byKey.get(op.key);
    if (list) list.push(op);
    else byKey.set(op.key, [op]);
  }
  // Smaller keys first, so a huge key spends the cap after the others have been checked.
  const keys = [...byKey.keys()].sort((a, b) => byKey.get(a)!.length - byKey.get(b)!.length || (a < b ? -1 : a > b ? 1 : 0));
  const budget: Budget = { left: workCap };
  const verdicts = keys.map((key) => (budget.left > 0 ? checkKey(key, byKey.get(key)!, budget) : { key, kind: 'tooLong' as const }));
  verdicts.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const culprits = verdicts.flatMap((v) => (v.kind === 'notLinearizable' ? v.culprits : []));
  const kind = verdicts.some((v) => v.kind === 'notLinearizable')
    ? 'notLinearizable'
    : verdicts.some((v) => v.kind === 'tooLong')
      ? 'tooLong'
      : 'linearizable';
  return { kind, keys: verdicts, culprits, problem: null, work: Math.min(workCap, workCap - budget.left) };
}
