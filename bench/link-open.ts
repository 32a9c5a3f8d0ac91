// Opening a long link (issue 14, goal 4): a link of about 3,000 actions must open and show its
// moment within 1 s. Measures in Node the work the page and its worker do for it, phase by phase,
// along the same path: the page decodes the link and checks its cost (store/share.ts), the worker
// loads the scenario, replays to the moment in slices (worker/session.ts) and answers with the
// first frame, which is copied to the page. Prints figures; asserts nothing.
//
//   npm run bench:link                 the default run (13 min, a write every 250 ms)
//   npm run bench:link -- --minutes 30 a longer run
//   npm run bench:link -- --repeat 5   open it five times, report the best and the median
//   npm run build && npm run bench:link -- --page
//                                      also open it in the built app (Chromium): until the timeline
//                                      has reached the moment (its horizon), as a person sees it
//   npm run bench:link -- --page --dist ../other/dist   the page built elsewhere (to compare builds)
import { performance } from 'node:perf_hooks';
import { chromium } from '@playwright/test';
import config from '../playwright.config.ts';
import { serveStatic } from '../e2e/support/staticServer.ts';
import { decodeLink, encodeLink } from '../src/links/codec.ts';
import { createRng, nextInt } from '../src/engine/rng.ts';
import { replayRefusal } from '../src/sim/cost.ts';
import { SCENARIO_VERSION, type Action, type Scenario } from '../src/sim/scenario.ts';
import { DEFAULT_SETTINGS } from '../src/sim/settings.ts';
import { SimDriver } from '../src/worker/driver.ts';
import { PROTOCOL_VERSION, type Frame, type FromWorker } from '../src/worker/protocol.ts';
import { WorkerSession } from '../src/worker/session.ts';

const GOAL_MS = 1000;

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const value = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} wants a positive number`);
  return value;
}

const minutes = arg('minutes', 13);
const repeat = Math.floor(arg('repeat', 3));

/**
 * The run the issue measured: the app's defaults, a client write every 250 ms as a person sends
 * them at the fastest speed (a frame or so off the beat, as the page's clock stamps them),
 * and now and then a crash and restart or a split and heal.
 */
function longRun(runMs: number): Scenario {
  const rng = createRng(14);
  const actions: Action[] = [];
  for (let t = 500; t < runMs; t += 250) {
    actions.push({ at: t + nextInt(rng, 0, 16), type: 'write', key: 'x', value: String(actions.length) });
  }
  for (let t = 60_000, k = 0; t + 20_000 < runMs; t += 90_000, k++) {
    const node = `S${1 + (k % 5)}`;
    if (k % 2 === 0) {
      actions.push({ at: t + 0.5, type: 'crash', node });
      actions.push({ at: t + 8_000.5, type: 'restart', node });
    } else {
      actions.push({
        at: t + 0.5,
        type: 'partition',
        groups: [
          ['S1', 'S2'],
          ['S3', 'S4', 'S5'],
        ],
      });
      actions.push({ at: t + 10_000.5, type: 'heal' });
    }
  }
  actions.sort((a, b) => a.at - b.at);
  return { version: SCENARIO_VERSION, settings: DEFAULT_SETTINGS, actions };
}

interface Phases {
  decode: number;
  cost: number;
  load: number;
  replay: number;
  frame: number;
  copy: number;
  total: number;
  slices: number;
  frameBytes: number;
}

/** One opening, timed phase by phase, through the worker's own session and driver. */
async function openOnce(link: string): Promise<Phases> {
  const t0 = performance.now();
  const state = await decodeLink(link);
  const t1 = performance.now();
  const refused = replayRefusal(state.scenario.settings, state.scenario.actions, state.time);
  if (refused !== null) throw new Error(`the page would refuse this link: ${refused}`);
  const t2 = performance.now();

  // The worker: one driver for the page's life, a session answering its messages. `later` runs
  // the next slice after the current one, as the worker's setTimeout(0) would with nothing queued.
  const driver = new SimDriver({ version: SCENARIO_VERSION, settings: DEFAULT_SETTINGS, actions: [] });
  const pending: (() => void)[] = [];
  let answer: Frame | null = null;
  let slices = 0;
  const post = (m: FromWorker): void => {
    if (m.type === 'error') throw new Error(`worker error: ${m.message}`);
    if (m.type === 'progress') slices++;
    if (m.type === 'frame') answer = m.frame;
  };
  const session = new WorkerSession(driver, post, { later: (fn) => pending.push(fn), now: () => performance.now() });
  let frameMs = 0;
  const frameOf = driver.frame.bind(driver);
  driver.frame = (spacetime) => {
    const s = performance.now();
    const f = frameOf(spacetime);
    frameMs += performance.now() - s;
    return f;
  };

  const t3 = performance.now();
  session.receive({ type: 'load', v: PROTOCOL_VERSION, scenario: state.scenario });
  const t4 = performance.now();
  // The page asks for the moment (share.ts openRun → requestSeek); no space-time window is open.
  session.receive({ type: 'seek', v: PROTOCOL_VERSION, id: 1, t: state.time, verbose: false, spacetime: null });
  for (let fn = pending.shift(); fn; fn = pending.shift()) fn();
  const t5 = performance.now();
  const frame = answer as Frame | null;
  if (frame === null || frame.now !== state.time) throw new Error(`the worker answered at ${String(frame?.now)}, not ${state.time}`);
  // What postMessage does to the frame on its way to the page.
  const copied = structuredClone(frame);
  const t6 = performance.now();
  return {
    decode: t1 - t0,
    cost: t2 - t1,
    load: t4 - t3,
    replay: t5 - t4 - frameMs,
    frame: frameMs,
    copy: t6 - t5,
    total: t6 - t0 - (t3 - t2),
    slices,
    frameBytes: JSON.stringify(copied).length,
  };
}

const runMs = minutes * 60_000;
const scenario = longRun(runMs);
const link = await encodeLink({ scenario, time: runMs, playing: true });
console.log(
  `link: ${scenario.actions.length.toLocaleString('en')} actions, ${link.length.toLocaleString('en')} characters, ` +
    `moment ${minutes} min; goal: open and show it within ${GOAL_MS} ms`,
);

const runs: Phases[] = [];
for (let i = 0; i < repeat; i++) runs.push(await openOnce(link));
const median = (pick: (p: Phases) => number): number => runs.map(pick).sort((a, b) => a - b)[Math.floor(runs.length / 2)]!;
const best = (pick: (p: Phases) => number): number => Math.min(...runs.map(pick));
// The first opening is what the page gets: its worker is fresh, its code not yet optimized.
const row = (name: string, pick: (p: Phases) => number): string =>
  `  ${name.padEnd(34)} first ${pick(runs[0]!).toFixed(1).padStart(7)} ms   median ${median(pick).toFixed(1).padStart(7)} ms   best ${best(pick).toFixed(1).padStart(7)} ms`;
console.log(row('decode link (page)', (p) => p.decode));
console.log(row('cost check (page)', (p) => p.cost));
console.log(row('load scenario (worker)', (p) => p.load));
console.log(row(`replay to the moment (worker)`, (p) => p.replay));
console.log(row('first frame (worker)', (p) => p.frame));
console.log(row('copy frame to the page', (p) => p.copy));
console.log(row('total', (p) => p.total) + `   goal ${GOAL_MS} ms: ${runs[0]!.total <= GOAL_MS ? 'met' : 'not met'} (first)`);
console.log(`  (${runs[0]!.slices} progress reports while replaying; first frame ${(runs[0]!.frameBytes / 1024).toFixed(0)} kB as JSON)`);

/**
 * The same link opened in the built app: real ms from the navigation to the first frame at the
 * link's moment, read from the timeline's horizon (the clock shows the moment at once; the
 * picture follows with the worker's answer), plus the page's main-thread busy time meanwhile.
 */
async function openInPage(): Promise<void> {
  const i = process.argv.indexOf('--dist');
  const dist = i >= 0 ? process.argv[i + 1]! : 'dist';
  const server = await serveStatic(dist, '/bench/');
  const browser = await chromium.launch(config.use?.launchOptions ?? {});
  try {
    for (let i = 0; i < repeat; i++) {
      const page = await browser.newPage({ viewport: config.use?.viewport ?? { width: 1280, height: 800 } });
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Performance.enable');
      const t0 = performance.now();
      await page.goto(`${server.url}#${link}`);
      await page.waitForFunction(
        (moment) => Number(document.querySelector('.timeline')?.getAttribute('data-horizon') ?? 0) >= moment,
        runMs,
        { timeout: 120_000, polling: 20 },
      );
      const took = performance.now() - t0;
      const { metrics } = await cdp.send('Performance.getMetrics');
      const busy = (metrics.find((m) => m.name === 'TaskDuration')?.value ?? NaN) * 1000;
      console.log(
        `  in the page: ${took.toFixed(0)} ms from navigation to the moment shown (main thread busy ${busy.toFixed(0)} ms)` +
          `   goal ${GOAL_MS} ms${errors.length > 0 ? `; page errors: ${errors.join('; ')}` : ''}`,
      );
      await page.close();
    }
  } finally {
    await browser.close();
    await server.close();
  }
}

if (process.argv.includes('--page')) await openInPage();
