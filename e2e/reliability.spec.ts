import { expect, test, type Page } from '@playwright/test';
import { encodeLink } from '../src/links/codec.ts';
import { SCENARIO_VERSION, type Action, type Scenario } from '../src/sim/scenario.ts';
import { DEFAULT_SETTINGS } from '../src/sim/settings.ts';
import { ClusterPage } from './pages/ClusterPage.ts';

// Issue 13's cases of long but healthy work and of frames too big to draw, each as a link of the
// same shape as the issue's, opened in the built app.

const writes = (count: number, from: number, every: number): Action[] =>
  Array.from({ length: count }, (_, i) => ({ at: from + i * every, type: 'write' as const, key: 'k', value: String(i % 10) }));

async function elementCount(page: Page): Promise<number> {
  return page.evaluate(() => document.getElementsByTagName('*').length);
}

test('a link an hour into a run of 10,000 writes replays with progress, can be stopped, and never trips the watchdog', async ({ page }) => {
  test.setTimeout(180_000);
  const scenario: Scenario = { version: SCENARIO_VERSION, settings: DEFAULT_SETTINGS, actions: writes(10_000, 1000, 359) };
  const hash = await encodeLink({ scenario, time: 3_600_000, playing: false });
  const app = new ClusterPage(page);
  await page.goto(`./?speed=100#${hash}`);
  const progress = page.getByTestId('replay-progress');
  await expect(progress).toContainText(/Replaying \d+ of 60 simulated minutes/, { timeout: 20_000 });
  await app.shot('replay-progress');
  // Stopped: the moment reached is shown, paused, and the run can be played on from there.
  await progress.getByRole('button', { name: 'Stop here' }).click();
  await expect(progress).toHaveCount(0);
  const stopped = await app.simTime();
  expect(stopped).toBeGreaterThan(0);
  expect(stopped).toBeLessThan(3_600_000);
  await expect(page.getByRole('alert')).toHaveCount(0);

  // Opened again and left alone, it reaches its moment, however long that takes, without the
  // page ever saying the simulation stopped answering.
  await page.goto('about:blank');
  await page.goto(`./?speed=100#${hash}`);
  await expect(progress).toBeVisible({ timeout: 20_000 });
  await expect
    .poll(
      async () => {
        await expect(page.getByRole('alert')).toHaveCount(0);
        return progress.count();
      },
      { timeout: 150_000, intervals: [1000] },
    )
    .toBe(0);
  expect(await app.simTime()).toBe(3_600_000);
  await expect(page.locator('.ring [data-node]')).toHaveCount(5);
  await expect(page.getByRole('alert')).toHaveCount(0);
  expect(app.errors).toEqual([]);
});

test('10,000 writes in one millisecond open at their moment, the leader holding them all, and the page keeps answering', async ({
  page,
}) => {
  // Issue 13's case 3, the same link shape: 10,000 client writes at 1.5 s, the moment at 3 s. The
  // burst is simulated inside one millisecond no replay slice can split; with the leader's commit
  // rule linear in it (it was quadratic: 8 s for that millisecond, 38 s for the next 40 ms), it
  // replays well inside the watchdog's 8 s.
  const scenario: Scenario = { version: SCENARIO_VERSION, settings: DEFAULT_SETTINGS, actions: writes(10_000, 1500, 0) };
  const hash = await encodeLink({ scenario, time: 3000, playing: false });
  const app = new ClusterPage(page);
  await page.goto(`./?speed=100#${hash}`);
  await expect.poll(() => app.simTime(), { timeout: 30_000 }).toBe(3000);
  // The leader took the no-op and all 10,000 writes; 64 entries a message, the followers are
  // still catching up, and what a majority holds is committed.
  const leader = await app.waitForLeader();
  const strip = page.locator(`.ring [data-log-of="${leader.id}"]`);
  await expect(strip).toHaveAttribute('data-length', '10001');
  const committed = Number(await strip.getAttribute('data-commit-index'));
  expect(committed).toBeGreaterThan(1000);
  await expect(page.locator('.open-problem')).toHaveCount(0);
  // It plays on, committing more, and keeps answering well past the watchdog's 8 s.
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await page.waitForTimeout(9000);
  expect(await app.simTime()).toBeGreaterThan(3000);
  expect(Number(await strip.getAttribute('data-commit-index'))).toBeGreaterThan(committed);
  await expect(page.getByRole('alert')).toHaveCount(0);
  expect(app.errors).toEqual([]);
});

test('nine servers with a long latency: every frame is bounded and says what it left out', async ({ page }) => {
  test.setTimeout(120_000);
  // The shape of issue 13's case 5 (9 servers, 1 ms heartbeat, 2-3 ms timeouts, a latency longer
  // than everything): elections never stop and nothing arrives, so messages pile up on the wire.
  const settings = { ...DEFAULT_SETTINGS, nodes: 9, heartbeat: 1, electionTimeout: [2, 3] as const, latency: [2000, 2000] as const };
  const hash = await encodeLink({ scenario: { version: SCENARIO_VERSION, settings, actions: [] }, time: 3000, playing: false });
  const app = new ClusterPage(page);
  await page.goto(`./?speed=100#${hash}`);
  await expect.poll(() => app.simTime(), { timeout: 60_000 }).toBe(3000);
  // The clock shows the link's moment while the replay is still on its way there (and the replay's
  // progress bar may not be up yet): wait for the frame the replay ends on, however long it takes.
  await expect(page.getByTestId('flights-not-drawn')).toContainText(/more messages in flight not drawn/, { timeout: 90_000 });
  await expect(page.getByTestId('marks-not-drawn')).toContainText(/more earlier marks not drawn/);
  await expect(page.locator('details.spacetime-card')).toHaveAttribute('open', '');
  await expect(page.getByTestId('spacetime-not-drawn')).toContainText(/more older messages of this window not drawn/);
  expect(await elementCount(page)).toBeLessThan(15_000);
  await app.shot('bounded-frame');
  await expect(page.getByRole('alert')).toHaveCount(0);
  expect(app.errors).toEqual([]);
});

test('duplicate 0.99: the space-time diagram stays a few thousand elements and the page keeps answering', async ({ page }) => {
  // Issue 13's case 2, the same link shape: five servers, every message almost always doubled.
  const settings = { ...DEFAULT_SETTINGS, duplicate: 0.99 };
  const hash = await encodeLink({ scenario: { version: SCENARIO_VERSION, settings, actions: [] }, time: 5000, playing: true });
  const app = new ClusterPage(page);
  await page.goto(`./?speed=100#${hash}`);
  await expect(page.locator('details.spacetime-card')).toHaveAttribute('open', '');
  await app.waitForSimTime(8000);
  await expect(page.locator('.spacetime svg')).toBeVisible();
  await app.waitForLeader();
  expect(await elementCount(page)).toBeLessThan(15_000);
  await expect(page.getByRole('alert')).toHaveCount(0);
  expect(app.errors).toEqual([]);
});

test('duplicate 1: every message doubled, the run opens, elects a leader and keeps answering, with no error shown', async ({ page }) => {
  // Issue 13's case 1, the same link shape (it stopped the simulation with "RangeError: Maximum
  // call stack size exceeded", and Restart failed again in 3 ms): every message delivered twice.
  const settings = { ...DEFAULT_SETTINGS, duplicate: 1 };
  const hash = await encodeLink({ scenario: { version: SCENARIO_VERSION, settings, actions: [] }, time: 2000, playing: true });
  const app = new ClusterPage(page);
  await page.goto(`./?speed=100#${hash}`);
  await app.waitForSimTime(4000);
  await app.waitForLeader();
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(page.locator('body')).not.toContainText(/RangeError|Maximum call stack/);
  expect(app.errors).toEqual([]);
});
