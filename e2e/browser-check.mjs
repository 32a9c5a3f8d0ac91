// Run before the browser tests (and first thing in `npm test`): find the Chromium they will use,
// or stop at once with the exact commands that get one. Without it a fresh machine would spend
// minutes on the other checks and then fail with Playwright's own, less helpful message.
//
// The same choice as playwright.config.ts: Debian's Chromium at /usr/bin/chromium where it is
// installed, Playwright's downloaded browser elsewhere.
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

export const SYSTEM_CHROMIUM = '/usr/bin/chromium';

/**
 * Which browser the tests will use, or the message to print. `exists` tells whether a path
 * exists; `playwrightPath` is where Playwright's own Chromium would be (null if unknown).
 * @param {(path: string) => boolean} exists
 * @param {string | null} playwrightPath
 * @returns {{ ok: true, browser: string } | { ok: false, message: string }}
 */
export function findBrowser(exists, playwrightPath) {
  if (exists(SYSTEM_CHROMIUM)) return { ok: true, browser: SYSTEM_CHROMIUM };
  if (playwrightPath !== null && exists(playwrightPath)) return { ok: true, browser: playwrightPath };
  return {
    ok: false,
    message: [
      'The browser tests need Chromium, and none is installed:',
      `  not at ${SYSTEM_CHROMIUM} (the system Chromium)`,
      `  not at ${playwrightPath ?? "Playwright's browser folder"} (Playwright's own Chromium)`,
      '',
      'Install one, then run `npm test` again:',
      "  npx playwright install chromium     # where downloads work: Playwright's Chromium",
      '  sudo apt-get install chromium       # on Debian (as root, without sudo): the system Chromium',
      '',
    ].join('\n'),
  };
}

async function playwrightChromiumPath() {
  try {
    const { chromium } = await import('@playwright/test');
    return chromium.executablePath();
  } catch {
    return null;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const found = findBrowser(existsSync, existsSync(SYSTEM_CHROMIUM) ? null : await playwrightChromiumPath());
  if (!found.ok) {
    process.stderr.write(found.message);
    process.exit(1);
  }
}
