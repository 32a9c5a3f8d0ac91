import { useLayoutEffect, type RefObject } from 'react';

/**
 * Keeps the newest part of a step in sight: the question while it is open, then the reveal and
 * the task line once they appear. Where the lesson has a column of its own beside the stage,
 * that column scrolls so the step's last element ends just above the pinned Back/Next bar, and
 * no further (the step's title may scroll off only when the step is taller than the column).
 * Only that column: in one column the page would scroll the cluster out of sight.
 *
 * It runs again when the layout changes size (the presenter view, a resize), since what fits
 * then differs; a person scrolling the column by hand changes no size, so it never fights them.
 */
export function useKeepInSight(section: RefObject<HTMLElement | null>, deps: readonly unknown[]): void {
  useLayoutEffect(() => {
    const el = section.current;
    const column = el?.closest<HTMLElement>('.side');
    if (!el || !column) return;
    const align = (): void => {
      if (getComputedStyle(column).overflowY !== 'auto') return;
      const bar = el.querySelector<HTMLElement>('.lesson-actions');
      const last = [...el.querySelectorAll<HTMLElement>('.lesson-question, .lesson-task')].pop();
      if (!bar || !last) {
        column.scrollTop = 0;
        return;
      }
      // Where the bar sits when pinned to the column's bottom (a step taller than the column).
      const room = column.getBoundingClientRect().bottom - bar.offsetHeight - 8;
      const below = last.getBoundingClientRect().bottom - room;
      column.scrollTop = Math.max(0, column.scrollTop + below);
    };
    align();
    const watch = new ResizeObserver(align);
    watch.observe(column);
    watch.observe(el);
    return () => watch.disconnect();
    // The dependencies are the caller's: what changes the step's last element.
  }, deps);
}
