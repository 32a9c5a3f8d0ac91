import { expect, test } from '@playwright/test';
import { decodeLink } from '../src/links/codec.ts';
import { SHOTS } from './pages/ClusterPage.ts';
import { enginePicture, TravelPage } from './pages/TravelPage.ts';

// Membership change from the page (Raft thesis §4.1): "Add a server" boots S6, which joins as a
// learner (dashed ring, "learner") and is promoted once caught up, and the configuration line
// says the majority it implies; a server's actions remove it, the leader included, which steps
// down once that commits while the rest elect a new leader. A copied link replays all of it.

test('adding a server, seeing it become a voter and the majority change; removing the leader, seeing a new one; replaying from the link', async ({
  page,
  browser,
}) => {
  const app = new TravelPage(page);
  await app.goto(20);
  const first = await app.waitForLeader();
  await app.waitForSimTime((await app.simTime()) + 200);
  const config = page.locator('.status-config');
  await expect(config).toHaveText('5 servers: a leader needs 3');

  // Paused, the click lands at the moment shown: S6 is there at once, as a learner.
  await app.pause();
  await app.button('Add a server').click();
  const s6 = app.node('S6');
  await expect(s6).toHaveAttribute('data-membership', 'learner');
  await expect(page.locator('.ring .node-sub.is-learner')).toHaveText('no vote yet');
  await expect(s6).toHaveAttribute('aria-label', /a learner: it receives the log but does not vote/);
  await expect(config).toHaveText('5 servers: a leader needs 3, + learner S6');
  // One change at a time: nothing more until this one commits.
  await expect(app.button('Add a server')).toBeDisabled();
  const feed = page.locator('.feed-list');
  await expect(feed).toContainText(`S6 joined as a learner: ${first.id} sends it the log; it does not vote yet`);

  await app.play();
  await expect(s6).toHaveAttribute('data-membership', 'voter');
  await expect(config).toHaveText('6 servers: a leader needs 4');
  await expect(feed).toContainText('S6 caught up and now votes: 6 servers: a leader needs 4');
  await expect(app.button('Add a server')).toBeEnabled();

  // Remove the leader: it leads until its removal commits, then steps down; the others elect.
  await app.pause();
  await app.select(first.id);
  await app.button(`Remove ${first.id} from the cluster`).click();
  await app.play();
  const second = await app.waitForLeader({ not: first.id, minTerm: first.term + 1 });
  await expect(feed).toContainText(`${first.id} removed itself and stepped down`);
  await expect(app.node(first.id)).toHaveAttribute('data-membership', 'removed');
  await expect(config).toHaveText('5 servers: a leader needs 3');
  await app.waitForSimTime((await app.simTime()) + 100);
  await app.pause();
  const here = await app.picture();
  expect(here.nodes.map((n) => n.id)).toContain('S6');

  const link = await app.copyLink();
  const state = await decodeLink(link);
  expect(state.scenario.actions.map((a) => a.type)).toEqual(['addServer', 'removeServer']);
  expect(enginePicture(state.scenario, state.time)).toEqual(here);

  const fresh = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const other = new TravelPage(await fresh.newPage());
  await other.open(link);
  await other.expectPicture(here);
  await expect(other.page.locator('.status-config')).toHaveText('5 servers: a leader needs 3');
  await expect(other.node(first.id)).toHaveAttribute('data-membership', 'removed');
  await expect(other.node(second.id)).toHaveAttribute('data-role', 'leader');
  expect(other.errors).toEqual([]);
  await fresh.close();
  expect(app.errors).toEqual([]);
});

test.describe('screenshots of a changed configuration', () => {
  for (const [width, height] of [
    [1280, 720],
    [1920, 1080],
    [768, 1024],
  ] as const) {
    test(`at ${width}x${height}: a removed server faded, a learner dashed, the majority line`, async ({ page }) => {
      await page.setViewportSize({ width, height });
      const app = new TravelPage(page);
      await app.goto(20);
      const leader = await app.waitForLeader();
      await app.waitForSimTime((await app.simTime()) + 200);
      const gone = leader.id === 'S2' ? 'S3' : 'S2';
      await app.pause();
      await app.select(gone);
      await expect(app.button(`Remove ${gone} from the cluster`)).toBeInViewport();
      await page.screenshot({ path: `${SHOTS}/membership-actions-${width}x${height}.png` });
      await app.button(`Remove ${gone} from the cluster`).click();
      await app.play();
      await expect(app.node(gone)).toHaveAttribute('data-membership', 'removed');
      await expect(page.locator('.status-config')).toHaveText('4 servers: a leader needs 3');
      await app.waitForSimTime((await app.simTime()) + 100);
      await app.pause();
      await app.button('Add a server').click();
      await expect(app.node('S6')).toHaveAttribute('data-membership', 'learner');
      await app.select('S6');
      await app.select('S6'); // open, then close: the ring unobstructed
      await app.node('S6').click();
      await expect(page.locator('.status-config')).toBeInViewport();
      await expect(page.locator('.ring .node-sub.is-learner')).toBeInViewport();
      await expect(app.button('Add a server')).toBeInViewport();
      await page.screenshot({ path: `${SHOTS}/membership-${width}x${height}.png` });
      expect(app.errors).toEqual([]);
    });
  }
});
