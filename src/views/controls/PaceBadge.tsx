import { useEffect, useRef } from 'react';
import { useActions, useLab } from '../../store/context.ts';
import type { PaceMode } from '../../store/pace.ts';

const WORDS: Record<PaceMode, string> = {
  chosen: 'at the chosen speed',
  routine: 'heartbeats: 2× speed',
  fastForward: 'fast-forward: only timers running',
};

/** The same in fewer words, for a toolbar that has to fit one line of a narrow, short screen. */
const SHORT: Record<PaceMode, string> = {
  chosen: 'chosen speed',
  routine: 'heartbeats 2×',
  fastForward: 'fast-forward',
};

/**
 * Says how the shown clock is running. Updated every display frame without React; its box keeps
 * one size whatever it says, so nothing around it moves.
 */
export function PaceBadge() {
  const { onAnimationFrame } = useActions();
  const { live } = useLab();
  const el = useRef<HTMLSpanElement>(null);
  useEffect(() => {
    let shown: PaceMode | null = null;
    return onAnimationFrame(() => {
      const mode = live.pace;
      const [long, short] = el.current?.children ?? [];
      if (mode === shown || !el.current || !long || !short) return;
      shown = mode;
      el.current.dataset.pace = mode;
      long.textContent = WORDS[mode];
      short.textContent = SHORT[mode];
    });
  }, [onAnimationFrame, live]);
  return (
    <span ref={el} className="pace-badge" data-pace="chosen" aria-hidden="true">
      <span className="pace-long">{WORDS.chosen}</span>
      <span className="pace-short">{SHORT.chosen}</span>
    </span>
  );
}
