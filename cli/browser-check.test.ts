import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain Node script, checked by its JSDoc types, has no declaration file.
import { findBrowser, SYSTEM_CHROMIUM } from '../e2e/browser-check.mjs';

// `npm test` on a fresh machine without a browser must stop at once and say exactly what to run,
// instead of failing minutes later inside Playwright.

type Found = { ok: true; browser: string } | { ok: false; message: string };
const find = findBrowser as (exists: (path: string) => boolean, playwrightPath: string | null) => Found;
const PW = '/home/me/.cache/ms-playwright/chromium-1200/chrome-linux/chrome';

describe('browser pre-check', () => {
  it('uses the system Chromium where it is installed', () => {
    expect(find((p) => p === SYSTEM_CHROMIUM, PW)).toEqual({ ok: true, browser: SYSTEM_CHROMIUM });
  });

  it("else Playwright's own Chromium, once downloaded", () => {
    expect(find((p) => p === PW, PW)).toEqual({ ok: true, browser: PW });
  });

  it('else stops with the exact commands to install one', () => {
    const found = find(() => false, PW);
    expect(found.ok).toBe(false);
    const message = found.ok ? '' : found.message;
    expect(message).toContain('npx playwright install chromium');
    expect(message).toContain('apt-get install chromium');
    expect(message).toContain(PW);
  });

  it('runs first in npm test, and passes on this machine', () => {
    const run = spawnSync(process.execPath, ['e2e/browser-check.mjs'], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });
});
