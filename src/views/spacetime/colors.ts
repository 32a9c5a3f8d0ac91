import type { MessageKind } from '../../worker/protocol.ts';

/** The ring's message colours, for arrows (the ring draws shapes; arrows only need a hue). */
export function kindColor(kind: MessageKind): string {
  switch (kind) {
    case 'voteRequest':
    case 'preVoteRequest':
      return '#c77700';
    case 'voteGranted':
    case 'appendOk':
      return '#15803d';
    case 'voteDenied':
    case 'appendFail':
      return '#c2410c';
    case 'heartbeat':
    case 'append':
      return '#4338ca';
    case 'heartbeatReply':
      return '#7c8aa0';
    case 'timeoutNow':
      return '#7e22ce';
  }
}
