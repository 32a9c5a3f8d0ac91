import { useEffect, useRef } from 'react';
import { useActions, useLab } from '../../store/context.ts';
import type { PaceMode } from '../../store/pace.ts';

const WORDS: Record<PaceMode, string> = {
  chosen: 'at the chosen speed',
  routine: 'heartbeats: 2× speed',
  fastForward: 'fast-forward: only timers running',
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
      if (mode === shown || !el.current) return;
      shown = mode;
      el.current.dataset.pace = mode;
      el.current.textContent = WORDS[mode];
    });
  }, [onAnimationFrame, live]);
  return (
    <span ref={el} className="pace-badge" data-pace="chosen" aria-hidden="true">
      {WORDS.chosen}
    </span>
  );
}
