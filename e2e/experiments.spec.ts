import { expect, test } from '@playwright/test';
import { ExperimentPage } from './pages/ExperimentPage.ts';
import { atEachSize } from './sizes.ts';

test.describe('election-time experiments', () => {
  test('a small experiment draws the plot and the table, and exports CSV', async ({ page }) => {
    const exp = new ExperimentPage(page);
    await exp.open();
    await exp.run(40);
    const lines = page.locator('.cdf-plot path[data-range]');
    await expect(lines).toHaveCount(6);
    // The paper's published figures are marked on the plot.
    await expect(page.locator('.cdf-plot [data-paper="150-155-median"]')).toBeVisible();
    await expect(page.locator('.cdf-plot [data-paper="150-200-max"]')).toBeVisible();
    const rows = await exp.table();
    expect(rows.map((r) => r[0])).toEqual(['150-150', '150-151', '150-155', '150-175', '150-200', '150-300']);
    // No randomness: every trial split its votes; 150 ms of randomness: rarely.
    expect(rows[0]![6]).toBe('100.0%');
    expect(Number.parseFloat(rows[5]![6]!)).toBeLessThan(40);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download summary CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('raft-election-summary.csv');
    expect(exp.errors).toEqual([]);
  });

  test('an experiment link reruns the same experiment with the same numbers', async ({ browser, page }) => {
    const exp = new ExperimentPage(page);
    await exp.open();
    await exp.run(25, '150-175, 150-300');
    const before = await exp.table();
    await page.getByRole('button', { name: 'Copy link to this experiment' }).click();
    await page.waitForURL(/#exp=/);
    const hash = new URL(page.url()).hash;
    expect(hash).toMatch(/^#exp=/);

    const other = await browser.newPage();
    const again = new ExperimentPage(other);
    await again.open(hash);
    await again.waitDone();
    expect(await again.table()).toEqual(before);
    await other.close();
  });

  test('a damaged experiment link says what is wrong and the app stays usable', async ({ page }) => {
    const exp = new ExperimentPage(page);
    await exp.open('#exp=%3Cscript%3E');
    await expect(page.getByRole('alert')).toContainText('experiment link is damaged');
    await expect(page.locator('script:not([src])')).toHaveCount(0);
    await exp.run(5, '150-300');
  });

  test('the slowest trial opens in the live view', async ({ page }) => {
    const exp = new ExperimentPage(page);
    await exp.open();
    await exp.run(10, '150-300');
    await page.getByRole('button', { name: 'Open the slowest 150-300 ms trial in the live view' }).click();
    await expect(page.locator('.ring [data-node]')).toHaveCount(5);
    await expect(page.getByRole('button', { name: 'Live cluster' })).toHaveAttribute('aria-pressed', 'true');
    // Paused just before the leader's crash, with the setup's leader still in charge.
    await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeVisible();
    await expect.poll(async () => Number(await page.locator('[data-sim-time]').getAttribute('data-sim-time'))).toBeGreaterThan(100);
    await expect(page.locator('.ring [data-role="leader"]')).toHaveCount(1);
  });

  test('the paper defaults, 1,000 trials per range (the picture in the README comes from this run)', async ({ page }) => {
    test.setTimeout(120_000);
    await page.setViewportSize({ width: 1280, height: 1400 });
    const exp = new ExperimentPage(page);
    await exp.open();
    await page.getByRole('button', { name: 'Run experiment' }).click();
    await exp.waitDone(100_000);
    await page.locator('.cdf-plot').screenshot({ path: 'screenshots/tmp/experiment-figure16.png' });
    await page.screenshot({ path: 'screenshots/tmp/experiments-view.png', fullPage: true });
  });
});

atEachSize(() => {
  test('the PreVote demonstration opens in the live view with PreVote on, and off', async ({ page }) => {
    const exp = new ExperimentPage(page);
    await exp.open();
    // Each demonstration card is headed in words, not with its scenario's file slug.
    const headings = await page.locator('.extension-demos h4').allTextContents();
    expect(headings).toHaveLength(3);
    for (const h of headings) expect(h).toMatch(/^[A-Z][a-z]* [A-Za-z ]+$/);
    await page.getByRole('button', { name: 'Watch with PreVote', exact: true }).click();
    await expect(page.locator('.ring [data-node]')).toHaveCount(5);
    await page.locator('summary', { hasText: /settings/i }).click();
    await expect(page.getByRole('checkbox', { name: /PreVote/ })).toBeChecked();
    await page.getByRole('button', { name: 'Experiments', exact: true }).click();
    await page.getByRole('button', { name: 'Watch without PreVote', exact: true }).click();
    await expect(page.getByRole('checkbox', { name: /PreVote/ })).not.toBeChecked();
    expect(exp.errors).toEqual([]);
  });
});

test('an experiment can be cancelled, and any trial opened by number', async ({ page }) => {
  const exp = new ExperimentPage(page);
  await exp.open();
  await exp.field('Trials per range').fill('5000');
  await page.getByRole('button', { name: 'Run experiment' }).click();
  await expect(page.locator('.progress-text[data-status="running"]')).toBeVisible();
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.locator('.progress-text[data-status="cancelled"]')).toBeVisible();
  await exp.run(8, '150-300');
  await page.getByLabel('Trial number').fill('99');
  await page.getByRole('button', { name: 'Watch this trial' }).click();
  await expect(page.getByRole('alert')).toContainText('from 0 to 7');
  await page.getByLabel('Trial number').fill('3');
  await page.getByRole('button', { name: 'Watch this trial' }).click();
  await expect(page.locator('.ring [data-role="leader"]')).toHaveCount(1);
});
