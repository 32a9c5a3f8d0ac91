import type { Plugin } from 'vite';

/**
 * Puts src/early.ts in the page's head, before the app's own script: a small entry that only
 * starts the simulation's worker (src/store/earlyWorker.ts), so the worker loads while the
 * browser is still parsing the app's bundle. Vite would merge a second script tag of index.html
 * into the app's entry, which is what this avoids: in the build it is a separate entry chunk
 * (vite.config.ts), in the dev server the source file.
 */
export function earlyWorker(): Plugin {
  return {
    name: 'early-worker',
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        let src = '/src/early.ts';
        if (ctx.bundle) {
          const chunk = Object.values(ctx.bundle).find((c) => c.type === 'chunk' && c.isEntry && c.name === 'early');
          if (!chunk) throw new Error('early-worker: the build has no "early" entry (vite.config.ts rollupOptions.input)');
          src = `./${chunk.fileName}`;
        }
        // Right before the app's script: after the Content-Security-Policy meta tag, which only
        // governs what comes after it, and first of the module scripts, which run in order.
        const at = html.indexOf('<script type="module"');
        if (at < 0) throw new Error('early-worker: index.html has no module script');
        return `${html.slice(0, at)}<script type="module" crossorigin src="${src}"></script>\n    ${html.slice(at)}`;
      },
    },
  };
}
