import type { MessageKind } from '../../worker/protocol.ts';
import { MESSAGE_KINDS } from '../theme.ts';
import { BURST, MESSAGE_SHAPES, type ShapePart } from './messageShapes.ts';

/** The SVG id of a message kind's shape, for the legend. */
export const symbolId = (kind: MessageKind): string => `msg-${kind}`;

function Parts({ parts }: { parts: readonly ShapePart[] }) {
  return (
    <>
      {parts.map((p, i) => (
        <path
          key={i}
          d={p.d}
          fill={p.fill ?? 'none'}
          stroke={p.stroke ?? 'none'}
          strokeWidth={p.width ?? 0}
          strokeDasharray={p.dash?.join(' ')}
          strokeLinecap="round"
          strokeLinejoin="round"
        />
      ))}
    </>
  );
}

/** A hidden sprite of every message shape, referenced with <use href="#msg-..."> by the legend. */
export function Symbols() {
  return (
    <svg width="0" height="0" style={{ position: 'absolute' }} aria-hidden="true" focusable="false">
      <defs>
        {MESSAGE_KINDS.map((kind) => (
          <symbol key={kind} id={symbolId(kind)} viewBox="-14 -14 28 28" width="28" height="28" x="-14" y="-14" overflow="visible">
            <Parts parts={MESSAGE_SHAPES[kind]} />
          </symbol>
        ))}
        <symbol id="msg-burst" viewBox="-14 -14 28 28" width="28" height="28" x="-14" y="-14" overflow="visible">
          <Parts parts={BURST} />
        </symbol>
      </defs>
    </svg>
  );
}
