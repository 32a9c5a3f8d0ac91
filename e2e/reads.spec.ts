import { expect, test } from '@playwright/test';
import { SHOTS } from './pages/ClusterPage.ts';
import { TravelPage } from './pages/TravelPage.ts';

// What clients see when they read (issue 15, point 4): a Client read button and key beside the
// write, reads listed in the Client history with their value, server and latency, a read-mode
// setting, and a stale read flagged on the card, in the feed and on the timeline.

const SIZES = [
  { width: 1280, height: 720 },
  { width: 1920, height: 1080 },
  { width: 768, height: 1024 },
];

test('a read sent by clicking (and by its key) is answered by the leader and listed with its value and latency', async ({ page }) => {
  const app = new TravelPage(page);
  await app.goto(20);
  const leader = await app.waitForLeader();
  await app.clientWrite(1);
  const card = page.getByRole('region', { name: 'Client history' });
  await expect(card.locator('[data-outcome="acknowledged"]')).toHaveCount(1);
  await app.button('Client read').click();
  const answered = card.locator('[data-read][data-outcome="answered"]');
  await expect(answered).toHaveCount(1);
  await expect(answered).toContainText(`from ${leader.id}`);
  await expect(answered).toContainText(/answered x=1 after [\d.]+ ms \(ReadIndex\)/);
  // G sends another, to the leader.
  await page.locator('body').press('g');
  await expect(answered).toHaveCount(2);
  await expect(card.locator('[data-verdict]')).toHaveText('linearizable');
  await expect(card.locator('[data-stale]')).toHaveCount(0);
  // A read sent to a follower is refused, naming the leader.
  const follower = leader.id === 'S1' ? 'S2' : 'S1';
  await app.select(follower);
  await app.button(`Read from ${follower}`).click();
  await expect(card.locator('[data-read][data-outcome="refused"]')).toContainText(`refused: ${leader.id} leads`);
  await app.pause();
  const stage = page.getByRole('region', { name: 'Cluster' });
  for (const size of SIZES) {
    await page.setViewportSize(size);
    // The read button sits beside the write button, whole and inside the window.
    const read = (await app.button('Client read').boundingBox())!;
    const write = (await app.button('Client write').boundingBox())!;
    expect(read.x + read.width).toBeLessThanOrEqual(size.width);
    expect(Math.abs(read.y - write.y)).toBeLessThan(write.height);
    await stage.screenshot({ path: `${SHOTS}/stage-read-${size.width}x${size.height}.png` });
    await card.screenshot({ path: `${SHOTS}/reads-card-${size.width}x${size.height}.png` });
  }
  expect(app.errors).toEqual([]);
});

test('the read-mode setting explains each mode, anyServer marked unsafe, and applies', async ({ page }) => {
  const app = new TravelPage(page);
  await app.goto(20);
  await app.openSettings();
  const modes = page.getByRole('group', { name: 'Client reads are answered by' });
  await expect(modes.getByRole('radio')).toHaveCount(3);
  await expect(modes.getByRole('radio', { name: /ReadIndex/ })).toBeChecked();
  await expect(modes.locator('.unsafe')).toHaveText('Any server (unsafe):');
  await modes.getByRole('radio', { name: /Any server/ }).check();
  await app.button('Apply settings').click();
  const leader = await app.waitForLeader();
  const follower = leader.id === 'S1' ? 'S2' : 'S1';
  await app.select(follower);
  await app.button(`Read from ${follower}`).click();
  const card = page.getByRole('region', { name: 'Client history' });
  await expect(card.locator('[data-read][data-outcome="answered"]')).toContainText(`from ${follower}`);
  await expect(card.locator('[data-read][data-outcome="answered"]')).toContainText('(any server)');
  await app.pause();
  const settings = page.locator('details.settings-card');
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await modes.scrollIntoViewIfNeeded();
    const box = (await modes.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(size.width);
    await settings.screenshot({ path: `${SHOTS}/read-modes-${size.width}x${size.height}.png` });
  }
  expect(app.errors).toEqual([]);
});

test('the stale-read scenario flags the stale read on the card, in the feed and on the timeline', async ({ page }) => {
  const app = new TravelPage(page);
  await app.goto();
  await app.runLibraryScenario('stale-read');
  await app.waitForSimTime(1400);
  await app.pause();
  const card = page.getByRole('region', { name: 'Client history' });
  await expect(card.locator('[data-verdict]')).toHaveText('NOT linearizable');
  const stale = card.locator('[data-read][data-stale="true"]');
  await expect(stale).toHaveCount(1);
  await expect(stale).toContainText('from S1');
  await expect(stale).toContainText('answered x=1');
  await expect(stale).toContainText('STALE: x=2 was already acknowledged');
  await expect(card).toContainText('1 stale read');
  // The read of S3, the majority's leader, returns x=2 and is not flagged.
  await expect(card.locator('[data-read]:not([data-stale])')).toContainText('answered x=2');
  await expect(page.getByText('S1 answered x=1, but x=2 had already been acknowledged: a stale read')).toBeVisible();
  // Chosen, the feed line says why: the acknowledged write the read should have seen.
  await page.locator('.feed-why[data-event-type="staleRead"]').click();
  const why = page.getByRole('region', { name: 'Why did this happen?' });
  await expect(why).toContainText('x=2 had been acknowledged');
  await expect(why).toContainText('Linearizability');
  await page.locator('body').press('Escape');
  const mark = page.locator('.timeline .mark-staleRead');
  await expect(mark).toHaveCount(1);
  await expect(mark.locator('title')).toHaveText(/stale read: S1 answered x=1 after x=2/);
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await card.scrollIntoViewIfNeeded();
    const box = (await card.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(size.width);
    expect(box.height).toBeLessThanOrEqual(size.height);
    await card.screenshot({ path: `${SHOTS}/stale-read-card-${size.width}x${size.height}.png` });
    await page.locator('.timeline').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/stale-read-${size.width}x${size.height}.png` });
  }
  expect(app.errors).toEqual([]);
});
