import { useEffect, useLayoutEffect, useRef } from 'react';
import { selectNodes, selectSelected, useSim } from '../../store/simStore.ts';
import { useActions } from '../../store/context.ts';
import { useRingGeometry } from '../ring/geometry.ts';
import { NODE_R, VIEW_W } from '../ring/layout.ts';
import { stagePoint } from '../ring/stagePoint.ts';
import { ROLE_LABEL } from '../theme.ts';
import { boxOf, freeSpot, overlaps, type Box } from '../narration/freeSpot.ts';
import { ServerActions } from './ServerActions.tsx';

/** How far from the server's centre the popover starts, in ring units: past its timer ring. */
const OFFSET = NODE_R + 26;

/** What the actions must not cover: the other servers (their labels, tallies) and every log. */
const KEEP_CLEAR = '.ring .node, .ring [data-log-of], .lock-panel';

/**
 * Whether the last thing a person did was a key press (not a pointer): a server chosen with Enter
 * or Space hands the focus on to its actions, one chosen with the mouse does not, so that Space
 * afterwards still plays or pauses rather than pressing Crash.
 */
let lastInputWasKey = false;
if (typeof window !== 'undefined') {
  window.addEventListener('keydown', () => (lastInputWasKey = true), true);
  window.addEventListener('pointerdown', () => (lastInputWasKey = false), true);
}

const hitOf = (id: string) => document.querySelector<SVGElement>(`.ring .node-hit[data-node="${id}"]`);

/**
 * The chosen server's actions, beside it on the ring: crash or restart, time out now, write to
 * it. Opened from the keyboard it takes the focus; Escape closes it and gives the focus back to
 * the server. It never scrolls anything: it lies over the stage, on the side away from the centre.
 */
export function ServerPopover() {
  const { select } = useActions();
  const { peekPosition } = useRingGeometry();
  const id = useSim(selectSelected);
  const n = useSim(selectNodes).find((x) => x.id === id);
  const box = useRef<HTMLDivElement>(null);
  const present = n !== undefined;

  // Follow the server while it glides to a new layout, and the stage when the window resizes.
  useLayoutEffect(() => {
    if (!present || !id) return;
    const el = box.current;
    const stage = el?.parentElement ?? null;
    const svg = stage?.querySelector<SVGSVGElement>('svg.ring') ?? null;
    const pos = peekPosition(id);
    if (!el || !stage || !pos) return;
    // Where the actions were last put, kept while that spot stays free.
    let last: Box | undefined;
    const place = () => {
      const x = pos.x.get();
      const at = stagePoint(svg, stage, x, pos.y.get());
      if (!at) return;
      const w = el.offsetWidth;
      const h = el.offsetHeight;
      const right = x >= VIEW_W / 2 - 1;
      let left = right ? at.left + OFFSET * at.scale : at.left - OFFSET * at.scale - w;
      // Flip to the other side when this one has no room, and never leave the stage.
      if (right && left + w > stage.clientWidth) left = at.left - OFFSET * at.scale - w;
      if (!right && left < 0) left = at.left + OFFSET * at.scale;
      left = Math.max(0, Math.min(left, stage.clientWidth - w));
      const top = Math.max(0, Math.min(at.top - h / 2, stage.clientHeight - h));
      // Beside the server, unless that covers another server or a log (servers sit close on a
      // small screen): then the nearest free place, kept while it stays free.
      const origin = stage.getBoundingClientRect();
      const taken = [...stage.querySelectorAll(KEEP_CLEAR)].map((t) => boxOf(t, origin, 4));
      const beside = { x: left, y: top, w, h };
      const spot = taken.some((t) => overlaps(beside, t))
        ? (freeSpot({ x: at.left, y: at.top }, { w, h }, taken, { w: stage.clientWidth, h: stage.clientHeight }, last) ?? beside)
        : beside;
      last = spot;
      el.style.left = `${spot.x}px`;
      el.style.top = `${spot.y}px`;
    };
    place();
    const stops = [pos.x.on('change', place), pos.y.on('change', place)];
    const observer = new ResizeObserver(place);
    observer.observe(stage);
    return () => {
      stops.forEach((s) => s());
      observer.disconnect();
    };
  }, [id, present]);

  // Chosen from the keyboard on the server itself: the actions take the focus.
  useEffect(() => {
    if (!present || !id) return;
    const hit = hitOf(id);
    if (hit && document.activeElement === hit && lastInputWasKey) {
      box.current?.querySelector<HTMLButtonElement>('.server-popover-actions button:not(:disabled)')?.focus({ preventScroll: true });
    }
  }, [id, present]);

  if (!n) return null;
  const close = () => {
    const hadFocus = box.current?.contains(document.activeElement) ?? false;
    select(null);
    if (hadFocus) hitOf(n.id)?.focus({ preventScroll: true });
  };
  return (
    <div
      ref={box}
      className="server-popover"
      role="group"
      aria-label={`Actions for ${n.id}`}
      data-popover-of={n.id}
      onKeyDown={(e) => {
        if (e.key !== 'Escape') return;
        e.preventDefault();
        close();
      }}
    >
      <div className="server-popover-head">
        <strong>{n.id}</strong> <span className="muted">{n.alive ? ROLE_LABEL[n.role] : ROLE_LABEL.crashed}</span>
        <button type="button" className="ghost" aria-label={`Stop choosing ${n.id}`} onClick={close}>
          ✕
        </button>
      </div>
      <div className="server-popover-actions">
        <ServerActions node={n} crashClass="danger" />
      </div>
    </div>
  );
}
