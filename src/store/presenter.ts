import { create } from 'zustand';

export interface PresenterState {
  /** Large type, high contrast, secondary panels hidden: for a projector. */
  readonly presenter: boolean;
  /** The keyboard help overlay is open. */
  readonly help: boolean;
  readonly fullscreen: boolean;
}

export const usePresenter = create<PresenterState>()(() => ({ presenter: false, help: false, fullscreen: false }));

export const togglePresenter = (): void => usePresenter.setState((s) => ({ presenter: !s.presenter }));
export const setHelp = (help: boolean): void => usePresenter.setState({ help });

/** Full screen on or off. The browser may refuse (no user gesture, an iframe): then nothing changes. */
export function toggleFullscreen(): void {
  if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
  else void document.documentElement.requestFullscreen?.().catch(() => undefined);
}

if (typeof document !== 'undefined') {
  document.addEventListener('fullscreenchange', () => usePresenter.setState({ fullscreen: document.fullscreenElement !== null }));
}

// The presenter look is a class on the root element, so every stylesheet can adapt to it.
usePresenter.subscribe((s) => {
  if (typeof document !== 'undefined') document.documentElement.classList.toggle('presenter', s.presenter);
});
