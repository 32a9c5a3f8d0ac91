import { create } from 'zustand';

/** The latest thing a keyboard command said back (for everyone, and for screen readers). */
export const useSaid = create<{ readonly text: string; readonly key: number }>()(() => ({ text: '', key: 0 }));

export function say(text: string): void {
  useSaid.setState((s) => ({ text, key: s.key + 1 }));
}
