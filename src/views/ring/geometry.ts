import { createContext, useContext } from 'react';
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

/** The ring's drawing state shared by its layers (glyphs, canvas, links, callouts, highlights). */
export interface RingGeometry {
  /** The node's position, made at (x, y) the first time it is asked for. */
  positionOf(id: NodeId, x?: number, y?: number): NodePosition;
  peekPosition(id: NodeId): NodePosition | undefined;
  /** True while any node glides between layouts (a split, a heal, a change of view). */
  gliding(): boolean;
  /** Bumped whenever any node moves, so per-frame drawing can skip work while nothing moves. */
  readonly layoutVersion: { value: number };
  /** The x of the partition gap, or null: the ring sets it, the message layers read it. */
  readonly partitionGap: { x: number | null };
}

export function createRingGeometry(): RingGeometry {
  const positions = new Map<NodeId, NodePosition>();
  const layoutVersion = { value: 0 };
  const bump = () => {
    layoutVersion.value++;
  };
  return {
    positionOf(id, x = 0, y = 0) {
      let p = positions.get(id);
      if (!p) {
        p = { x: motionValue(x), y: motionValue(y) };
        p.x.on('change', bump);
        p.y.on('change', bump);
        positions.set(id, p);
      }
      return p;
    },
    peekPosition: (id) => positions.get(id),
    gliding: () => [...positions.values()].some((p) => p.x.isAnimating() || p.y.isAnimating()),
    layoutVersion,
    partitionGap: { x: null },
  };
}

export const RingGeometryContext = createContext<RingGeometry | null>(null);

export function useRingGeometry(): RingGeometry {
  const geometry = useContext(RingGeometryContext);
  if (!geometry) throw new Error('A ring layer was rendered outside <RingGeometryContext>.');
  return geometry;
}
