import { expect, test } from '@playwright/test';
import { decodeLink } from '../src/links/codec.ts';
import { Timeline } from '../src/sim/timeline.ts';
import { enginePicture, TravelPage } from './pages/TravelPage.ts';

test('scrubbing back and forth shows the states the engine reports for those times; steps go one event', async ({ page }) => {
  const app = new TravelPage(page);
  await app.goto();
  const first = await app.waitForLeader();
  await app.clientWrite(2);
  await app.waitForSimTime((await app.simTime()) + 200);
  await app.crash(first.id);
  await app.waitForLeader({ not: first.id });
  await app.waitForSimTime((await app.simTime()) + 500);
  await app.pause();
  const end = await app.simTime();
  const { scenario } = await decodeLink(await app.copyLink());

  // Marks for the elections, the leaders, the crash and the commits are on the timeline.
  for (const kind of ['election', 'leader', 'crash', 'commit'])
    await expect(page.locator(`.timeline .mark-${kind}`).first()).toBeAttached();
  await expect(page.locator('.timeline')).toHaveAttribute('data-horizon', String(end));

  // The slider moves in whole milliseconds; the paused moment may fall between them.
  const last = Math.floor(end);
  for (const t of [Math.round(end / 2), 120, last - 1, Math.round(end / 3), last]) {
    await app.seek(t);
    await app.expectPicture(enginePicture(scenario, t));
  }
  // Back before the crash: the crashed leader is up and leading again, and the feed ends there.
  const crashAt = scenario.actions.find((a) => a.type === 'crash')!.at;
  await app.seek(Math.floor(crashAt) - 1); // clicked while playing: the crash may fall between milliseconds
  await expect.poll(async () => (await app.nodeStates()).find((n) => n.id === first.id)).toMatchObject({ alive: true, role: 'leader' });
  const feedTimes = await page.locator('.feed-list li').evaluateAll((els) => els.map((el) => el.textContent ?? ''));
  expect(feedTimes.join('\n')).not.toMatch(/crashed/);

  // A real drag with the mouse lands somewhere; whatever time it shows, the states are the engine's.
  await app.drag(0.8, 0.3);
  const dragged = await app.simTime();
  expect(dragged).toBeLessThan(end);
  await app.expectPicture(enginePicture(scenario, dragged));

  // One event back and one forward, exactly as the Timeline steps in Node.
  const timeline = new Timeline(scenario);
  timeline.advance(end);
  timeline.seek(dragged);
  timeline.stepBack();
  await app.button('Step back').click();
  await expect.poll(() => app.simTime()).toBe(timeline.now);
  await app.expectPicture(enginePicture(scenario, timeline.now));
  timeline.stepForward();
  await app.button('Step forward').click();
  await expect.poll(() => app.simTime()).toBe(timeline.now);
  await app.expectPicture(enginePicture(scenario, timeline.now));

  // Back in the past the page says so, and one click returns to the latest moment explored.
  await expect(page.locator('.timeline-past')).toContainText('an action here starts a new branch');
  await app.button('Go to the latest moment').click();
  await expect.poll(() => app.simTime()).toBe(end);
  await expect(page.locator('.timeline-past')).toHaveCount(0);
  await app.seek(Math.floor(timeline.now)); // the slider moves in whole milliseconds

  // Play on from here: time runs again past the moment.
  const from = await app.simTime();
  await app.button('Play').click();
  await expect.poll(() => app.simTime()).toBeGreaterThan(from + 100);
  await app.pause();
  await app.fullShot('timeline');
  expect(app.errors).toEqual([]);
});

test('the space-time diagram and the ring highlight the same message, either way round', async ({ page }) => {
  const app = new TravelPage(page);
  await app.goto(20);
  await app.waitForLeader();
  await app.waitForMessagesInFlight(2);
  await app.pause();
  await expect(app.diagram.locator('[data-message]').first()).toBeAttached();
  // A message still on the wire at the moment shown is drawn both as an arrow and on the ring.
  const flying = app.diagram.locator('[data-message]').filter({ has: page.locator('title', { hasText: 'in flight' }) });
  // Between heartbeat rounds the wire can be empty: step on to a moment with a message on it.
  for (let i = 0; i < 30 && (await flying.count()) === 0; i++) {
    const t = await app.simTime();
    await app.button('Step forward').click();
    await expect.poll(() => app.simTime()).toBeGreaterThan(t);
  }
  const id = await flying.first().getAttribute('data-message');
  const inFlight = app.diagram.locator(`[data-message="${id}"]`);
  // Arrows of one heartbeat round overlap where they leave the leader: point at this one exactly.
  await inFlight.locator('.st-hit').dispatchEvent('mouseover');
  await expect(inFlight).toHaveClass(/is-hot/);
  const halo = page.locator('.ring-highlight');
  await expect(halo).toHaveAttribute('data-highlight', id!);
  const x = Number(await halo.getAttribute('data-x'));
  const y = Number(await halo.getAttribute('data-y'));
  await page.locator('.stage').screenshot({ path: 'screenshots/tmp/spacetime-ring.png' });
  await page.locator('.spacetime-card').screenshot({ path: 'screenshots/tmp/spacetime.png' });
  // Now from the ring: leave, then point at the message where the ring draws it.
  await inFlight.locator('.st-hit').dispatchEvent('mouseout');
  await expect(inFlight).not.toHaveClass(/is-hot/);
  await page.locator('svg.ring').scrollIntoViewIfNeeded();
  const box = (await page.locator('svg.ring').boundingBox())!;
  await page.mouse.move(box.x + x, box.y + y);
  await expect(app.diagram.locator(`[data-message="${id}"]`)).toHaveClass(/is-hot/);
  await expect(halo).toHaveAttribute('data-highlight', id!);
  expect(app.errors).toEqual([]);
});

test('acting in the past starts a new branch: the app says the old future was replaced and the link follows it', async ({ page }) => {
  const app = new TravelPage(page);
  await app.goto(50);
  await app.waitForLeader();
  // The write is sent while paused, so its moment is known however slow the machine: the test
  // goes back to half a second after it, well before the split.
  await app.pause();
  await app.clientWrite(1);
  await app.play();
  await app.waitForSimTime(2500);
  await app.split('majority');
  await app.waitForSimTime((await app.simTime()) + 400);
  await app.pause();
  const before = await decodeLink(await app.copyLink());
  expect(before.scenario.actions.map((a) => a.type)).toEqual(['write', 'partition']);
  // Whole milliseconds: the timeline moves in steps of one.
  const back = Math.ceil(before.scenario.actions[0]!.at) + 500;
  expect(back).toBeLessThan(before.scenario.actions[1]!.at);

  await app.seek(back);
  await app.crash('S3');
  const notice = page.locator('.branch-notice');
  await expect(notice).toContainText('what happened after that moment was replaced');
  await expect(notice).toContainText(`${(back / 1000).toFixed(3)} s`);
  await expect(page.locator('.timeline')).toHaveAttribute('data-horizon', String(back));
  await expect(page.locator('.timeline .mark-partition')).toHaveCount(0);
  await app.fullShot('branch-notice');

  const after = await decodeLink(await app.copyLink());
  expect(after.scenario.actions.map((a) => [a.type, a.at])).toEqual([
    ['write', before.scenario.actions[0]!.at],
    ['crash', back],
  ]);
  expect(after.time).toBe(back);
  await app.expectPicture(enginePicture(after.scenario, back));
  await page.getByRole('button', { name: 'Dismiss' }).click();
  await expect(notice).toHaveCount(0);
  expect(app.errors).toEqual([]);
});
