import { expect, test } from '@playwright/test';
import { decodeLink } from '../src/links/codec.ts';
import { AUTO_WRITE_KEYS } from '../src/links/compact.ts';
import { SCENARIO_VERSION, type Action, type Scenario } from '../src/sim/scenario.ts';
import { DEFAULT_SETTINGS } from '../src/sim/settings.ts';
import { TravelPage } from './pages/TravelPage.ts';

// The share path is honest: Copy link never hands out a link the app would refuse to open, a run
// too long for a link says so and points to Export, and an oversized file is refused by its size.

function file(actions: Action[]): { name: string; mimeType: string; buffer: Buffer } {
  const scenario: Scenario = { version: SCENARIO_VERSION, name: 'long lecture', settings: DEFAULT_SETTINGS, actions };
  return { name: 'lecture.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(scenario)) };
}

test('a run of 4,000 client writes gets a link that opens and holds every write', async ({ page, browser }) => {
  const actions: Action[] = [];
  for (let k = 1; k <= 4000; k++) {
    actions.push({ at: 800 + k * 15 + (k % 4), type: 'write', key: AUTO_WRITE_KEYS[(k - 1) % AUTO_WRITE_KEYS.length]!, value: String(k) });
  }
  const app = new TravelPage(page);
  await app.goto();
  await page.getByLabel('Import scenario file').setInputFiles(file(actions));
  await app.waitForSimTime(200);
  const link = await app.copyLink();
  expect(link.length).toBeLessThan(16_000);
  expect((await decodeLink(link)).scenario.actions).toEqual(actions);

  const other = new TravelPage(await browser.newPage());
  await other.open(link);
  await expect(other.problem).toHaveCount(0);
  await other.waitForSimTime(100);
  expect(other.errors).toEqual([]);
});

test('a run too long for a link says so and points to Export, and offers no link', async ({ page }) => {
  // Made-up keys and values do not compress: 6,000 of them overflow a link.
  const actions: Action[] = [];
  for (let i = 0; i < 6000; i++)
    actions.push({ at: 500 + i * 3, type: 'write', key: `k${(i * 7919) % 9973}`, value: `v${(i * 104729) % 99991}` });
  const app = new TravelPage(page);
  await app.goto();
  await page.getByLabel('Import scenario file').setInputFiles(file(actions));
  await app.waitForSimTime(100);
  await app.button('Copy link').click();
  await expect(page.locator('.share-refused')).toContainText('too long for a link');
  await expect(page.locator('.share-refused')).toContainText('Export it as a scenario file');
  await expect(page.getByRole('textbox', { name: 'Link to this run' })).toHaveCount(0);
  await expect(app.button('Export scenario')).toBeVisible();
});

test('an oversized file is refused by its size, before it is read', async ({ page }) => {
  const app = new TravelPage(page);
  await app.goto();
  const huge = Buffer.alloc(3_000_000, 0x20);
  await page.getByLabel('Import scenario file').setInputFiles({ name: 'huge.json', mimeType: 'application/json', buffer: huge });
  await expect(app.problem).toContainText('huge.json could not be imported.');
  await expect(app.problem).toContainText('This file is 3.0 MB; a scenario file is at most 2 MB.');
  await expect(page.locator('.ring [data-node]').first()).toBeVisible();
});
