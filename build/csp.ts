import type { Plugin } from 'vite';

/**
 * The Content-Security-Policy of the built page. Everything the app loads is its own: scripts,
 * the simulation and experiment workers, style sheets. Images may be data:/blob: (exported
 * pictures, icons). `connect-src` also allows WebSockets, for a teacher's relay on another host.
 * frame-ancestors cannot be set from a <meta> (browsers ignore it there) and would forbid the
 * embedding that course pages need anyway; a host that wants it sets it as a header.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  // blob: only for a page embedded with an opaque origin, which may start its own worker file
  // from a blob: copy (src/store/spawnWorker.ts); scripts still come only from 'self'.
  "worker-src 'self' blob:",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self' ws: wss:",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/**
 * Adds the policy to the built index.html only: the dev server injects inline scripts (React
 * Refresh) that a strict policy would block.
 */
export function contentSecurityPolicy(): Plugin {
  return {
    name: 'raft-lab-csp',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler: () => [
        { tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY }, injectTo: 'head-prepend' },
      ],
    },
  };
}
