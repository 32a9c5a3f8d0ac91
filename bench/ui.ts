/**
 * UI benchmark: drives the built app (dist/) in Chromium and prints frame-time percentiles,
 * main-thread busy time, long tasks and JS heap, for 5 and 9 servers at the default (slow
 * motion) and fastest speed, with client writes flowing. Prints figures; asserts nothing.
 *
 *   npm run build && npm run bench:ui        (BENCH_SECONDS=N to change the measured window)
 */
import { chromium, type Page } from '@playwright/test';
import config from '../playwright.config.ts';
import { startFrameProbe, stopFrameProbe } from './frameProbe.ts';
import { serveStatic } from '../e2e/support/staticServer.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const ONLY = process.env.BENCH_ONLY; // e.g. "5:fastest"
const WRITE_EVERY_MS = 250;

interface Result {
  readonly label: string;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly max: number;
  readonly frames: number;
  readonly busyMsPerS: number;
  readonly longTasks: number;
  readonly longestTask: number;
  readonly heapStart: number;
  readonly heapEnd: number;
  readonly simSeconds: number;
  readonly logEntriesShown: number;
}

function pct(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

type Cdp = Awaited<ReturnType<ReturnType<Page['context']>['newCDPSession']>>;

/** A Chrome performance counter (TaskDuration is cumulative main-thread busy seconds). */
async function metric(cdp: Cdp, name: string): Promise<number> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return metrics.find((m) => m.name === name)?.value ?? NaN;
}

async function heapAfterGc(cdp: Cdp): Promise<number> {
  await cdp.send('HeapProfiler.collectGarbage');
  return metric(cdp, 'JSHeapUsedSize');
}

async function waitForLeader(page: Page): Promise<void> {
  await page.locator('.ring [data-role="leader"][data-alive="true"]').first().waitFor({ timeout: 30_000 });
}

async function run(page: Page, base: string, nodes: number, speed: 'default' | 'fastest'): Promise<Result> {
  await page.goto(`${base}?speed=${speed === 'default' ? 1 : 500}`);
  await page.locator('.ring [data-node]').first().waitFor();
  if (nodes !== 5) {
    await page.locator('details.settings-card summary').click();
    await page.getByLabel('Cluster size', { exact: true }).selectOption(String(nodes));
    await page.getByRole('button', { name: 'Apply settings' }).click();
    await page.locator(`.ring [data-node="S${nodes}"]`).waitFor();
  }
  await waitForLeader(page);
  // Warm up with some writes so logs are not empty, then set the speed under test.
  for (let i = 0; i < 5; i++) await page.getByRole('button', { name: 'Client write', exact: true }).click();
  await page.waitForTimeout(500);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const heapStart = await heapAfterGc(cdp);
  const busyStart = await metric(cdp, 'TaskDuration');
  const simStart = Number(await page.locator('[data-sim-time]').getAttribute('data-sim-time'));
  await startFrameProbe(page);
  const t0 = Date.now();
  const write = page.getByRole('button', { name: 'Client write', exact: true });
  while (Date.now() - t0 < SECONDS * 1000) {
    await write.click();
    await page.waitForTimeout(WRITE_EVERY_MS);
  }
  const elapsed = (Date.now() - t0) / 1000;
  const { frames, long } = await stopFrameProbe(page);
  const busyEnd = await metric(cdp, 'TaskDuration');
  const simEnd = Number(await page.locator('[data-sim-time]').getAttribute('data-sim-time'));
  const heapEnd = await heapAfterGc(cdp);
  const entries = await page.locator('.log-table [data-index]').count();
  await cdp.detach();
  const sorted = frames.slice().sort((a, b) => a - b);
  return {
    label: `${nodes} servers, ${speed} speed`,
    p50: pct(sorted, 50),
    p95: pct(sorted, 95),
    p99: pct(sorted, 99),
    max: sorted[sorted.length - 1] ?? NaN,
    frames: frames.length,
    busyMsPerS: ((busyEnd - busyStart) * 1000) / elapsed,
    longTasks: long.length,
    longestTask: Math.max(0, ...long),
    heapStart,
    heapEnd,
    simSeconds: (simEnd - simStart) / 1000,
    logEntriesShown: entries,
  };
}

const mb = (b: number) => `${(b / 1048576).toFixed(1)} MB`;
const ms = (x: number) => `${x.toFixed(1)} ms`;

async function main(): Promise<void> {
  const server = await serveStatic('dist', '/bench/');
  const browser = await chromium.launch(config.use?.launchOptions ?? {});
  const results: Result[] = [];
  try {
    for (const nodes of [5, 9]) {
      for (const speed of ['default', 'fastest'] as const) {
        if (ONLY && ONLY !== `${nodes}:${speed}`) continue;
        const page = await browser.newPage({ viewport: config.use?.viewport ?? { width: 1440, height: 900 } });
        const errors: string[] = [];
        page.on('pageerror', (e) => errors.push(e.message));
        results.push(await run(page, server.url, nodes, speed));
        if (errors.length > 0) console.error(`page errors: ${errors.join('; ')}`);
        await page.close();
        const r = results[results.length - 1]!;
        console.log(
          `${r.label.padEnd(28)} frames p50 ${ms(r.p50)}  p95 ${ms(r.p95)}  p99 ${ms(r.p99)}  max ${ms(r.max)}  (${r.frames} frames)` +
            `  busy ${r.busyMsPerS.toFixed(0)} ms/s  long tasks ${r.longTasks}${r.longTasks ? ` (longest ${ms(r.longestTask)})` : ''}` +
            `  heap ${mb(r.heapStart)} -> ${mb(r.heapEnd)}  sim ${r.simSeconds.toFixed(2)} s`,
        );
      }
    }
  } finally {
    await browser.close();
    await server.close();
  }
  console.log(
    `\nGoal: p95 frame time within one 60 Hz frame (16.7 ms), no long task, heap flat. Window: ${SECONDS} s each, a write every ${WRITE_EVERY_MS} ms.`,
  );
}

await main();
