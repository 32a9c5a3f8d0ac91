/**
 * Experiments in the page: runs the paper's default experiment (1,000 trials for each of six
 * ranges) in the built app and prints how long it took and how the page kept up meanwhile
 * (frame times, long tasks on the main thread). Prints figures; asserts nothing.
 *
 *   npm run build && npm run bench:experiment-ui
 */
import { chromium } from '@playwright/test';
import config from '../playwright.config.ts';
import { startFrameProbe, stopFrameProbe } from './frameProbe.ts';
import { serveStatic } from '../e2e/support/staticServer.ts';

function pct(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

const server = await serveStatic('dist', '/bench/');
const browser = await chromium.launch(config.use?.launchOptions ?? {});
try {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.goto(server.url);
  await page.getByRole('button', { name: 'Experiments', exact: true }).click();
  await page.getByRole('button', { name: 'Run experiment' }).waitFor();
  await startFrameProbe(page);
  const t0 = Date.now();
  await page.getByRole('button', { name: 'Run experiment' }).click();
  await page.locator('.progress-text[data-status="done"]').waitFor({ timeout: 120_000 });
  const wall = (Date.now() - t0) / 1000;
  const reported = await page.locator('.progress-text').textContent();
  const { frames, long } = await stopFrameProbe(page);
  const sorted = frames.slice().sort((a, b) => a - b);
  console.log(`default experiment (6 ranges x 1,000 trials): ${wall.toFixed(1)} s from click to table; the page says "${reported}"`);
  console.log(
    `frames during the run: p50 ${pct(sorted, 50).toFixed(1)} ms, p95 ${pct(sorted, 95).toFixed(1)} ms, max ${(sorted.at(-1) ?? NaN).toFixed(1)} ms; ` +
      `long tasks ${long.length}${long.length ? ` (longest ${Math.max(...long).toFixed(0)} ms)` : ''}`,
  );
  console.log(
    `Goal (issue 14): under 2 s, the page responsive throughout (no long tasks): ${wall < 2 && long.length === 0 ? 'met' : 'not met'}.`,
  );
} finally {
  await browser.close();
  await server.close();
}
