import { VIEW_H, VIEW_W } from './layout.ts';

/** The ring's scale and offset inside its SVG box: the viewBox is drawn "xMidYMid meet". */
export function ringScale(width: number, height: number): { scale: number; dx: number; dy: number } {
  const scale = Math.min(width / VIEW_W, height / VIEW_H);
  return { scale, dx: (width - VIEW_W * scale) / 2, dy: (height - VIEW_H * scale) / 2 };
}

/** Where a ring coordinate lands inside the stage, in CSS pixels from the stage's top left. */
export function stagePoint(
  svg: SVGSVGElement | null,
  stage: HTMLElement | null,
  x: number,
  y: number,
): { left: number; top: number; scale: number } | null {
  if (!svg || !stage) return null;
  const box = svg.getBoundingClientRect();
  const origin = stage.getBoundingClientRect();
  const { scale, dx, dy } = ringScale(box.width, box.height);
  return { left: box.left - origin.left + dx + x * scale, top: box.top - origin.top + dy + y * scale, scale };
}
