import { useEffect, useRef } from 'react';
import { commandFor, type Command } from './keymap.ts';

export type ShortcutHandler = (command: Command, node?: number) => void;

/**
 * Global keyboard shortcuts. Keys typed into a field, or pressed on a focused button or slider
 * whose own keys matter (Space, arrows), are left to that control.
 */
export function useShortcuts(handler: ShortcutHandler): void {
  const ref = useRef(handler);
  ref.current = handler;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      const tag = target?.tagName ?? '';
      if (tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || target?.isContentEditable) {
        if (e.key !== 'Escape') return;
      }
      // A control that handled the key itself (a server on the ring toggling on Space) keeps it.
      if (e.defaultPrevented) return;
      const role = target?.getAttribute?.('role') ?? '';
      const pressable = tag === 'BUTTON' || tag === 'A' || tag === 'SUMMARY' || role === 'button' || role === 'switch';
      if (pressable && (e.key === ' ' || e.key === 'Enter')) return;
      const hit = commandFor(e);
      if (!hit) return;
      e.preventDefault();
      ref.current(hit.command, hit.node);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
