import type { Rpc } from '../engine/types.ts';
import type { MessageKind } from './protocol.ts';

/** What a message looks like, decided when it is sent (replies need to know what they answer). */
export interface FlightMeta {
  readonly kind: MessageKind;
  readonly term: number;
  readonly entries: number;
}

/** The on-screen kind of a message; a successful AppendEntries reply mirrors what it answers. */
export function classify(rpc: Rpc, replyTo: MessageKind | null): FlightMeta {
  switch (rpc.type) {
    case 'RequestVote':
      return { kind: rpc.preVote ? 'preVoteRequest' : 'voteRequest', term: rpc.term, entries: 0 };
    case 'RequestVoteReply':
      return { kind: rpc.voteGranted ? 'voteGranted' : 'voteDenied', term: rpc.term, entries: 0 };
    case 'AppendEntries':
      return { kind: rpc.entries.length > 0 ? 'append' : 'heartbeat', term: rpc.term, entries: rpc.entries.length };
    case 'AppendEntriesReply':
      if (!rpc.success) return { kind: 'appendFail', term: rpc.term, entries: 0 };
      return { kind: replyTo === 'heartbeat' ? 'heartbeatReply' : 'appendOk', term: rpc.term, entries: 0 };
    case 'TimeoutNow':
      return { kind: 'timeoutNow', term: rpc.term, entries: 0 };
  }
}
