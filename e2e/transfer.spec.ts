import { expect, test } from '@playwright/test';
import { decodeLink } from '../src/links/codec.ts';
import { SHOTS } from './pages/ClusterPage.ts';
import { enginePicture, TravelPage } from './pages/TravelPage.ts';

// Leadership transfer (Raft thesis §3.10) from the page: a server's actions offer "Hand
// leadership to S…"; the leader says it is handing over, refuses writes meanwhile, and the feed
// says each step until the chosen server leads the next term. A copied link replays it.

test('handing leadership to a chosen server from its actions and from the keyboard, then replaying it from the copied link', async ({
  page,
  browser,
}) => {
  const app = new TravelPage(page);
  await app.goto(20);
  const first = await app.waitForLeader();
  await app.waitForSimTime((await app.simTime()) + 200);
  await app.pause();
  const target = first.id === 'S2' ? 'S4' : 'S2';

  // The leader's own actions offer no handover to itself.
  await app.select(first.id);
  await expect(page.getByRole('button', { name: /^Hand leadership to/ })).toHaveCount(0);

  await app.select(target);
  await app.button(`Hand leadership to ${target}`).click();
  // Paused: the leader stands there handing over, and says so on the ring and to screen readers.
  const leaderNode = app.node(first.id);
  await expect(leaderNode).toHaveAttribute('data-handing-to', target);
  await expect(leaderNode).toHaveAttribute('aria-label', new RegExp(`handing leadership to ${target}, taking no writes`));
  await expect(page.locator('.ring .node-sub.is-handing')).toHaveText(`handover to ${target}`);
  await expect(app.button(`Hand leadership to ${target}`)).toBeDisabled();
  // The leader's panel says it too.
  await app.select(first.id);
  await expect(page.getByRole('region', { name: `Server ${first.id}` })).toContainText(`to ${target}: no client writes until it leads`);
  await app.fullShot('transfer-handing-over');
  // A write meanwhile is refused, saying why.
  await app.clientWrite(1);
  const feed = page.locator('.feed-list');
  await expect(feed).toContainText(`${first.id} refused the write x=1: ${first.id} is handing leadership to ${target}`);
  await expect(feed).toContainText(`${first.id} stops taking writes to hand leadership to ${target}`);

  await app.play();
  const second = await app.waitForLeader({ minTerm: first.term + 1, not: first.id });
  expect(second).toMatchObject({ id: target, term: first.term + 1 });
  await expect(feed).toContainText(`${first.id} tells ${target} to start an election now (TimeoutNow)`);
  await expect(feed).toContainText(`${target} won term ${first.term + 1}: the handover is done`);
  await expect(page.locator('.ring [data-handing-to]')).toHaveCount(0);

  // From the keyboard: choose the old leader (its number) and press L to hand the leadership back.
  await app.waitForSimTime((await app.simTime()) + 200);
  await app.pause();
  await page.keyboard.press(first.id.slice(1));
  await page.keyboard.press('l');
  await expect(app.node(target)).toHaveAttribute('data-handing-to', first.id);
  await app.play();
  const third = await app.waitForLeader({ minTerm: first.term + 2 });
  expect(third).toMatchObject({ id: first.id, term: first.term + 2 });
  await app.waitForSimTime((await app.simTime()) + 100);
  await app.pause();
  const here = await app.picture();

  const link = await app.copyLink();
  const state = await decodeLink(link);
  expect(state.scenario.actions.map((a) => a.type)).toEqual(['transfer', 'write', 'transfer']);
  expect(state.scenario.actions.filter((a) => a.type === 'transfer').map((a) => a.to)).toEqual([target, first.id]);
  expect(enginePicture(state.scenario, state.time)).toEqual(here);

  const fresh = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const other = new TravelPage(await fresh.newPage());
  await other.open(link);
  await other.expectPicture(here);
  await expect(other.page.locator('.feed-list')).toContainText(`${first.id} won term ${first.term + 2}: the handover is done`);
  expect(other.errors).toEqual([]);
  await fresh.close();
  expect(app.errors).toEqual([]);
});

test('a handover that cannot finish is abandoned after an election timeout, and the leader takes writes again', async ({ page }) => {
  const app = new TravelPage(page);
  await app.goto(20);
  const leader = await app.waitForLeader();
  await app.waitForSimTime((await app.simTime()) + 200);
  const target = leader.id === 'S1' ? 'S2' : 'S1';
  await app.pause();
  // The target crashes after the request: TimeoutNow reaches no one.
  await app.select(target);
  await app.button(`Hand leadership to ${target}`).click();
  await app.button(`Crash ${target}`).click();
  await app.play();
  const feed = page.locator('.feed-list');
  await expect(feed).toContainText(`The handover to ${target} timed out; ${leader.id} takes writes again`);
  await expect(app.node(leader.id)).not.toHaveAttribute('data-handing-to', /S/);
  expect((await app.leader())?.id).toBe(leader.id);
  // A crashed server is offered no handover.
  await app.select(target);
  await expect(app.button(`Hand leadership to ${target}`)).toBeDisabled();
  expect(app.errors).toEqual([]);
});

test.describe('screenshots of the handover', () => {
  for (const [width, height, presenter] of [
    [1280, 720, false],
    [1920, 1080, false],
    [768, 1024, false],
    [1280, 720, true],
  ] as const) {
    test(`at ${width}x${height}${presenter ? ', presenter view' : ''}: the leader handing over, and the actions offering it`, async ({
      page,
    }) => {
      await page.setViewportSize({ width, height });
      const app = new TravelPage(page);
      await app.goto(20);
      if (presenter) await page.keyboard.press('p');
      const leader = await app.waitForLeader();
      await app.waitForSimTime((await app.simTime()) + 200);
      await app.pause();
      const target = leader.id === 'S3' ? 'S5' : 'S3';
      await app.select(target);
      await expect(app.button(`Hand leadership to ${target}`)).toBeInViewport();
      const name = `${width}x${height}${presenter ? '-presenter' : ''}`;
      await page.screenshot({ path: `${SHOTS}/transfer-actions-${name}.png` });
      await app.button(`Hand leadership to ${target}`).click();
      await expect(page.locator('.ring .node-sub.is-handing')).toBeInViewport();
      await page.screenshot({ path: `${SHOTS}/transfer-handing-${name}.png` });
      expect(app.errors).toEqual([]);
    });
  }
});
