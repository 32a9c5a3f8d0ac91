import { create } from 'zustand';

/** How long what a command said stays on screen. */
const SHOWN_MS = 3000;

/** The latest thing a keyboard command said back (for everyone, and for screen readers). */
export const useSaid = create<{ readonly text: string }>()(() => ({ text: '' }));

let timer: ReturnType<typeof setTimeout> | null = null;

export function say(text: string): void {
  useSaid.setState({ text });
  if (timer) clearTimeout(timer);
  timer = setTimeout(() => useSaid.setState({ text: '' }), SHOWN_MS);
}
