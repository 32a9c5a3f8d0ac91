import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { MAX_MESSAGE_DELAY } from '../../sim/validate.ts';
import { useActions } from '../../store/context.ts';
import { selectChosenMessage, useTravel, type ChosenMessage } from '../../store/travelStore.ts';
import type { ActionInput } from '../../worker/protocol.ts';
import { flightWords } from './words.ts';
import './messages.css';

/** Room kept between the menu and the window's edges, in CSS pixels. */
const EDGE = 8;

/**
 * The menu of one message in flight, chosen on the ring or in the space-time diagram: drop it,
 * hold it (or release it, when held), deliver it now, delay it, duplicate it. Opening it pauses
 * nothing: a message the run delivers meanwhile is gone, and the feed says so if it is acted on.
 * Opened from the keyboard it takes the focus; Escape (or a click elsewhere) closes it.
 */
export function MessageMenu() {
  const chosen = useTravel(selectChosenMessage);
  // Keyed by the message and where it was chosen: a new choice starts a fresh menu.
  return chosen ? <Menu key={`${chosen.id}:${chosen.x}:${chosen.y}`} chosen={chosen} /> : null;
}

function Menu({ chosen }: { readonly chosen: ChosenMessage }) {
  const { act, chooseMessage } = useActions();
  const box = useRef<HTMLDivElement>(null);
  const [delay, setDelay] = useState('200');
  const words = flightWords(chosen.kind, chosen.from, chosen.to);
  const delayMs = Number(delay);
  const delayOk = Number.isInteger(delayMs) && delayMs >= 1 && delayMs <= MAX_MESSAGE_DELAY;

  const close = (): void => {
    const hadFocus = box.current?.contains(document.activeElement) ?? false;
    chooseMessage(null);
    if (hadFocus || chosen.byKey) chosen.returnTo?.focus({ preventScroll: true });
  };
  const take = (action: ActionInput): void => {
    act(action);
    close();
  };

  // Beside the point chosen, kept inside the window (and moved up or left when there is no room).
  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return;
    const w = el.offsetWidth;
    const h = el.offsetHeight;
    const minX = window.scrollX + EDGE;
    const minY = window.scrollY + EDGE;
    const maxX = window.scrollX + document.documentElement.clientWidth - w - EDGE;
    const maxY = window.scrollY + document.documentElement.clientHeight - h - EDGE;
    let left = chosen.x + 14;
    let top = chosen.y + 14;
    if (left > maxX) left = chosen.x - 14 - w;
    if (top > maxY) top = chosen.y - 14 - h;
    el.style.left = `${Math.max(minX, Math.min(left, maxX))}px`;
    el.style.top = `${Math.max(minY, Math.min(top, maxY))}px`;
    if (chosen.byKey) el.querySelector<HTMLButtonElement>('button[data-choice]')?.focus({ preventScroll: true });
  }, []);

  // Escape closes it wherever the focus is; so does a press outside it.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      e.preventDefault();
      e.stopPropagation();
      close();
    };
    const onDown = (e: PointerEvent) => {
      if (box.current && !box.current.contains(e.target as Node)) chooseMessage(null);
    };
    window.addEventListener('keydown', onKey, true);
    window.addEventListener('pointerdown', onDown, true);
    return () => {
      window.removeEventListener('keydown', onKey, true);
      window.removeEventListener('pointerdown', onDown, true);
    };
  }, []);

  const message = chosen.id;
  return createPortal(
    <div ref={box} className="message-menu" role="dialog" aria-label={`Act on ${words}`} data-message-menu={message}>
      <div className="message-menu-head">
        <strong>{words}</strong>
        <span className="muted">
          #{message}
          {chosen.held ? ' · held' : ''}
        </span>
        <button type="button" className="ghost" aria-label="Close this message's menu" onClick={close}>
          ✕
        </button>
      </div>
      <div className="message-menu-actions">
        <button type="button" data-choice="drop" className="danger" onClick={() => take({ type: 'dropMessage', message })}>
          Drop it
        </button>
        {chosen.held ? (
          <button type="button" data-choice="release" onClick={() => take({ type: 'releaseMessage', message })}>
            Release it
          </button>
        ) : (
          <button type="button" data-choice="hold" onClick={() => take({ type: 'holdMessage', message })}>
            Hold it
          </button>
        )}
        <button type="button" data-choice="deliver" onClick={() => take({ type: 'deliverMessage', message })}>
          Deliver it now
        </button>
        <button type="button" data-choice="duplicate" onClick={() => take({ type: 'duplicateMessage', message })}>
          Duplicate it
        </button>
        <form
          className="message-menu-delay"
          onSubmit={(e) => {
            e.preventDefault();
            if (delayOk) take({ type: 'delayMessage', message, ms: delayMs });
          }}
        >
          <button type="submit" data-choice="delay" disabled={!delayOk}>
            Delay it by
          </button>
          <input
            type="number"
            min={1}
            max={MAX_MESSAGE_DELAY}
            step={1}
            value={delay}
            aria-label="Delay in milliseconds"
            onChange={(e) => setDelay(e.currentTarget.value)}
          />
          <span>ms</span>
        </form>
      </div>
    </div>,
    document.body,
  );
}
