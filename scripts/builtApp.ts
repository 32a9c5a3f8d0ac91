import { chromium, type Browser } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import config from '../playwright.config.ts';
import { serveStatic } from '../e2e/support/staticServer.ts';

/**
 * Serve the built app (dist/) under `base`, open the browser the tests use, and hand both to
 * `use`; everything is closed afterwards, whatever happens. Pictures go under `dir`.
 */
export async function withBuiltApp(base: string, dir: string, use: (browser: Browser, url: string) => Promise<void>): Promise<void> {
  mkdirSync(dir, { recursive: true });
  const server = await serveStatic('dist', base);
  const browser = await chromium.launch(config.use?.launchOptions ?? {});
  try {
    await use(browser, server.url);
  } finally {
    await browser.close();
    await server.close();
  }
}
