import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { contentSecurityPolicy } from './build/csp.ts';
import { VitePWA } from 'vite-plugin-pwa';
import { earlyWorker } from './build/earlyWorker.ts';

// base './' makes the build a static site that works from any sub-path.
export default defineConfig({
  base: './',
  plugins: [
    react(),
    contentSecurityPolicy(),
    earlyWorker(),
    // Offline after one visit: Workbox precaches the whole build. 'prompt' because a page that
    // reloads itself mid-lecture loses the run on the projector: the page offers the reload instead
    // (src/offline). The service worker is registered from the page, relative to it, so the build
    // still works from any sub-path.
    VitePWA({
      registerType: 'prompt',
      injectRegister: false,
      manifest: {
        name: 'Raft Election Lab',
        short_name: 'Raft Lab',
        description: 'Watch, teach and explore Raft leader election: a live, deterministic simulation of a Raft cluster.',
        theme_color: '#4338ca',
        background_color: '#ffffff',
        display: 'standalone',
        start_url: './',
        scope: './',
        icons: [
          { src: 'icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: 'icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: 'icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
          { src: 'icon.svg', sizes: 'any', type: 'image/svg+xml' },
        ],
      },
      workbox: {
        // Everything the app needs, workers and lazy chunks included; source maps are not.
        globPatterns: ['**/*.{js,css,html,svg,png,json,webmanifest}'],
        // The page is one document: any navigation inside the scope (a lesson link, a run link
        // with a query) is answered from the cached index.html when offline.
        navigateFallback: 'index.html',
        cleanupOutdatedCaches: true,
      },
    }),
  ],
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    sourcemap: true,
    // src/early.ts is an entry of its own, so that the page runs it before parsing the app's bundle.
    rollupOptions: { input: { index: 'index.html', early: 'src/early.ts' } },
  },
});
