/// <reference types="vite-plugin-pwa/vanillajs" />
import { registerSW } from 'virtual:pwa-register';

/** What the page knows about its service worker: whether a newer build waits to take over. */
export interface OfflineState {
  /** A new version is installed and waits: it takes over only when the teacher says so. */
  readonly updateReady: boolean;
  /** The whole build is cached: the page now opens with no network. */
  readonly offlineReady: boolean;
}

let state: OfflineState = { updateReady: false, offlineReady: false };
const listeners = new Set<() => void>();
let activate: ((reload?: boolean) => Promise<void>) | null = null;

function set(patch: Partial<OfflineState>): void {
  state = { ...state, ...patch };
  for (const l of listeners) l();
}

export const offlineState = (): OfflineState => state;
export function onOfflineChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** A page left open for a whole lecture still hears of a new version, about once an hour. */
const CHECK_EVERY_MS = 60 * 60 * 1000;

/**
 * Register the service worker that precaches the build (vite-plugin-pwa, Workbox). It never
 * reloads the page by itself: a new version waits until `reloadToUpdate` is called.
 * Skipped where a service worker cannot be had: an embedded or sandboxed page (an opaque origin
 * throws on `navigator.serviceWorker`), a browser without one, the dev server.
 */
export function startOffline(): void {
  let supported: boolean;
  try {
    supported = 'serviceWorker' in navigator && window.isSecureContext && navigator.serviceWorker !== undefined;
  } catch {
    supported = false;
  }
  if (!supported) return;
  try {
    activate = registerSW({
      immediate: true,
      onNeedRefresh: () => set({ updateReady: true }),
      onOfflineReady: () => set({ offlineReady: true }),
      onRegisteredSW: (_url, registration) => {
        if (registration) setInterval(() => void registration.update().catch(() => undefined), CHECK_EVERY_MS);
      },
      onRegisterError: () => undefined,
    });
  } catch {
    activate = null;
  }
}

/** The new version takes over and the page reloads with it (the teacher asked for it). */
export function reloadToUpdate(): void {
  if (activate) void activate(true);
  else window.location.reload();
}

/** "Later": the notice goes; the new version takes over on the next visit. */
export function dismissUpdate(): void {
  set({ updateReady: false });
}
