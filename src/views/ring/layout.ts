import { scaleLinear } from 'd3';
import type { NodeId } from '../../engine/types.ts';

export const VIEW_W = 960;
export const VIEW_H = 640;
export const NODE_R = 38;
/** Where a server's log strip starts, below its centre: under its role and vote lines. */
export const STRIP_Y = NODE_R + 56;
const CX = VIEW_W / 2;
// Above the middle: under each server hang its labels and its log strip, above it only its icon.
const CY = 286;

export interface Point {
  readonly x: number;
  readonly y: number;
}

export interface RingLayout {
  readonly positions: ReadonlyMap<NodeId, Point>;
  /** The x of the partition gap when the cluster is split in two, else null. */
  readonly gapX: number | null;
  /** Each island's centre and members, for captions. */
  readonly islands: readonly { readonly members: readonly NodeId[]; readonly center: Point; readonly radius: number }[];
}

/** Radius of a ring holding n nodes without overlap. */
function ringRadius(n: number, max: number, roomy: number): number {
  if (n <= 1) return 0;
  const needed = (NODE_R * 2 + 70) / (2 * Math.sin(Math.PI / n));
  return Math.min(max, Math.max(needed, n === 2 ? 90 : roomy));
}

function placeRing(members: readonly NodeId[], center: Point, radius: number, out: Map<NodeId, Point>): void {
  // S1 at the top, clockwise, as on a clock face.
  const angle = scaleLinear()
    .domain([0, members.length])
    .range([-Math.PI / 2, (3 * Math.PI) / 2]);
  members.forEach((id, i) => {
    const a = angle(i);
    out.set(id, { x: center.x + radius * Math.cos(a), y: center.y + radius * Math.sin(a) });
  });
}

export function layoutRing(ids: readonly NodeId[], islands: readonly (readonly NodeId[])[]): RingLayout {
  const positions = new Map<NodeId, Point>();
  if (islands.length <= 1) {
    const radius = ringRadius(ids.length, 205, 200);
    const center = { x: CX, y: CY };
    placeRing(ids, center, radius, positions);
    return { positions, gapX: null, islands: [{ members: ids, center, radius }] };
  }
  // Islands side by side across the width, each on its own small ring.
  const slot = scaleLinear()
    .domain([0, islands.length])
    .range([40, VIEW_W - 40]);
  const width = (VIEW_W - 80) / islands.length;
  const placed = islands.map((members, i) => {
    const center = { x: (slot(i) + slot(i + 1)) / 2, y: CY + 10 };
    const radius = ringRadius(members.length, Math.min(width / 2 - NODE_R - 36, 200), 115);
    placeRing(members, center, radius, positions);
    return { members, center, radius };
  });
  return { positions, gapX: islands.length === 2 ? slot(1) : null, islands: placed };
}
