import { expect, test } from '@playwright/test';
import { ClusterPage } from './pages/ClusterPage.ts';

test('a new leader is called out beside it, and a screen reader hears the same sentence', async ({ page }) => {
  const app = new ClusterPage(page);
  await app.goto(10);
  const leader = await app.waitForLeader();
  const callout = page.locator(`.callout[data-callout="leader"][data-node="${leader.id}"]`);
  await expect(callout).toBeVisible();
  const text = (await callout.textContent())!.replace(/^\S+\s*/, '').trim();
  await expect(page.locator('[data-announcer]')).toContainText(text);
  await app.shot('callout-leader');
  // Callouts go away after a few seconds.
  await expect(callout).toHaveCount(0, { timeout: 10_000 });
});

test('a minority that tries to elect is called out: it cannot win', async ({ page }) => {
  const app = new ClusterPage(page);
  await app.goto(20);
  await app.waitForLeader();
  await app.split('majority');
  await expect(page.locator('.callout[data-callout="refused"]').first()).toContainText('cannot win', { timeout: 20_000 });
  await app.shot('callout-minority');
});

test('choosing a feed line explains why it happened and marks the servers involved', async ({ page }) => {
  const app = new ClusterPage(page);
  await app.goto(100);
  const leader = await app.waitForLeader();
  await page.locator('.feed-why[data-event-type="role"]', { hasText: 'won the election' }).first().click();
  const why = page.getByRole('region', { name: 'Why did this happen?' });
  await expect(why).toContainText('majority');
  await expect(why).toContainText('In the Raft paper');
  await expect(why).toContainText('What set it off');
  // "every message" is off, so the page was sent no message events; the worker still names the
  // exact reply that completed the majority.
  await expect(page.getByRole('checkbox', { name: 'every message' })).not.toBeChecked();
  await expect(why.locator('.explain-cause')).toHaveText(
    new RegExp(`^Message #\\d+, a RequestVoteReply from S\\d, arriving at ${leader.id}\\.$`),
  );
  await expect(app.node(leader.id)).toHaveAttribute('data-lesson-highlight', '');
  await app.button('Pause').click();
  await app.shot('explanation');
  await page.locator('.feed-why[data-event-type="vote"]').first().click();
  await expect(why).toContainText('RequestVote');
});

test('with reduced motion, callouts appear without animation', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  const app = new ClusterPage(page);
  await app.goto(20);
  await app.waitForLeader();
  const callout = page.locator('.callout').first();
  await expect(callout).toBeVisible();
  expect(await callout.evaluate((el) => getComputedStyle(el).animationName)).toBe('none');
});
