import { motionValue, type MotionValue } from 'motion/react';
import type { NodeId } from '../../engine/types.ts';

/**
 * Where each node is drawn right now, as motion values: nodes glide between layouts, and the
 * message and link layers read the same values every frame so they follow the glide.
 */
export interface NodePosition {
  readonly x: MotionValue<number>;
  readonly y: MotionValue<number>;
}

const positions = new Map<NodeId, NodePosition>();

/** Bumped whenever any node moves, so per-frame drawing can skip work while nothing moves. */
export const layoutVersion = { value: 0 };
const bump = () => {
  layoutVersion.value++;
};

export function positionOf(id: NodeId, x = 0, y = 0): NodePosition {
  let p = positions.get(id);
  if (!p) {
    p = { x: motionValue(x), y: motionValue(y) };
    p.x.on('change', bump);
    p.y.on('change', bump);
    positions.set(id, p);
  }
  return p;
}

export function peekPosition(id: NodeId): NodePosition | undefined {
  return positions.get(id);
}

/** Shared with the message layer: the x of the partition gap, or null. */
export const partitionGap: { x: number | null } = { x: null };
