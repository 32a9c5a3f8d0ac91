import type { MessageKind } from '../../worker/protocol.ts';

/**
 * Every message shape as path data, drawn by the canvas on the ring and by SVG in the legend,
 * so the two can never disagree. Each kind differs in shape as well as colour.
 */
export interface ShapePart {
  readonly d: string;
  readonly fill?: string;
  readonly stroke?: string;
  readonly width?: number;
  readonly dash?: readonly number[];
}

const GREEN = '#15803d';
const RED = '#c2410c';
const AMBER = '#c77700';
const INDIGO = '#4338ca';
const PURPLE = '#7e22ce';
const WHITE = '#ffffff';

const circle = (r: number): string => `M${-r} 0 A${r} ${r} 0 1 0 ${r} 0 A${r} ${r} 0 1 0 ${-r} 0 Z`;
const rect = (w: number, h: number, r: number): string => {
  const x = -w / 2,
    y = -h / 2;
  return `M${x + r} ${y} H${x + w - r} Q${x + w} ${y} ${x + w} ${y + r} V${y + h - r} Q${x + w} ${y + h} ${x + w - r} ${y + h} H${x + r} Q${x} ${y + h} ${x} ${y + h - r} V${y + r} Q${x} ${y} ${x + r} ${y} Z`;
};
const CROSS = (s: number) => `M${-s} ${-s} L${s} ${s} M${s} ${-s} L${-s} ${s}`;

export const MESSAGE_SHAPES: Record<MessageKind, readonly ShapePart[]> = {
  voteRequest: [{ d: 'M0 -11 L11 0 L0 11 L-11 0 Z', fill: AMBER, stroke: WHITE, width: 2 }],
  preVoteRequest: [{ d: 'M0 -10 L10 0 L0 10 L-10 0 Z', fill: WHITE, stroke: AMBER, width: 3, dash: [3, 2] }],
  voteGranted: [
    { d: circle(10), fill: GREEN, stroke: WHITE, width: 2 },
    { d: 'M-4.5 0.5 L-1.2 3.8 L4.8 -3.2', stroke: WHITE, width: 2.4 },
  ],
  voteDenied: [
    { d: circle(10), fill: RED, stroke: WHITE, width: 2 },
    { d: CROSS(3.8), stroke: WHITE, width: 2.4 },
  ],
  heartbeat: [{ d: circle(7), fill: WHITE, stroke: INDIGO, width: 3.5 }],
  append: [
    { d: rect(24, 17, 3), fill: INDIGO, stroke: WHITE, width: 2 },
    { d: 'M-8 -3 H8 M-8 2 H4', stroke: WHITE, width: 1.8 },
  ],
  heartbeatReply: [{ d: circle(4.5), fill: '#7c8aa0', stroke: WHITE, width: 1.5 }],
  appendOk: [
    { d: rect(16, 16, 2), fill: GREEN, stroke: WHITE, width: 2 },
    { d: 'M-3.5 0.5 L-1 3 L3.8 -2.6', stroke: WHITE, width: 2 },
  ],
  appendFail: [
    { d: rect(16, 16, 2), fill: RED, stroke: WHITE, width: 2 },
    { d: CROSS(3), stroke: WHITE, width: 2 },
  ],
  // A lightning bolt: "start your election now".
  timeoutNow: [{ d: 'M3 -12 L-8 2 L-1 2 L-4 12 L8 -3 L1 -3 Z', fill: PURPLE, stroke: WHITE, width: 2 }],
};

/** Where a message died at a partition: a red cross. */
export const BURST: readonly ShapePart[] = [{ d: CROSS(7), stroke: RED, width: 3 }];
