import { expect, test } from '@playwright/test';
import { ClusterPage } from './pages/ClusterPage.ts';

// Stages the views at slow speed, where messages are visible in flight, and saves full-page
// pictures (screenshots/tmp/tour-*.png) to look at; a few are kept in screenshots/.

test('a tour of the views at slow speed: replication in flight, a split seen from both sides, a heal', async ({ page }) => {
  test.setTimeout(90_000);
  const app = new ClusterPage(page);
  await app.goto();
  const leader = await app.waitForLeader();
  await app.clientWrite(3);
  await expect.poll(() => app.committedOn(leader.id)).toBe(3);
  await app.setSpeed(5); // messages take about 0.15 s
  await app.select(leader.id);
  await app.clientWrite(1);
  await page.waitForTimeout(150);
  await app.waitForMessagesInFlight(4);
  await page.screenshot({ path: 'screenshots/tmp/tour-replication.png', fullPage: true });

  await app.setSpeed(100);
  await app.split('minority');
  await app.writeTo(leader.id);
  await app.waitForLeader({ minTerm: leader.term + 1, not: leader.id });
  await app.clientWrite(1);
  const t = await app.simTime();
  await app.waitForSimTime(t + 1500);
  await app.setSpeed(2);
  await page.waitForTimeout(1000);
  await app.waitForMessagesInFlight(3);
  await page.screenshot({ path: 'screenshots/tmp/tour-split.png', fullPage: true });

  await app.setSpeed(100);
  await app.heal();
  await expect(app.node(leader.id)).toHaveAttribute('data-role', 'follower', { timeout: 20_000 });
  await expect(page.locator('.entry.is-conflict')).toHaveCount(0, { timeout: 20_000 });
  await page.waitForTimeout(1500);
  await page.screenshot({ path: 'screenshots/tmp/tour-healed.png', fullPage: true });
  expect(app.errors).toEqual([]);
});
