import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { ClusterPage } from './pages/ClusterPage.ts';
import { serveStatic, type StaticServer } from './support/staticServer.ts';

/** Wait until the service worker has installed (precached the build) and is active. */
async function waitForServiceWorker(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
}

test('after one visit the app opens and runs with no network', async ({ page, context }) => {
  const app = new ClusterPage(page);
  await app.goto(100);
  await waitForServiceWorker(page);
  const manifest = await page.locator('link[rel="manifest"]').getAttribute('href');
  expect(manifest).toBeTruthy();

  await context.setOffline(true);
  await page.reload();
  await expect(page.locator('.ring [data-node]').first()).toBeVisible();
  const leader = await app.waitForLeader();
  expect(leader.term).toBeGreaterThanOrEqual(1);
  expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);

  // A lesson step link with a query, opened offline for the first time, is the same page.
  await page.goto('./?speed=50#lesson=quorum&step=1');
  await expect(page.getByRole('heading', { name: 'Split the network' })).toBeVisible();

  // The experiments view is a chunk loaded on first use: it was precached too.
  await page.getByRole('button', { name: 'Experiments', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Run experiment' })).toBeVisible();
  expect(app.errors.filter((e) => !/ERR_INTERNET_DISCONNECTED/.test(e))).toEqual([]);
});

test.describe('a new version', () => {
  let dir: string;
  let server: StaticServer;

  test.beforeAll(async () => {
    // A copy of the build, so the test can publish a "new version" of it.
    dir = mkdtempSync(join(tmpdir(), 'raft-lab-'));
    cpSync('dist', dir, { recursive: true });
    server = await serveStatic(dir, '/lab/');
  });

  test.afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('is announced, and taken only when the teacher clicks Reload', async ({ page }) => {
    test.setTimeout(90_000);
    const app = new ClusterPage(page);
    // Slow motion: at 100x the busy page on a shared 2-core machine starves the update check.
    await app.goto(1, server.url);
    await waitForServiceWorker(page);
    await page.reload();
    await expect(page.locator('.ring [data-node]').first()).toBeVisible();

    // Publish a new build: any byte change in the service worker is a new version.
    const sw = join(dir, 'sw.js');
    writeFileSync(sw, `${readFileSync(sw, 'utf8')}\n// next version\n`);
    const notice = page.getByRole('status').filter({ hasText: 'New version available.' });
    // Ask for an update check without awaiting it (on a loaded machine the browser may take its
    // time over one check), and ask again until the page announces the new version.
    await expect(async () => {
      await page.evaluate(() => {
        void navigator.serviceWorker
          .getRegistration()
          .then((registration) => registration?.update())
          .catch(() => undefined);
      });
      await expect(notice).toBeVisible({ timeout: 5_000 });
    }).toPass({ timeout: 45_000 });
    // The page does not reload itself: a mark left on it survives while the notice waits.
    await page.evaluate(() => ((window as unknown as { mark: number }).mark = 1));
    await page.waitForTimeout(1500);
    expect(await page.evaluate(() => (window as unknown as { mark?: number }).mark)).toBe(1);

    await Promise.all([page.waitForEvent('load'), notice.getByRole('button', { name: 'Reload' }).click()]);
    await expect(page.locator('.ring [data-node]').first()).toBeVisible();
    expect(await page.evaluate(() => (window as unknown as { mark?: number }).mark)).toBeUndefined();
    await expect(notice).toHaveCount(0);
    expect(app.errors).toEqual([]);
  });
});
