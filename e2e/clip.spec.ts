import { readFileSync, writeFileSync } from 'node:fs';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { encodeLink } from '../src/links/codec.ts';
import type { Scenario } from '../src/sim/scenario.ts';
import { DEFAULT_SETTINGS } from '../src/sim/settings.ts';
import { Simulation } from '../src/sim/simulation.ts';
import { ClusterPage, SHOTS } from './pages/ClusterPage.ts';

// A teacher exports two seconds of the default run as a video for a slide. The file the browser
// saves is played back in a plain page: it lasts as long as the window takes at the chosen pace,
// it is the chosen size, and its pictures show the cluster (not a blank canvas). Nothing the
// export does trips the page's Content-Security-Policy, and the run is back where it was.

/** At speed 50 the shown clock runs 1 simulated ms per real ms: 2 s of cluster time is a 2 s clip. */
const SPEED = 50;
const FROM = 0.5;
const TO = 2.5;

async function watchViolations(page: Page): Promise<string[]> {
  const seen: string[] = [];
  await page.exposeFunction('__cspViolation', (text: string) => seen.push(text));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as unknown as { __cspViolation: (t: string) => void }).__cspViolation(`${e.violatedDirective} blocked ${e.blockedURI}`);
    });
  });
  return seen;
}

interface ClipFacts {
  /** Seconds, read after seeking past the end (a recorder's WebM has no duration in its header). */
  readonly duration: number;
  readonly width: number;
  readonly height: number;
  /** Share of the picture at `at` (of the clip's length) that is not background. */
  readonly drawn: number;
  /** Pixels of the picture at `at` in the halo's amber. */
  readonly amber: number;
  /** That picture, as a PNG data URL. */
  readonly picture: string;
}

/** The clip played back in a plain page (the app's policy rightly allows no media), as a slide tool would. */
async function playClip(browser: Browser, bytes: Buffer, at: number): Promise<ClipFacts> {
  const viewer = await browser.newPage();
  await viewer.setContent('<video muted playsinline></video><canvas></canvas>');
  const facts = await viewer.evaluate(
    async ([base64, share]) => {
      const raw = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const video = document.querySelector('video')!;
      video.src = URL.createObjectURL(new Blob([raw], { type: 'video/webm' }));
      await new Promise((resolve, reject) => {
        video.onloadedmetadata = resolve;
        video.onerror = () => reject(new Error('the clip does not load'));
      });
      // A recorder's WebM has no duration in its header: seeking past the end makes the browser find it.
      if (!Number.isFinite(video.duration)) {
        const known = new Promise((resolve) => (video.ondurationchange = () => Number.isFinite(video.duration) && resolve(null)));
        video.currentTime = 1e9;
        await known;
      }
      const duration = video.duration;
      video.currentTime = duration * share;
      await new Promise((resolve) => (video.onseeked = resolve));
      const canvas = document.querySelector('canvas')!;
      canvas.width = video.videoWidth;
      canvas.height = video.videoHeight;
      const ctx = canvas.getContext('2d')!;
      ctx.drawImage(video, 0, 0);
      const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
      // The background is the stage's near-white; count pixels clearly darker or coloured than it.
      let drawn = 0;
      let amber = 0;
      const [r0, g0, b0] = [data[0]!, data[1]!, data[2]!];
      for (let i = 0; i < data.length; i += 4) {
        const [r, g, b] = [data[i]!, data[i + 1]!, data[i + 2]!];
        if (i % 28 === 0 && Math.abs(r - r0) + Math.abs(g - g0) + Math.abs(b - b0) > 60) drawn++;
        // The halo's #f59e0b, give or take the codec (the leader's crown, #f5b301, is yellower).
        if (r > 215 && g > 130 && g < 172 && b < 70) amber++;
      }
      const picture = canvas.toDataURL('image/png');
      return { picture, duration, width: video.videoWidth, height: video.videoHeight, drawn: drawn / (data.length / 28), amber };
    },
    [bytes.toString('base64'), at] as const,
  );
  await viewer.close();
  return facts;
}

test('a two-second window exports as a 1280x720 WebM clip of that length, with the cluster drawn', async ({ page, browser }) => {
  const violations = await watchViolations(page);
  const app = new ClusterPage(page);
  await app.goto(SPEED);
  await app.waitForSimTime(3000);
  // Without skipping quiet moments the pace is the chosen speed throughout: the clip's length is known.
  await page.getByLabel('skip quiet').uncheck();
  await app.button('Pause').click();
  const paused = await app.simTime();

  await app.button('Export clip…').click();
  const dialog = page.getByRole('dialog', { name: 'Export a clip' });
  await expect(dialog).toBeVisible();
  await dialog.getByLabel('From').fill(String(FROM));
  await dialog.getByLabel('To').fill(String(TO));
  await expect(dialog.getByLabel('1280 × 720')).toBeChecked();
  await expect(dialog.locator('[data-clip-longest]')).toHaveAttribute('data-clip-longest', '2.00');
  await expect(dialog).toContainText('the clip lasts about 2.0 s');

  for (const [w, h] of [
    [1280, 720],
    [768, 1024],
  ] as const) {
    await page.setViewportSize({ width: w, height: h });
    const box = await dialog.boundingBox();
    expect(box).not.toBeNull();
    // The whole dialog is on screen: nothing is cut off at either size.
    expect(box!.x).toBeGreaterThanOrEqual(0);
    expect(box!.y).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width).toBeLessThanOrEqual(w);
    expect(box!.y + box!.height).toBeLessThanOrEqual(h);
    await app.shot(`clip-dialog-${w}x${h}`);
  }
  await page.setViewportSize({ width: 1280, height: 720 });

  // A slow machine (or a busy one: a lecture laptop sharing a projector): drawing each picture
  // takes several times longer. The clip must still last what the dialog says.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  const download = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Record clip' }).click();
  await expect(dialog.getByRole('status')).toContainText(/Going to|Recording/);
  const file = await download;
  expect(file.suggestedFilename()).toBe('raft-clip-0.500-2.500s-1280x720.webm');
  const path = await file.path();
  const bytes = readFileSync(path);
  const done = dialog.locator('.clip-done');
  await expect(done).toContainText('Saved raft-clip-0.500-2.500s-1280x720.webm');
  const recorded = Number(await done.getAttribute('data-clip-seconds'));
  const frames = await done.getAttribute('data-clip-frames');
  const drawMs = await done.getAttribute('data-clip-draw-ms');
  console.log(
    `clip: ${bytes.length} bytes, ${recorded.toFixed(3)} s recorded for a ${TO - FROM} s window at speed ${SPEED}; ${frames} pictures drawn, ${drawMs} ms each`,
  );
  await app.shot('clip-dialog-done');
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });

  // The page is back at the moment it showed, paused as it was.
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect.poll(() => app.simTime()).toBe(paused);
  await expect(app.button('Play')).toBeVisible();
  expect(violations).toEqual([]);
  expect(app.errors).toEqual([]);

  const facts = await playClip(browser, bytes, 0.5);
  console.log(`clip plays ${facts.duration.toFixed(3)} s, ${facts.width}x${facts.height}, ${(facts.drawn * 100).toFixed(1)}% drawn`);
  writeFileSync(`${SHOTS}/clip-frame.png`, Buffer.from(facts.picture.split(',')[1]!, 'base64'));
  expect(facts.width).toBe(1280);
  expect(facts.height).toBe(720);
  // 2 s at 1 simulated ms per real ms, on a page slowed four times: each picture is captured at
  // its slot of real time and shows the moment of that slot, so the clip lasts the window's 2 s
  // (and one frame more, the last picture's own) however long drawing takes, never 2.5-3 s.
  expect(facts.duration).toBeGreaterThan(TO - FROM - 0.1);
  expect(facts.duration).toBeLessThan(TO - FROM + 0.15);
  expect(recorded).toBeCloseTo(TO - FROM, 1);
  // Servers, links, log strips and text: well over a few percent of the picture is not background.
  expect(facts.drawn).toBeGreaterThan(0.03);
});

// The message highlighted on the page (hovered in the space-time diagram) is ringed in amber on
// the cluster; a clip of a moment when it flies shows that ring too, as the class saw it.
const haloScenario: Scenario = {
  version: 1,
  settings: { ...DEFAULT_SETTINGS, seed: 7 },
  actions: [{ at: 0, type: 'timeoutNow', node: 'S1' }],
};

/** A moment a little after S1 sent a round of heartbeats (worked out in Node), and one of them. */
function heartbeatMoment(): { t: number; id: number } {
  const sim = Simulation.fromScenario(haloScenario);
  sim.runUntil(1000);
  for (;;) {
    const beat = [...sim.inFlight()].find((f) => f.message.rpc.type === 'AppendEntries' && f.sentAt === sim.now);
    if (beat) return { t: Math.round(sim.now + 3), id: beat.message.id };
    sim.stepMoment();
  }
}

async function recordWindow(page: Page, from: number, to: number): Promise<Buffer> {
  const dialog = page.getByRole('dialog', { name: 'Export a clip' });
  // Opened without moving the pointer, which would end a hover on the ring.
  await page.getByRole('button', { name: 'Export clip…' }).evaluate((b: HTMLButtonElement) => b.click());
  await expect(dialog).toBeVisible();
  await dialog.getByLabel('From').fill((from / 1000).toFixed(3));
  await dialog.getByLabel('To').fill((to / 1000).toFixed(3));
  const download = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Record clip' }).evaluate((b: HTMLButtonElement) => b.click());
  const bytes = readFileSync(await (await download).path());
  await expect(dialog.locator('.clip-done')).toBeVisible();
  await dialog.getByRole('button', { name: 'Close' }).evaluate((b: HTMLButtonElement) => b.click());
  return bytes;
}

test('a message highlighted on the page is ringed in the clip as on the cluster', async ({ page, browser }) => {
  const { t, id } = heartbeatMoment();
  const app = new ClusterPage(page);
  // Speed 1: 10 ms of cluster time, while the heartbeat crosses, is half a second of clip.
  await page.goto(`./?speed=1#${await encodeLink({ scenario: haloScenario, time: t, playing: false })}`);
  await expect.poll(() => app.simTime()).toBe(t);
  await page.getByLabel('skip quiet').evaluate((c: HTMLInputElement) => c.checked && c.click());

  const arrow = page.locator(`.spacetime [data-message="${id}"] .st-hit`);
  await arrow.dispatchEvent('mouseover');
  await expect(page.locator('.ring-highlight')).toHaveAttribute('data-highlight', String(id));
  const ringed = await playClip(browser, await recordWindow(page, t, t + 10), 0.1);
  await arrow.dispatchEvent('mouseout');
  await expect(page.locator('.ring-highlight')).toHaveAttribute('data-highlight', '');
  const plain = await playClip(browser, await recordWindow(page, t, t + 10), 0.1);
  writeFileSync(`${SHOTS}/clip-halo.png`, Buffer.from(ringed.picture.split(',')[1]!, 'base64'));
  console.log(`amber pixels: ${ringed.amber} with the message highlighted, ${plain.amber} without`);
  // The halo is a thin ring of some 15 units' radius: over a hundred pixels of amber at 1280x720.
  expect(ringed.amber - plain.amber).toBeGreaterThan(80);
  expect(app.errors).toEqual([]);
});
