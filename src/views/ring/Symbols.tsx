import { MESSAGE_KINDS } from '../theme.ts';
import type { MessageKind } from '../../worker/protocol.ts';

/** The SVG id of a message kind's shape, shared by the ring and the legend. */
export const symbolId = (kind: MessageKind): string => `msg-${kind}`;

const GREEN = '#15803d';
const RED = '#c2410c';
const AMBER = '#c77700';
const INDIGO = '#4338ca';

/** Each kind differs in shape as well as colour, so nothing depends on colour alone. */
function Shape({ kind }: { kind: MessageKind }) {
  switch (kind) {
    case 'voteRequest':
      return <path d="M0 -11 L11 0 L0 11 L-11 0 Z" fill={AMBER} stroke="#fff" strokeWidth="2" />;
    case 'preVoteRequest':
      return <path d="M0 -10 L10 0 L0 10 L-10 0 Z" fill="#fff" stroke={AMBER} strokeWidth="3" strokeDasharray="3 2" />;
    case 'voteGranted':
      return (
        <g>
          <circle r="10" fill={GREEN} stroke="#fff" strokeWidth="2" />
          <path d="M-4.5 0.5 L-1.2 3.8 L4.8 -3.2" fill="none" stroke="#fff" strokeWidth="2.4" strokeLinecap="round" strokeLinejoin="round" />
        </g>
      );
    case 'voteDenied':
      return (
        <g>
          <circle r="10" fill={RED} stroke="#fff" strokeWidth="2" />
          <path d="M-3.8 -3.8 L3.8 3.8 M3.8 -3.8 L-3.8 3.8" stroke="#fff" strokeWidth="2.4" strokeLinecap="round" />
        </g>
      );
    case 'heartbeat':
      return <circle r="7" fill="#fff" stroke={INDIGO} strokeWidth="3.5" />;
    case 'append':
      return (
        <g>
          <rect x="-12" y="-8.5" width="24" height="17" rx="3" fill={INDIGO} stroke="#fff" strokeWidth="2" />
          <path d="M-8 -3 H8 M-8 2 H4" stroke="#fff" strokeWidth="1.8" strokeLinecap="round" />
        </g>
      );
    case 'heartbeatReply':
      return <circle r="4.5" fill="#7c8aa0" stroke="#fff" strokeWidth="1.5" />;
    case 'appendOk':
      return (
        <g>
          <rect x="-8" y="-8" width="16" height="16" rx="2" fill={GREEN} stroke="#fff" strokeWidth="2" />
          <path d="M-3.5 0.5 L-1 3 L3.8 -2.6" fill="none" stroke="#fff" strokeWidth="2" strokeLinecap="round" />
        </g>
      );
    case 'appendFail':
      return (
        <g>
          <rect x="-8" y="-8" width="16" height="16" rx="2" fill={RED} stroke="#fff" strokeWidth="2" />
          <path d="M-3 -3 L3 3 M3 -3 L-3 3" stroke="#fff" strokeWidth="2" strokeLinecap="round" />
        </g>
      );
  }
}

/** A hidden sprite of every message shape, referenced with <use href="#msg-...">. */
export function Symbols() {
  return (
    <svg width="0" height="0" style={{ position: 'absolute' }} aria-hidden="true" focusable="false">
      <defs>
        {MESSAGE_KINDS.map((kind) => (
          <symbol key={kind} id={symbolId(kind)} viewBox="-14 -14 28 28" width="28" height="28" x="-14" y="-14" overflow="visible">
            <Shape kind={kind} />
          </symbol>
        ))}
        <symbol id="msg-burst" viewBox="-14 -14 28 28" width="28" height="28" x="-14" y="-14" overflow="visible">
          <path d="M-7 -7 L7 7 M7 -7 L-7 7" stroke={RED} strokeWidth="3" strokeLinecap="round" />
        </symbol>
      </defs>
    </svg>
  );
}
