/**
 * Pictures of the stage as a class sees it, at each size a class meets it, in the normal and the
 * presenter view: the default run, a write committed, then a 3/2 split with the old leader in the
 * minority and a new leader elected, and one write to each side. Saved to screenshots/tmp/ to look
 * at; the README's pictures are copied from them.
 *
 *   npm run build && npm run shots
 */
import type { Page } from '@playwright/test';
import { withBuiltApp } from './builtApp.ts';

const SIZES = (
  process.env.SHOT_SIZES
    ? process.env.SHOT_SIZES.split(',').map((s) => s.split('x').map(Number) as [number, number])
    : [
        [1280, 720],
        [1920, 1080],
        [768, 1024],
        [1024, 768],
      ]
) as readonly (readonly [number, number])[];

const leaderOf = async (page: Page, not?: string) => {
  const sel = '.ring [data-role="leader"][data-alive="true"]';
  await page.waitForFunction(
    ([s, n]) => Array.from(document.querySelectorAll(s)).some((el) => el.getAttribute('data-node') !== n),
    [sel, not ?? ''] as const,
    { timeout: 60_000 },
  );
  const ids = await page.locator(sel).evaluateAll((els) => els.map((el) => el.getAttribute('data-node') ?? ''));
  return ids.find((id) => id !== not)!;
};

async function stage(page: Page, url: string, presenter: boolean): Promise<void> {
  await page.goto(url);
  const old = await leaderOf(page);
  await page.getByRole('button', { name: 'Client write', exact: true }).click();
  await page.waitForTimeout(1500);
  if (presenter) await page.keyboard.press('p');
  await page.getByText('leader in minority', { exact: true }).click();
  await page.getByRole('button', { name: /^Split \d\/\d$/ }).click();
  await leaderOf(page, old);
  await page.getByRole('button', { name: 'Client write', exact: true }).click();
  await page.waitForTimeout(600);
}

await withBuiltApp('/shots/', 'screenshots/tmp', async (browser, url) => {
  for (const [width, height] of SIZES) {
    for (const presenter of [false, true]) {
      const page = await browser.newPage({ viewport: { width, height } });
      await stage(page, url, presenter);
      const path = `screenshots/tmp/stage-${width}x${height}-${presenter ? 'presenter' : 'normal'}.png`;
      await page.screenshot({ path });
      console.log(path);
      await page.close();
    }
  }
});
