import { expect, test, type Page } from '@playwright/test';
import { decodeLink, encodeLink } from '../src/links/codec.ts';
import { onGrid } from '../src/engine/time.ts';
import type { Scenario } from '../src/sim/scenario.ts';
import { DEFAULT_SETTINGS } from '../src/sim/settings.ts';
import { Simulation } from '../src/sim/simulation.ts';
import { SHOTS } from './pages/ClusterPage.ts';
import { enginePicture, TravelPage } from './pages/TravelPage.ts';
import { atEachSize } from './sizes.ts';

// Issue 15, point 1: one message at a time. A message in flight chosen on the ring or in the
// space-time diagram opens a menu (drop, hold or release, deliver now, delay, duplicate); each
// choice is an action of the run, said in the feed, carried by the link and replayed from it.

const scenario: Scenario = { version: 1, settings: { ...DEFAULT_SETTINGS, seed: 7 }, actions: [{ at: 0, type: 'timeoutNow', node: 'S1' }] };

/** A moment a little after S1 sent a round of heartbeats (worked out in Node), and two of them. */
function heartbeatMoment(): { t: number; a: number; b: number } {
  const sim = Simulation.fromScenario(scenario);
  sim.runUntil(1000);
  for (;;) {
    const beats = [...sim.inFlight()].filter((f) => f.message.rpc.type === 'AppendEntries' && f.sentAt === sim.now);
    if (beats.length >= 4) {
      const [a, b] = [beats.find((f) => f.message.to === 'S2')!, beats.find((f) => f.message.to === 'S3')!];
      return { t: onGrid(sim.now + 3), a: a.message.id, b: b.message.id };
    }
    sim.stepMoment();
  }
}

/** Where message `id` is drawn on the ring, in page pixels: hovering its arrow rings it there. */
async function ringPoint(page: Page, id: number): Promise<{ x: number; y: number }> {
  const arrow = page.locator(`.spacetime [data-message="${id}"]`);
  await arrow.locator('.st-hit').dispatchEvent('mouseover');
  const halo = page.locator('.ring-highlight');
  await expect(halo).toHaveAttribute('data-highlight', String(id));
  const [x, y] = [Number(await halo.getAttribute('data-x')), Number(await halo.getAttribute('data-y'))];
  await arrow.locator('.st-hit').dispatchEvent('mouseout');
  await page.locator('svg.ring').scrollIntoViewIfNeeded();
  const box = (await page.locator('svg.ring').boundingBox())!;
  return { x: box.x + x, y: box.y + y };
}

async function clickOnRing(page: Page, id: number): Promise<void> {
  const at = await ringPoint(page, id);
  await page.mouse.click(at.x, at.y);
  await expect(page.locator(`[data-message-menu="${id}"]`)).toBeVisible();
}

const feedLines = (page: Page) => page.locator('.feed-list .feed-item');

test('drop one message and hold and release another by clicking them on the ring; the feed says so; the link replays it', async ({
  page,
  context,
}) => {
  const { t, a, b } = heartbeatMoment();
  const app = new TravelPage(page);
  await app.open(`./?speed=20#${await encodeLink({ scenario, time: t, playing: false })}`);
  await expect.poll(() => app.simTime()).toBe(t);

  // Drop S1's heartbeat to S2: the menu names it, the feed says it was dropped.
  await clickOnRing(page, a);
  const menu = page.locator(`[data-message-menu="${a}"]`);
  await expect(menu).toHaveAccessibleName("Act on S1's heartbeat to S2");
  await expect(menu.getByRole('button')).toHaveText(['✕', 'Drop it', 'Hold it', 'Deliver it now', 'Duplicate it', 'Delay it by']);
  await page.screenshot({ path: `${SHOTS}/message-menu-ring.png` });
  await menu.getByRole('button', { name: 'Drop it' }).click();
  await expect(menu).toHaveCount(0);
  await expect(feedLines(page).filter({ hasText: "You dropped S1's heartbeat to S2: it never arrives" })).toHaveCount(1);

  // Hold S1's heartbeat to S3: it stays on the wire past its arrival, drawn held.
  await clickOnRing(page, b);
  await page.locator(`[data-message-menu="${b}"]`).getByRole('button', { name: 'Hold it' }).click();
  await expect(feedLines(page).filter({ hasText: "You held S1's heartbeat to S3: it waits where it is until released" })).toHaveCount(1);
  await expect(page.locator('.ring-canvas')).toHaveAttribute('data-held', String(b));
  await app.seek(Math.ceil(t) + 120);
  await expect(page.locator('.ring-canvas')).toHaveAttribute('data-held', String(b));
  const held = page.locator(`.spacetime [data-message="${b}"]`);
  await expect(held).toHaveClass(/is-held/);
  await expect(held).toHaveAccessibleName("S1's heartbeat to S3, held: choose what to do with it");

  // From the keyboard: the held arrow opens the menu with the focus in it; Escape gives it back.
  await held.focus();
  await page.keyboard.press('Enter');
  const keyMenu = page.locator(`[data-message-menu="${b}"]`);
  await expect(keyMenu.getByRole('button', { name: 'Drop it' })).toBeFocused();
  await expect(keyMenu.getByRole('button', { name: 'Release it' })).toBeVisible();
  await page.locator('.spacetime-card').screenshot({ path: `${SHOTS}/message-held-diagram.png` });
  await page.keyboard.press('Escape');
  await expect(keyMenu).toHaveCount(0);
  await expect(held).toBeFocused();

  // Still where it was held on the ring: click it there and release it.
  await page.locator('.stage').screenshot({ path: `${SHOTS}/message-held-ring.png` });
  await clickOnRing(page, b);
  await page.locator(`[data-message-menu="${b}"]`).getByRole('button', { name: 'Release it' }).click();
  await expect(feedLines(page).filter({ hasText: /You released S1's heartbeat to S3: it moves on and arrives at [\d.]+ ms/ })).toHaveCount(
    1,
  );
  await expect(page.locator('.ring-canvas')).toHaveAttribute('data-held', '');
  await app.seek(Math.ceil(t) + 400);
  const picture = await app.picture();

  // The link holds the three actions, and a fresh page replays them to the same outcome.
  const link = await app.copyLink();
  const { scenario: shared } = await decodeLink(link);
  expect(shared.actions.slice(1).map((x) => x.type)).toEqual(['dropMessage', 'holdMessage', 'releaseMessage']);
  expect(shared.actions.slice(1).map((x) => ('message' in x ? x.message : null))).toEqual([a, b, b]);
  const other = new TravelPage(await context.newPage());
  await other.open(link);
  await expect.poll(() => other.simTime()).toBe(Math.ceil(t) + 400);
  await other.expectPicture(picture);
  await other.expectPicture(enginePicture(shared, Math.ceil(t) + 400));
  for (const line of ["You dropped S1's heartbeat to S2", "You held S1's heartbeat to S3", "You released S1's heartbeat to S3"]) {
    await expect(feedLines(other.page).filter({ hasText: line })).toHaveCount(1);
  }
  // Where the run is replayed the dropped heartbeat is a cut-short arrow, lost by hand.
  await other.seek(Math.ceil(t) + 30);
  await expect(other.page.locator(`.spacetime [data-message="${a}"] title`)).toContainText('dropped by hand');
  expect(app.errors).toEqual([]);
  expect(other.errors).toEqual([]);
});

test('a message acted on after it has arrived: the menu still answers, and the feed says there was nothing to do', async ({ page }) => {
  const { t, a } = heartbeatMoment();
  const app = new TravelPage(page);
  await app.open(`./?speed=20#${await encodeLink({ scenario, time: t, playing: false })}`);
  await clickOnRing(page, a);
  // The run moves on (the menu pauses nothing) and the heartbeat arrives meanwhile.
  await app.seek(Math.ceil(t) + 30);
  await page.locator(`[data-message-menu="${a}"]`).getByRole('button', { name: 'Duplicate it' }).click();
  await expect(
    feedLines(page).filter({ hasText: `Message #${a} is no longer on the wire (it arrived or was dropped): nothing to duplicate` }),
  ).toHaveCount(1);
  expect(app.errors).toEqual([]);
});

atEachSize((size) => {
  test('the message menu opens whole on screen beside the message, from the ring and from the diagram', async ({ page }) => {
    const { t, b } = heartbeatMoment();
    const app = new TravelPage(page);
    await app.open(`./?speed=20#${await encodeLink({ scenario, time: t, playing: false })}`);
    await clickOnRing(page, b);
    const menu = page.locator(`[data-message-menu="${b}"]`);
    const inView = async () => {
      // Relative to the viewport: the whole menu is on the screen as it stands.
      const box = (await menu.boundingBox())!;
      return box.x >= 0 && box.y >= 0 && box.x + box.width <= size.width && box.y + box.height <= size.height;
    };
    expect(await inView()).toBe(true);
    await page.screenshot({ path: `${SHOTS}/message-menu-ring-${size.width}x${size.height}.png` });
    await page.keyboard.press('Escape');
    await expect(menu).toHaveCount(0);
    const arrow = page.locator(`.spacetime [data-message="${b}"]`);
    await arrow.scrollIntoViewIfNeeded();
    await arrow.focus();
    await page.keyboard.press('Enter');
    await expect(menu.getByRole('button', { name: 'Drop it' })).toBeFocused();
    expect(await inView()).toBe(true);
    await page.screenshot({ path: `${SHOTS}/message-menu-diagram-${size.width}x${size.height}.png` });
  });
});
