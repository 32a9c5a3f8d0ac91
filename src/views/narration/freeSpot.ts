export interface Box {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

export const overlaps = (a: Box, b: Box) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

/** `el`'s box relative to `origin`, grown by `pad` on every side. */
export function boxOf(el: Element, origin: DOMRect, pad: number): Box {
  const r = el.getBoundingClientRect();
  return { x: r.left - origin.left - pad, y: r.top - origin.top - pad, w: r.width + 2 * pad, h: r.height + 2 * pad };
}

/** How finely the stage is searched for room, in CSS pixels. */
const STEP = 10;

/**
 * The free place nearest to `anchor` for a box of `size`: inside `bounds`, overlapping nothing
 * in `taken`. The previous place is kept while it is still free, so a callout does not wander.
 * Null when there is no room anywhere.
 */
export function freeSpot(
  anchor: { readonly x: number; readonly y: number },
  size: { readonly w: number; readonly h: number },
  taken: readonly Box[],
  bounds: { readonly w: number; readonly h: number },
  previous?: Box,
): Box | null {
  const fits = (b: Box) => b.x >= 0 && b.y >= 0 && b.x + b.w <= bounds.w && b.y + b.h <= bounds.h && !taken.some((t) => overlaps(b, t));
  if (previous && previous.w === size.w && previous.h === size.h && fits(previous)) return previous;
  let best: Box | null = null;
  let bestDistance = Infinity;
  for (let y = 0; y + size.h <= bounds.h; y += STEP) {
    for (let x = 0; x + size.w <= bounds.w; x += STEP) {
      // Distance from the anchor to the nearest point of the box: beside the server, not far off.
      const dx = Math.max(x - anchor.x, 0, anchor.x - (x + size.w));
      const dy = Math.max(y - anchor.y, 0, anchor.y - (y + size.h));
      const d = dx * dx + dy * dy;
      if (d >= bestDistance) continue;
      const b = { x, y, w: size.w, h: size.h };
      if (fits(b)) {
        best = b;
        bestDistance = d;
      }
    }
  }
  return best;
}
