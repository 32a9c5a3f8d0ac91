import { useStore } from 'zustand';
import { useLab } from './context.ts';
import type { LabStore } from './lab.ts';

/** How long what a keyboard command said stays on screen. */
const SAID_MS = 3000;

export interface PresenterState {
  /** Large type, high contrast, secondary panels hidden: for a projector. */
  readonly presenter: boolean;
  /** The keyboard help overlay is open. */
  readonly help: boolean;
  readonly fullscreen: boolean;
  /** The latest thing a keyboard command said back (for everyone, and for screen readers). */
  readonly said: string;
}

export const initialPresenter = (): PresenterState => ({ presenter: false, help: false, fullscreen: false, said: '' });

export function usePresenter<T>(selector: (s: PresenterState) => T): T {
  return useStore(useLab().presenter, selector);
}

export function createPresenterActions(lab: LabStore) {
  const { presenter } = lab;
  let saidTimer: ReturnType<typeof setTimeout> | null = null;
  return {
    togglePresenter: (): void => presenter.setState((s) => ({ presenter: !s.presenter })),
    setHelp: (help: boolean): void => presenter.setState({ help }),

    /** Full screen on or off. The browser may refuse (no user gesture, an iframe): then nothing changes. */
    toggleFullscreen(): void {
      if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
      else void document.documentElement.requestFullscreen?.().catch(() => undefined);
    },

    /** Say `text` back to whoever pressed a key, for a few seconds. */
    say(text: string): void {
      presenter.setState({ said: text });
      if (saidTimer) clearTimeout(saidTimer);
      saidTimer = setTimeout(() => presenter.setState({ said: '' }), SAID_MS);
    },
  };
}

/**
 * Tie the presenter state to the document: the presenter look is a class on the root element
 * (so every stylesheet can adapt to it), and full screen is whatever the browser says it is.
 */
export function connectPresenterToDocument(lab: LabStore, doc: Document): () => void {
  const onFullscreen = () => lab.presenter.setState({ fullscreen: doc.fullscreenElement !== null });
  doc.addEventListener('fullscreenchange', onFullscreen);
  const stop = lab.presenter.subscribe((s) => doc.documentElement.classList.toggle('presenter', s.presenter));
  return () => {
    doc.removeEventListener('fullscreenchange', onFullscreen);
    stop();
  };
}
