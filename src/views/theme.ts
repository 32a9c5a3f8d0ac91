import type { Role } from '../engine/types.ts';
import type { MessageKind } from '../worker/protocol.ts';

/** One palette for the whole app; CSS variables in app.css carry the same values. */
export const ROLE_COLOR: Record<Role | 'crashed', string> = {
  follower: '#5b6b82',
  candidate: '#c77700',
  leader: '#4338ca',
  crashed: '#a8a29e',
};

export const ROLE_LABEL: Record<Role | 'crashed', string> = {
  follower: 'Follower',
  candidate: 'Candidate',
  leader: 'Leader',
  crashed: 'Crashed',
};

/** Terms cycle through calm, distinguishable hues; the number is always written too. */
// Each holds white text at 4.5:1 or better (WCAG AA), since committed entries are written on it.
const TERM_COLORS = ['#475569', '#1d4ed8', '#0f766e', '#a14a06', '#7e22ce', '#be185d', '#0e7490', '#4d7c0f', '#b91c1c', '#6d28d9'];

export function termColor(term: number): string {
  return TERM_COLORS[term % TERM_COLORS.length]!;
}

export interface MessageStyle {
  readonly label: string;
  readonly detail: string;
}

export const MESSAGE_STYLE: Record<MessageKind, MessageStyle> = {
  voteRequest: { label: 'Vote request', detail: 'RequestVote: "vote for me in term t"' },
  preVoteRequest: { label: 'PreVote probe', detail: 'Would you vote for me? (changes no term)' },
  voteGranted: { label: 'Vote granted', detail: 'RequestVote reply: yes' },
  voteDenied: { label: 'Vote denied', detail: 'RequestVote reply: no' },
  heartbeat: { label: 'Heartbeat', detail: 'AppendEntries with no entries' },
  append: { label: 'Entries', detail: 'AppendEntries carrying log entries' },
  heartbeatReply: { label: 'Heartbeat ack', detail: 'Reply to a heartbeat' },
  appendOk: { label: 'Append ok', detail: 'Reply: entries stored' },
  appendFail: { label: 'Append refused', detail: 'Reply: logs differ, back up' },
  timeoutNow: { label: 'TimeoutNow', detail: 'Leadership transfer: start an election now' },
};

export const MESSAGE_KINDS = Object.keys(MESSAGE_STYLE) as MessageKind[];
