import type { Point } from '../ring/layout.ts';

/** The amber of the halo around the message hovered in the diagram (or on the ring). */
export const HALO_COLOR = '#f59e0b';

/**
 * The halo around the highlighted message, at `at` in the ring's own coordinates (ctx maps them):
 * one drawing for the page and for an exported clip, so the clip shows what the class saw.
 */
export function drawHalo(ctx: CanvasRenderingContext2D, at: Point): void {
  ctx.save();
  ctx.strokeStyle = HALO_COLOR;
  ctx.lineWidth = 4;
  ctx.globalAlpha = 0.9;
  ctx.beginPath();
  ctx.arc(at.x, at.y, 15, 0, Math.PI * 2);
  ctx.stroke();
  ctx.restore();
}
