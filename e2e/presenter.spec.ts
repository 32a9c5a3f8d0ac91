import { expect, test } from '@playwright/test';
import { ClusterPage, SHOTS } from './pages/ClusterPage.ts';

test.use({ viewport: { width: 1280, height: 720 } });

test('presenter view at 1280x720: large type, secondary panels hidden, full screen from a button and F', async ({ page }) => {
  const app = new ClusterPage(page);
  await app.goto(20);
  await app.waitForLeader();
  await page.keyboard.press('p');
  await expect(page.locator('html')).toHaveClass(/presenter/);
  await expect(page.getByRole('region', { name: 'What happened' })).toBeHidden();
  await expect(page.locator('.log-card')).toBeHidden();
  await expect(page.locator('.ring')).toBeVisible();
  const size = await page.locator('body').evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
  expect(size).toBeGreaterThanOrEqual(20);
  // Everything needed still fits: the cluster and its controls are on screen without scrolling.
  const box = (await app.button('Split 3/2').boundingBox())!;
  expect(box.y + box.height).toBeLessThanOrEqual(720);
  await page.screenshot({ path: `${SHOTS}/presenter.png` });

  await app.split('majority');
  await page.waitForTimeout(1500);
  await page.screenshot({ path: `${SHOTS}/presenter-split.png` });

  // The server panel is hidden, so the chosen server's actions sit on the stage.
  const leader = await app.waitForLeader();
  await app.node(leader.id).click();
  await app.button(`Crash ${leader.id}`).click();
  await expect(app.node(leader.id)).toHaveAttribute('data-alive', 'false');
  await app.button(`Restart ${leader.id}`).click();
  await expect(app.node(leader.id)).toHaveAttribute('data-alive', 'true');

  await app.button('Full screen').click();
  await expect.poll(() => page.evaluate(() => document.fullscreenElement !== null)).toBe(true);
  await page.keyboard.press('f');
  await expect.poll(() => page.evaluate(() => document.fullscreenElement !== null)).toBe(false);
  await page.keyboard.press('p');
  await expect(page.locator('html')).not.toHaveClass(/presenter/);
});

test('presenter view with a lesson step: the lesson stays beside the cluster', async ({ page }) => {
  const app = new ClusterPage(page);
  await app.goto(20);
  await page.keyboard.press('p');
  await app.button('Lessons').click();
  await page
    .getByRole('dialog', { name: 'Lessons' })
    .getByRole('button', { name: /Quorum and split-brain/ })
    .click();
  await expect(page.locator('section.lesson')).toBeVisible();
  await app.waitForLeader();
  await page.screenshot({ path: `${SHOTS}/presenter-lesson.png` });
});

test('presenter view of a broken run: the Figure 3 checks stay beside the cluster and turn red', async ({ page }) => {
  const app = new ClusterPage(page);
  await app.goto(40);
  await page.keyboard.press('p');
  await app.button('Break Raft').click();
  await page.getByRole('button', { name: /Run demo: A server may vote twice/ }).click();
  await app.button('Break Raft').click();
  const figure3 = page.getByRole('region', { name: 'Safety checks (Figure 3)' });
  await expect(figure3).toBeVisible();
  await expect(figure3.locator('[data-property="ElectionSafety"]')).toHaveAttribute('data-state', 'broken', { timeout: 20_000 });
  await page.waitForTimeout(500);
  await page.screenshot({ path: `${SHOTS}/presenter-broken.png` });
});
