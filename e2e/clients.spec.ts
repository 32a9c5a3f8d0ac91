import { expect, test } from '@playwright/test';
import { SHOTS } from './pages/ClusterPage.ts';
import { TravelPage } from './pages/TravelPage.ts';

// What clients see (issue 15, point 4): the side column's "Client history" lists each write, the
// server that answered it and whether it was acknowledged, with the worker's linearizability check.

test('the client history lists acknowledged, refused and unacknowledged writes, and checks them', async ({ page }) => {
  const app = new TravelPage(page);
  await app.goto(20);
  const card = page.getByRole('region', { name: 'Client history' });
  // Nothing to show before a client writes.
  await expect(card).toHaveCount(0);
  const leader = await app.waitForLeader();
  await app.clientWrite(2);
  await expect(card.locator('[data-outcome="acknowledged"]')).toHaveCount(2);
  await expect(card.locator('[data-verdict]')).toHaveText('linearizable');
  await expect(card).toContainText(`x=1 at`);
  await expect(card.locator('[data-outcome="acknowledged"]').first()).toContainText(`to ${leader.id}`);

  // Paused: a write to a follower is refused, naming the leader; one to the leader waits for its
  // commit, and the leader crashes before it can answer.
  await app.pause();
  const follower = leader.id === 'S1' ? 'S2' : 'S1';
  await app.writeTo(follower);
  const refused = card.locator('[data-outcome="refused"]');
  await expect(refused).toHaveCount(1);
  await expect(refused).toContainText(`to ${follower}`);
  await expect(refused).toContainText(`refused: ${leader.id} leads`);
  await app.writeTo(leader.id);
  const waiting = card.locator('[data-outcome="unacknowledged"]');
  await expect(waiting).toHaveCount(1);
  await expect(waiting).toContainText('accepted, no answer yet');
  await app.crash(leader.id);
  await app.play();
  await app.waitForLeader({ not: leader.id, minTerm: leader.term + 1 });
  await app.clientWrite(1);
  await expect(card.locator('[data-outcome="acknowledged"]')).toHaveCount(3);
  // The crashed leader never answers: the client cannot tell whether its write took effect.
  await expect(waiting).toHaveCount(1);
  await expect(card.locator('.client-counts')).toHaveText(
    '3\u00a0acknowledged · 1\u00a0without\u00a0an\u00a0answer · 1\u00a0refused · 0\u00a0lost',
  );
  await expect(card.locator('[data-verdict]')).toHaveText('linearizable');
  await expect(card.locator('[data-culprit]')).toHaveCount(0);

  await app.pause();
  for (const size of [
    { width: 1280, height: 720 },
    { width: 1920, height: 1080 },
    { width: 768, height: 1024 },
  ]) {
    await page.setViewportSize(size);
    await card.scrollIntoViewIfNeeded();
    const box = (await card.boundingBox())!;
    // The card is whole in the window once scrolled to, and inside the page's width.
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(size.width);
    expect(box.height).toBeLessThanOrEqual(size.height);
    await page.screenshot({ path: `${SHOTS}/client-history-${size.width}x${size.height}.png` });
  }
});
