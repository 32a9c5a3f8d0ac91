/**
 * Pace benchmark: opens the built app (dist/) in Chromium at the default settings and speed, as
 * a class would see it, and prints real seconds: from opening the page to the first leader drawn,
 * and from clicking "Split 3/2" to the minority's "cannot win" callout. Also prints the simulated
 * time each took, and the same with fast-forward off. Prints figures; asserts nothing.
 *
 *   npm run build && npm run bench:pace        (BENCH_RUNS=N repeats, default 3)
 */
import { chromium, type Page } from '@playwright/test';
import config from '../playwright.config.ts';
import { serveStatic } from '../e2e/support/staticServer.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);

interface Timing {
  readonly leaderReal: number;
  readonly leaderSim: number;
  readonly splitReal: number;
  readonly splitSim: number;
}

/** Real ms (page clock) when `selector` first matches, polled every display frame in the page. */
async function firstSeen(page: Page, selector: string): Promise<number> {
  const handle = await page.waitForFunction((sel) => (document.querySelector(sel) ? performance.now() : false), selector, {
    polling: 'raf',
    timeout: 120_000,
  });
  return (await handle.jsonValue()) as number;
}

const simTime = async (page: Page) => Number(await page.locator('[data-sim-time]').getAttribute('data-sim-time'));

async function run(page: Page, url: string, skipQuiet: boolean): Promise<Timing> {
  // performance.now() counts from the navigation's start: the moment the page was opened.
  await page.goto(url, { waitUntil: 'commit' });
  if (!skipQuiet) {
    await page.getByLabel('skip quiet').uncheck();
  }
  const leaderReal = await firstSeen(page, '.ring [data-role="leader"][data-alive="true"]');
  const leaderSim = await simTime(page);
  await page.waitForTimeout(1000);
  const clickedAt = await page.evaluate(() => performance.now());
  const clickedSim = await simTime(page);
  await page.getByRole('button', { name: /^Split \d\/\d$/ }).click();
  const calloutReal = await firstSeen(page, '[data-callout="refused"]');
  const calloutSim = await simTime(page);
  return {
    leaderReal: leaderReal / 1000,
    leaderSim: leaderSim / 1000,
    splitReal: (calloutReal - clickedAt) / 1000,
    splitSim: (calloutSim - clickedSim) / 1000,
  };
}

async function main(): Promise<void> {
  const server = await serveStatic('dist', '/bench/');
  const browser = await chromium.launch(config.use?.launchOptions ?? {});
  try {
    for (const skipQuiet of [true, false]) {
      const label = skipQuiet ? 'default (skip quiet on)' : 'skip quiet off';
      for (let i = 0; i < RUNS; i++) {
        const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
        const errors: string[] = [];
        page.on('pageerror', (e) => errors.push(e.message));
        const t = await run(page, server.url, skipQuiet);
        if (errors.length > 0) console.error(`page errors: ${errors.join('; ')}`);
        await page.close();
        const leader = skipQuiet
          ? `first leader drawn ${t.leaderReal.toFixed(2)} s after opening (cluster time ${t.leaderSim.toFixed(3)} s)`
          : '(switched off once the page is up: only the split is comparable)';
        console.log(
          `${label.padEnd(24)} ${leader}` +
            `   split -> minority called out ${t.splitReal.toFixed(2)} s after the click (cluster time +${t.splitSim.toFixed(3)} s)`,
        );
      }
    }
  } finally {
    await browser.close();
    await server.close();
  }
  console.log('\nGoals: first leader within 3 s of opening; the minority called out within 8 s of the split.');
}

await main();
