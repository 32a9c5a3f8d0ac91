import type { MessageKind } from '../../worker/protocol.ts';

/** What a message is, as its sender's: "S3's vote for S1" (the feed says it the same way). */
const PHRASE: Readonly<Record<MessageKind, (to: string) => string>> = {
  voteRequest: (to) => `vote request to ${to}`,
  preVoteRequest: (to) => `PreVote request to ${to}`,
  voteGranted: (to) => `vote for ${to}`,
  voteDenied: (to) => `refusal to vote for ${to}`,
  heartbeat: (to) => `heartbeat to ${to}`,
  append: (to) => `AppendEntries to ${to}`,
  heartbeatReply: (to) => `heartbeat reply to ${to}`,
  appendOk: (to) => `acknowledgement to ${to}`,
  appendFail: (to) => `refusal of ${to}'s entries`,
  timeoutNow: (to) => `TimeoutNow to ${to}`,
};

export function flightWords(kind: MessageKind, from: string, to: string): string {
  return `${from}'s ${PHRASE[kind](to)}`;
}
