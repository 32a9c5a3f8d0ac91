import { useEffect, type RefObject } from 'react';
import { useLab } from '../../store/context.ts';

/**
 * Keep an element's text in step with a node's current randomized election timeout. The value
 * is redrawn at every timer reset (many times a second), so it is written directly rather than
 * re-rendering the node through the store.
 */
export function useLiveTimeout(ref: RefObject<Element | null>, index: number, format: (timeout: number) => string): void {
  const lab = useLab();
  const { onAnimationFrame } = lab.actions;
  const { live } = lab;
  useEffect(() => {
    let shown = NaN;
    const write = () => {
      const n = live.nodes[index];
      const el = ref.current;
      if (!n || !el || n.electionTimeout === shown) return;
      shown = n.electionTimeout;
      el.textContent = format(shown);
    };
    write();
    return onAnimationFrame(write);
  }, [ref, index, format]);
}
