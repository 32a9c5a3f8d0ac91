/**
 * Side-by-side main-thread benchmark: our built app (dist/) and any other page, in one run, on
 * one machine, same viewport (1280x800), each at its own default speed, with a client write
 * every 250 ms sent by keyboard in both. Prints Chrome's main-thread busy time (TaskDuration) per
 * wall second, its script and style/layout parts, long tasks and the ratio. Asserts nothing.
 *
 *   npm run build && npm run bench:vs -- --vs http://127.0.0.1:4711/index.html --vs-key c [--seconds 60] [--rounds 2]
 *
 * The pages are measured in turn, alternating for --rounds rounds, so drift in the machine's load
 * falls on both. Without --vs, only our app is measured. With --breakdown, a further traced run of
 * ours prints its main-thread time phase by phase (bench/breakdown.ts).
 */
import { chromium, type Browser } from '@playwright/test';
import config from '../playwright.config.ts';
import { startFrameProbe, stopFrameProbe } from './frameProbe.ts';
import { serveStatic } from '../e2e/support/staticServer.ts';
import { traceBreakdown } from './breakdown.ts';

interface Options {
  readonly vs: string | null;
  readonly vsKey: string;
  readonly seconds: number;
  readonly rounds: number;
  readonly writes: boolean;
  readonly breakdown: boolean;
}

function parseArgs(argv: readonly string[]): Options {
  const get = (name: string): string | undefined => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const seconds = Number(get('--seconds') ?? 20);
  const rounds = Number(get('--rounds') ?? 2);
  if (!(seconds > 0) || !(rounds >= 1)) throw new Error('--seconds and --rounds must be positive numbers');
  return {
    vs: get('--vs') ?? null,
    vsKey: get('--vs-key') ?? 'c',
    seconds,
    rounds: Math.floor(rounds),
    writes: !argv.includes('--no-writes'),
    breakdown: argv.includes('--breakdown'),
  };
}

interface Sample {
  readonly busy: number;
  readonly script: number;
  readonly layout: number;
  readonly longTasks: number;
  readonly longest: number;
  readonly p95: number;
}

async function measure(browser: Browser, url: string, key: string, ready: string | null, o: Options): Promise<Sample> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(url);
  if (ready) await page.locator(ready).first().waitFor({ timeout: 30_000 });
  await page.waitForTimeout(1500);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const read = async (): Promise<Record<string, number>> => {
    const { metrics } = await cdp.send('Performance.getMetrics');
    return Object.fromEntries(metrics.map((m) => [m.name, m.value]));
  };
  const start = await read();
  await startFrameProbe(page);
  const t0 = Date.now();
  while (Date.now() - t0 < o.seconds * 1000) {
    if (o.writes) await page.keyboard.press(key);
    await page.waitForTimeout(250);
  }
  const wall = (Date.now() - t0) / 1000;
  const { frames, long } = await stopFrameProbe(page);
  const end = await read();
  await page.close();
  const per = (name: string) => (((end[name] ?? 0) - (start[name] ?? 0)) * 1000) / wall;
  const sorted = frames.slice().sort((a, b) => a - b);
  return {
    busy: per('TaskDuration'),
    script: per('ScriptDuration'),
    layout: per('RecalcStyleDuration') + per('LayoutDuration'),
    longTasks: long.length,
    longest: Math.max(0, ...long),
    p95: sorted[Math.floor(sorted.length * 0.95)] ?? NaN,
  };
}

const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

function line(label: string, s: readonly Sample[]): string {
  const longTasks = s.reduce((a, x) => a + x.longTasks, 0);
  return (
    `${label.padEnd(10)} busy ${mean(s.map((x) => x.busy)).toFixed(0)} ms/s  (script ${mean(s.map((x) => x.script)).toFixed(0)}, ` +
    `style+layout ${mean(s.map((x) => x.layout)).toFixed(0)})  frame p95 ${mean(s.map((x) => x.p95)).toFixed(1)} ms  ` +
    `long tasks ${longTasks}${longTasks ? ` (longest ${Math.max(...s.map((x) => x.longest)).toFixed(0)} ms)` : ''}`
  );
}

async function main(): Promise<void> {
  const o = parseArgs(process.argv.slice(2));
  const server = await serveStatic('dist', '/bench/');
  const browser = await chromium.launch(config.use?.launchOptions ?? {});
  const ours: Sample[] = [];
  const theirs: Sample[] = [];
  try {
    for (let r = 0; r < o.rounds; r++) {
      ours.push(await measure(browser, server.url, 'w', '.ring [data-node]', o));
      if (o.vs) theirs.push(await measure(browser, o.vs, o.vsKey, null, o));
    }
  } finally {
    await browser.close();
    await server.close();
  }
  console.log(`${o.rounds} round(s) of ${o.seconds} s each, 1280x800, ${o.writes ? 'a write every 250 ms by keyboard' : 'no writes'}`);
  console.log(line('ours', ours));
  if (o.vs) {
    console.log(line('compared', theirs));
    const ratio = mean(ours.map((x) => x.busy)) / mean(theirs.map((x) => x.busy));
    console.log(`ratio      ${ratio.toFixed(2)}x the compared page's main-thread busy time (goal: at most 0.25x)`);
  }
  if (o.breakdown) {
    // A separate, traced run of ours: tracing's own cost stays out of the figures above.
    const browser2 = await chromium.launch(config.use?.launchOptions ?? {});
    const server2 = await serveStatic('dist', '/bench/');
    try {
      const page = await browser2.newPage({ viewport: { width: 1280, height: 800 } });
      await page.goto(server2.url);
      await page.locator('.ring [data-node]').first().waitFor({ timeout: 30_000 });
      await page.waitForTimeout(1500);
      const lines = await traceBreakdown(browser2, page, async () => {
        const t0 = Date.now();
        while (Date.now() - t0 < o.seconds * 1000) {
          if (o.writes) await page.keyboard.press('w');
          await page.waitForTimeout(250);
        }
      });
      console.log(`ours, traced, main thread by phase (tracing adds its own cost):`);
      for (const l of lines) console.log(`  ${l}`);
    } finally {
      await browser2.close();
      await server2.close();
    }
  }
  console.log(
    `goal       zero long tasks over 50 ms in 60 s of ours (measured: ${ours.reduce((a, x) => a + x.longTasks, 0)} in ${o.seconds * o.rounds} s)`,
  );
}

await main();
