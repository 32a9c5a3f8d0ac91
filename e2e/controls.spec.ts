import { expect, test } from '@playwright/test';
import { ClusterPage } from './pages/ClusterPage.ts';

test('pause freezes simulated time and Step advances it to the next event', async ({ page }) => {
  const app = new ClusterPage(page);
  await app.goto();
  await app.waitForLeader();
  await app.button('Pause').click();
  await expect(app.button('Play')).toBeVisible();
  const t = await app.simTime();
  await page.waitForTimeout(400);
  expect(await app.simTime()).toBe(t);
  await app.button('Step to next event').click();
  await expect.poll(() => app.simTime()).toBeGreaterThan(t);
  await app.button('Play').click();
  await expect(app.button('Pause')).toBeVisible();
  expect(app.errors).toEqual([]);
});

test('a link can be cut one way and restored by clicking it; a custom split moves servers between sides', async ({ page }) => {
  const app = new ClusterPage(page);
  await app.goto();
  await app.waitForLeader();
  await page.getByRole('button', { name: 'Link S1–S2', exact: true }).click({ force: true });
  await app.button('Cut S1→S2 only').click();
  await expect(page.getByRole('button', { name: 'Link S1–S2 (cut one way)' })).toHaveCount(1);
  await expect(page.locator('.feed-list')).toContainText('Messages from S1 to S2 are now dropped (one way)');
  await page.getByRole('button', { name: 'Link S1–S2 (cut one way)' }).click({ force: true });
  await app.button('Restore S1–S2').click();
  await expect(page.getByRole('button', { name: 'Link S1–S2', exact: true })).toHaveCount(1);
  // Custom split: {S1, S2} against {S3, S4, S5}.
  await app.button('Custom split…').click();
  await app.button('Move S1 to side B').click();
  await app.button('Move S2 to side B').click();
  await app.button('Move S4 to side A').click();
  await app.button('Move S5 to side A').click();
  await app.button('Apply split').click();
  await expect(page.locator('.partition-gap')).toBeVisible();
  const sides = Object.fromEntries((await app.nodes()).map((n) => [n.id, n.island]));
  expect(sides).toEqual({ S1: 1, S2: 1, S3: 0, S4: 0, S5: 0 });
  await app.shot('custom-split');
  await app.heal();
  expect(app.errors).toEqual([]);
});

test('a client write to a follower is refused and names the leader', async ({ page }) => {
  const app = new ClusterPage(page);
  await app.goto();
  const leader = await app.waitForLeader();
  const follower = (await app.nodes()).find((n) => n.role === 'follower')!;
  await page.getByLabel('Request target').selectOption(follower.id);
  await app.clientWrite(1);
  await expect(page.locator('.feed-list')).toContainText(
    `${follower.id} refused the write x=1: it is not the leader (it points to ${leader.id})`,
  );
  expect(app.errors).toEqual([]);
});

test('with reduced motion, messages are still shown (standing halfway) and timers still drain', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  const app = new ClusterPage(page);
  await page.goto('./?speed=3');
  await expect
    .poll(async () => Number(await page.locator('.ring-canvas').getAttribute('data-messages')), { timeout: 20_000 })
    .toBeGreaterThan(0);
  await app.shot('reduced-motion');
  expect(app.errors).toEqual([]);
});
