import type { NodeId, Role } from '../engine/types.ts';
import type { DropReason } from '../sim/trace.ts';
import { eachNotable, firstIndexAtOrAfter, type EventLog } from '../sim/eventLog.ts';
import { classify } from './classify.ts';
import type { Marker, MessageKind, SpaceTimeMessage } from './protocol.ts';

/**
 * The timeline's marks, from the recorded trace. Commits are marked only when a leader commits,
 * elections only when they start a real (not PreVote) round, so a long run stays readable.
 *
 * Incremental use: pass the same `roles` map again with `from` = the number of events already
 * marked, and only the new events are read (the worker marks a growing run frame by frame).
 */
export function markersOf(events: EventLog, roles = new Map<NodeId, Role>(), from = 0): Marker[] {
  const marks: Marker[] = [];
  // Marks come from notable events only: a long run's timeline keeps those at hand.
  eachNotable(events, from, events.length, (e) => {
    switch (e.type) {
      case 'role':
        roles.set(e.node, e.role);
        if (e.role === 'leader') marks.push({ t: e.t, kind: 'leader', label: `${e.node} leads term ${e.term}` });
        break;
      case 'electionTimeout':
        if (!e.preVote) marks.push({ t: e.t, kind: 'election', label: `${e.node} starts term ${e.term}` });
        break;
      case 'crash':
        marks.push({ t: e.t, kind: 'crash', label: `${e.node} crashed` });
        break;
      case 'restart':
        marks.push({ t: e.t, kind: 'restart', label: `${e.node} restarted` });
        break;
      case 'partition':
        marks.push({ t: e.t, kind: 'partition', label: `split ${e.groups.map((g) => g.join(' ')).join(' | ')}` });
        break;
      case 'cut':
        marks.push({ t: e.t, kind: 'partition', label: `link ${e.from}${e.oneWay ? '→' : '↔'}${e.to} cut` });
        break;
      case 'heal':
        marks.push({ t: e.t, kind: 'heal', label: 'network healed' });
        break;
      case 'commit':
        if (roles.get(e.node) === 'leader') marks.push({ t: e.t, kind: 'commit', label: `${e.node} commits up to ${e.to}` });
        break;
      case 'violation':
        marks.push({ t: e.t, kind: 'violation', label: `${e.property} broken` });
        break;
      case 'staleRead':
        marks.push({
          t: e.t,
          kind: 'staleRead',
          label: `stale read: ${e.node} answered ${e.key}=${e.value ?? '(unset)'} after ${e.key}=${e.newerValue}`,
        });
        break;
      default:
        break;
    }
  });
  return marks;
}

/**
 * Messages sent in [t0, t1] (plus those sent up to `lookback` earlier that were still on the
 * wire at t0), with their fate as recorded. `events` must be in time order.
 */
export function messagesBetween(events: EventLog, t0: number, t1: number, lookback: number): SpaceTimeMessage[] {
  // The first event at or after t0 - lookback (by time: the log answers without rebuilding much).
  const start = firstIndexAtOrAfter(events, t0 - lookback);
  const open = new Map<number, { from: NodeId; to: NodeId; kind: MessageKind; sentAt: number; deliverAt: number }>();
  const fate = new Map<number, { endAt: number; dropped: DropReason | null }>();
  // A reply's look depends on what it answers: remember the delivery being processed.
  let delivering: { from: NodeId; to: NodeId; kind: MessageKind } | null = null;
  const order: number[] = [];
  // Every message's fate is decided by its delivery time, so reading stops once the last message
  // sent in the window is due: a window early in a long run costs only its own events.
  let last = t1;
  for (let i = start; i < events.length; i++) {
    const e = events.at(i)!;
    if (e.t > last) break;
    if (e.t > t1 && e.type === 'send') continue;
    switch (e.type) {
      case 'send': {
        const replyTo = delivering && delivering.to === e.from && delivering.from === e.to ? delivering.kind : null;
        if (e.deliverAt > last) last = e.deliverAt;
        open.set(e.id, { from: e.from, to: e.to, kind: classify(e.rpc, replyTo).kind, sentAt: e.t, deliverAt: e.deliverAt });
        order.push(e.id);
        break;
      }
      case 'deliver': {
        const m = open.get(e.id);
        delivering = m ? { from: e.from, to: e.to, kind: m.kind } : null;
        fate.set(e.id, { endAt: e.t, dropped: null });
        break;
      }
      case 'drop':
        delivering = null;
        fate.set(e.id, { endAt: e.t, dropped: e.reason });
        break;
      case 'messageAction': {
        // A release or delay moves the arrival on; a copy looks like what it copies.
        delivering = null;
        const m = open.get(e.action.message);
        if (!m || !e.done) break;
        if (e.copy !== null) {
          const c = open.get(e.copy);
          if (c) c.kind = m.kind;
        } else if (e.deliverAt !== null) {
          m.deliverAt = e.deliverAt;
          if (e.deliverAt > last) last = e.deliverAt;
        }
        break;
      }
      default:
        delivering = null;
    }
  }
  const out: SpaceTimeMessage[] = [];
  for (const id of order) {
    const m = open.get(id)!;
    const f = fate.get(id);
    const endAt = f ? f.endAt : null;
    if ((endAt ?? m.deliverAt) < t0 || m.sentAt > t1) continue;
    out.push({ id, ...m, endAt, dropped: f ? f.dropped : null, held: false, leg: null });
  }
  return out;
}
