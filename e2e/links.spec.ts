import { expect, test } from '@playwright/test';
import { toBase64Url } from '../src/links/base64url.ts';
import { decodeLink, encodeLink } from '../src/links/codec.ts';
import { deflate } from '../src/links/compress.ts';
import { SCENARIO_VERSION, type Scenario } from '../src/sim/scenario.ts';
import { DEFAULT_SETTINGS } from '../src/sim/settings.ts';
import { readFileSync } from 'node:fs';
import { enginePicture, TravelPage } from './pages/TravelPage.ts';

test('actions are recorded; a copied link opens in a fresh page at the same moment with the same states and logs', async ({
  page,
  browser,
  context,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const app = new TravelPage(page);
  await app.goto();
  const first = await app.waitForLeader();
  await app.clientWrite(2);
  await app.crash(first.id);
  const second = await app.waitForLeader({ not: first.id });
  await app.split('majority');
  await app.clientWrite(1);
  await app.waitForSimTime((await app.simTime()) + 300);
  await app.pause();
  const here = await app.picture();
  expect(here.entries.length).toBeGreaterThanOrEqual(3);
  expect(here.nodes.find((n) => n.id === first.id)?.alive).toBe(false);
  expect(here.nodes.find((n) => n.id === second.id)?.role).toBe('leader');

  const link = await app.copyLink();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);
  expect(link.length).toBeLessThan(2000);
  // The link holds every action with its simulated time, and the moment shown.
  const state = await decodeLink(link);
  expect(state.time).toBe(here.t);
  expect(state.playing).toBe(false);
  expect(state.scenario.actions.map((a) => a.type)).toEqual(['write', 'write', 'crash', 'partition', 'write']);
  // What the engine computes for that scenario at that moment is what the page shows.
  expect(enginePicture(state.scenario, state.time)).toEqual(here);

  const fresh = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const other = new TravelPage(await fresh.newPage());
  await other.open(link);
  await other.expectPicture(here);
  await expect(other.button('Play')).toBeVisible();
  // Paused means paused: the moment stays.
  await other.page.waitForTimeout(300);
  expect(await other.simTime()).toBe(here.t);
  expect(other.errors).toEqual([]);
  await fresh.close();
  expect(app.errors).toEqual([]);
});

test('a link copied while playing resumes playing from its moment', async ({ page }) => {
  const app = new TravelPage(page);
  await app.goto(20);
  await app.waitForLeader();
  const link = await app.copyLink();
  const { time, playing } = await decodeLink(link);
  expect(playing).toBe(true);
  // The copied URL keeps the page's own query (here ?speed=20), so it opens at the same speed.
  expect(link).toContain('?speed=20#run=');
  await app.open(link);
  await expect.poll(() => app.simTime()).toBeGreaterThan(time);
  await expect(app.button('Pause')).toBeVisible();
  expect(app.errors).toEqual([]);
});

test('a scenario exports as the JSON file the command line runs, and a bad file is refused naming the field', async ({ page }) => {
  const app = new TravelPage(page);
  await app.goto();
  await app.waitForLeader();
  await app.clientWrite(1);
  await app.pause();
  const t = await app.simTime();
  const download = page.waitForEvent('download');
  await app.button('Export scenario').click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('raft-scenario.json');
  const doc = JSON.parse(readFileSync(await file.path(), 'utf8')) as Scenario;
  expect(doc.until).toBe(t);
  expect(doc.actions.map((a) => a.type)).toEqual(['write']);

  const input = page.getByLabel('Import scenario file');
  const bad = JSON.stringify({ ...doc, settings: { ...doc.settings, nodes: 40 } });
  await input.setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from(bad) });
  await expect(app.problem).toContainText('bad.json could not be imported.');
  await expect(app.problem).toContainText('settings.nodes: must be between 1 and 9 (got 40)');
  await page.getByRole('button', { name: 'Dismiss' }).click();

  const good = JSON.stringify({ ...doc, name: 'three', settings: { ...doc.settings, nodes: 3 } });
  await input.setInputFiles({ name: 'three.json', mimeType: 'application/json', buffer: Buffer.from(good) });
  await expect(page.locator('.ring [data-node]')).toHaveCount(3);
  await app.waitForLeader();
  // The settings form shows the imported run's settings, not the ones it had before.
  await app.openSettings();
  await expect(page.getByLabel('Cluster size', { exact: true })).toHaveValue('3');
  expect(app.errors).toEqual([]);
});

async function brokenLinks(): Promise<Record<string, { hash: string; says: RegExp }>> {
  const scenario: Scenario = { version: SCENARIO_VERSION, settings: DEFAULT_SETTINGS, actions: [{ at: 500, type: 'crash', node: 'S1' }] };
  const good = await encodeLink({ scenario, time: 1000, playing: false });
  const body = good.slice('run=2.'.length);
  const flipped = body.slice(0, 10) + (body[10] === 'A' ? 'B' : 'A') + body.slice(11, 14) + (body[14] === 'x' ? 'y' : 'x') + body.slice(15);
  const nine = await encodeLink({ scenario: { ...scenario, settings: { ...DEFAULT_SETTINGS, nodes: 12 } }, time: 1000, playing: false });
  const far = await encodeLink({ scenario, time: 1e8, playing: true });
  // Issue 13's case: 9 servers, 1 ms heartbeat, 2-3 ms timeouts, moment at an hour.
  const churn = { ...DEFAULT_SETTINGS, nodes: 9, heartbeat: 1, electionTimeout: [2, 3] as const };
  const costly = await encodeLink({ scenario: { ...scenario, settings: churn }, time: 3_600_000, playing: false });
  // Issue 13's case 8: a small link that unpacks to megabytes is too large, not "damaged".
  const bomb = `{"v":1,"s":[],"a":[],"t":0,"p":0,"n":"${'a'.repeat(3_000_000)}"}`;
  const bombHash = `run=2.${toBase64Url(await deflate(new TextEncoder().encode(bomb)))}`;
  return {
    'unpacks too large': { hash: bombHash, says: /unpacks to more than 1,000,000 bytes: too large to be a scenario link/ },
    truncated: { hash: good.slice(0, Math.floor(good.length / 2)), says: /cut short|damaged/ },
    corrupted: { hash: `run=2.${flipped}`, says: /damaged/ },
    'future version': { hash: `run=7.${body}`, says: /newer version of the app \(link format 7/ },
    'out-of-range node count': { hash: nine, says: /settings\.nodes: must be between 1 and 9 \(got 12\)/ },
    'too far into the run': {
      hash: far,
      says: /for 100000 s of cluster time is about .* events to replay; this page replays at most 1\.8 million/,
    },
    'too costly to replay': {
      hash: costly,
      says: /9 servers with a 1 ms heartbeat and 2-3 ms timeouts \(elections never stop\) for 3600 s/,
    },
    garbage: { hash: 'run=2.<script>alert(1)</script>', says: /characters a scenario link never has/ },
  };
}

test('broken links say what is wrong, open the default scenario, and the app stays usable', async ({ page }) => {
  test.setTimeout(120_000);
  const app = new TravelPage(page);
  for (const [kind, { hash, says }] of Object.entries(await brokenLinks())) {
    await test.step(kind, async () => {
      await page.goto('about:blank');
      await app.open(`./?speed=100#${hash}`);
      await expect(app.problem).toContainText('This link could not be opened.');
      await expect(app.problem).toContainText(says);
      await expect(app.problem).toContainText('The default scenario is running instead.');
      if (kind === 'future version') await app.shot('broken-link');
      await expect(page.locator('.ring [data-node]')).toHaveCount(5);
      const leader = await app.waitForLeader();
      await app.crash(leader.id);
      await app.waitForLeader({ not: leader.id });
      await page.getByRole('button', { name: 'Dismiss' }).click();
      await expect(app.problem).toHaveCount(0);
    });
  }
  expect(app.errors).toEqual([]);
});

test('a link carrying markup opens as text: nothing from it becomes HTML or runs', async ({ page }) => {
  const name = '<img src=x onerror="window.__pwned=1">';
  const scenario: Scenario = { version: SCENARIO_VERSION, name, settings: DEFAULT_SETTINGS, actions: [] };
  const app = new TravelPage(page);
  await app.open(`./?speed=100#${await encodeLink({ scenario, time: 800, playing: false })}`);
  await expect.poll(() => app.simTime()).toBe(800);
  await expect(app.problem).toHaveCount(0);
  expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
  await expect(page.locator('img[src="x"]')).toHaveCount(0);
  // The link that page copies carries the name on, still as data.
  expect((await decodeLink(await app.copyLink())).scenario.name).toBe(name);
  expect(app.errors).toEqual([]);
});

test('when the browser refuses the clipboard, the link is shown selected to copy by hand', async ({ page }) => {
  await page.addInitScript(() => {
    Object.defineProperty(navigator, 'clipboard', {
      value: { writeText: () => Promise.reject(new DOMException('denied', 'NotAllowedError')) },
    });
  });
  const app = new TravelPage(page);
  await app.goto();
  await app.waitForLeader();
  await app.pause();
  const link = await app.copyLink();
  await expect(page.locator('.share-link')).toContainText('The browser did not allow copying');
  expect((await decodeLink(link)).time).toBe(await app.simTime());
  expect(
    await page.getByRole('textbox', { name: 'Link to this run' }).evaluate((el) => {
      const input = el as HTMLInputElement;
      return input.selectionEnd! - input.selectionStart!;
    }),
  ).toBe(link.length);
  expect(app.errors).toEqual([]);
});
