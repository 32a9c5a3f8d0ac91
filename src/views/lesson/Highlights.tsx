import { useEffect, useId } from 'react';
import type { Highlight } from '../../lessons/types.ts';
import { selectNodes, useSim } from '../../store/simStore.ts';
import { describeHighlights, highlightCss, highlightedNodes } from './highlightCss.ts';
import { useAdoptedStyle } from './useAdoptedStyle.ts';

const MARK = 'data-lesson-highlight';

/** The accessible name of a control: what getByRole would match on. */
function nameOf(el: Element): string {
  return (el.getAttribute('aria-label') ?? el.textContent ?? '').trim();
}

interface Props {
  readonly highlights: readonly Highlight[];
  /** Said to screen readers on each marked control ("The lesson points here."). */
  readonly note: string;
  /** Show "Look at: ..." in words under the panel. */
  readonly caption?: boolean;
}

/**
 * Marks what a step (or an explanation) points at: nodes and regions by a style sheet, and
 * controls found by their accessible name, which also get an aria description.
 */
export function Highlights({ highlights, note, caption = true }: Props) {
  const nodes = useSim(selectNodes);
  const noteId = useId();
  const key = highlights.flatMap((h) => (h.kind === 'control' ? [h.name] : [])).join('|');
  const nodeSel = highlightedNodes(highlights);
  useAdoptedStyle(highlightCss(highlights));
  useEffect(() => {
    const names = key === '' ? [] : key.split('|');
    const pointed = new Set(nodeSel === '' ? [] : document.querySelectorAll(nodeSel));
    const marked: Element[] = [];
    for (const el of document.querySelectorAll('button, [role="button"], input, select')) {
      if (!names.includes(nameOf(el)) && !pointed.has(el)) continue;
      el.setAttribute(MARK, '');
      if (!el.hasAttribute('aria-describedby')) el.setAttribute('aria-describedby', noteId);
      marked.push(el);
    }
    return () => {
      for (const el of marked) {
        el.removeAttribute(MARK);
        if (el.getAttribute('aria-describedby') === noteId) el.removeAttribute('aria-describedby');
      }
    };
    // Nodes re-render as their state changes: re-mark, so a leader that changed is followed.
  }, [key, nodeSel, nodes, noteId]);
  return (
    <>
      <span id={noteId} className="sr-only">
        {note}
      </span>
      {caption && highlights.length > 0 && (
        <p className="lesson-look">
          <span aria-hidden="true">◎ </span>Look at: {describeHighlights(highlights)}
        </p>
      )}
    </>
  );
}
