import { useEffect, useRef } from 'react';
import { commandFor, type Command } from './keymap.ts';

export type ShortcutHandler = (command: Command, node?: number) => void;

/** Inputs a person types into: every key but Escape is theirs. */
const TEXT_INPUTS = new Set(['text', 'search', 'email', 'url', 'tel', 'password', 'number']);

function isTextField(el: HTMLElement | null): boolean {
  if (!el) return false;
  if (el.isContentEditable || el.tagName === 'TEXTAREA') return true;
  return el.tagName === 'INPUT' && TEXT_INPUTS.has((el as HTMLInputElement).type);
}

/** Keys a focused control of this kind uses itself (a select or slider moves with the arrows). */
function ownKeys(el: HTMLElement | null, key: string): boolean {
  if (!el) return false;
  const tag = el.tagName;
  const role = el.getAttribute('role') ?? '';
  const type = tag === 'INPUT' ? (el as HTMLInputElement).type : '';
  const pressable =
    tag === 'BUTTON' ||
    tag === 'A' ||
    tag === 'SUMMARY' ||
    role === 'button' ||
    role === 'switch' ||
    type === 'checkbox' ||
    type === 'radio';
  if (pressable && (key === ' ' || key === 'Enter')) return true;
  const arrows = key.startsWith('Arrow') || key === 'Home' || key === 'End' || key === 'PageUp' || key === 'PageDown';
  return arrows && (tag === 'SELECT' || type === 'range' || type === 'radio' || role === 'slider' || role === 'radio');
}

/**
 * Global keyboard shortcuts. They work whatever control last had focus: only a text field keeps
 * every key (but Escape), and a control focused from the keyboard keeps the few keys it needs
 * itself (Space on a button, arrows on a select or the timeline slider).
 */
export function useShortcuts(handler: ShortcutHandler): void {
  const ref = useRef(handler);
  ref.current = handler;
  useEffect(() => {
    // How the focused control got its focus. The browser's :focus-visible cannot tell: it turns on
    // for a mouse-focused control as soon as any key is pressed.
    let pointerSinceKey = false;
    let focusFromPointer = false;
    const onPointer = () => {
      pointerSinceKey = true;
    };
    const onFocus = () => {
      focusFromPointer = pointerSinceKey;
    };
    const onKey = (e: KeyboardEvent) => {
      pointerSinceKey = false;
      const target = e.target instanceof HTMLElement ? e.target : null;
      if (isTextField(target) && e.key !== 'Escape') return;
      // A control that handled the key itself (a server on the ring toggling on Space) keeps it.
      if (e.defaultPrevented) return;
      // Only a control reached by keyboard keeps its keys: one the mouse just pressed (the speed
      // buttons, the leader's-side radio) hands them back, so W, S and the arrows mean the cluster.
      if (ownKeys(target, e.key) && !focusFromPointer) return;
      const hit = commandFor(e);
      if (!hit) return;
      e.preventDefault();
      ref.current(hit.command, hit.node);
    };
    window.addEventListener('pointerdown', onPointer, true);
    window.addEventListener('focusin', onFocus, true);
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('pointerdown', onPointer, true);
      window.removeEventListener('focusin', onFocus, true);
      window.removeEventListener('keydown', onKey);
    };
  }, []);
}
