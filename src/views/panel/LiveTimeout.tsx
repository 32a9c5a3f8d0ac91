import { useRef } from 'react';
import { useLiveTimeout } from '../ring/useLiveTimeout.ts';

const format = (timeout: number) => `${timeout} ms`;

/** The node's current randomized election timeout, redrawn at every reset. */
export function LiveTimeout({ index }: { index: number }) {
  const el = useRef<HTMLSpanElement>(null);
  useLiveTimeout(el, index, format);
  return <span ref={el} data-election-timeout />;
}
