import { expect, test, type Frame } from '@playwright/test';
import { ClusterPage } from './pages/ClusterPage.ts';
import { serveStatic, type StaticServer } from './support/staticServer.ts';

// A course page or slide embeds the app with the snippet from "Share this run" > "Embed…". The
// host here is another origin, and the frame gets only `allow-scripts`: an opaque origin with no
// storage, no clipboard, no service worker, no popups. The app's files are served with
// Access-Control-Allow-Origin, as static hosts such as GitHub Pages send it: a sandboxed frame
// needs it for its module scripts.

let app: StaticServer;

test.beforeAll(async () => {
  app = await serveStatic('dist', '/lab/', { headers: { 'access-control-allow-origin': '*' } });
});
test.afterAll(async () => {
  await app.close();
});

async function host(snippet: string, width: number, height: number): Promise<StaticServer> {
  const frame = snippet
    .replace(/sandbox="[^"]*"/, 'sandbox="allow-scripts"')
    .replace(/width="\d+"/, `width="${width}"`)
    .replace(/height="\d+"/, `height="${height}"`)
    .replace('loading="lazy" ', '');
  return serveStatic('dist', '/course/', {
    pages: { 'page.html': `<!doctype html><link rel="icon" href="data:,"><h1>Week 3: Raft</h1>${frame}` },
  });
}

/**
 * Whether the embedded page fits its frame: no scrolling, and each of `selectors` drawn wholly
 * inside it (the ring over 100 px tall, so a ring squeezed to a sliver does not count).
 */
function fitsFrame(frame: Frame, selectors: Readonly<Record<string, string>>) {
  return frame.evaluate((wanted) => {
    const inside = (sel: string) => {
      const r = document.querySelector(sel)?.getBoundingClientRect();
      return (
        !!r &&
        r.width > 0 &&
        r.height > (sel === '.ring' ? 100 : 0) &&
        r.top >= 0 &&
        r.left >= 0 &&
        r.bottom <= innerHeight + 0.5 &&
        r.right <= innerWidth + 0.5
      );
    };
    const fits: Record<string, unknown> = {
      scrolls: document.documentElement.scrollHeight > innerHeight + 1 || document.documentElement.scrollWidth > innerWidth + 1,
    };
    for (const [name, sel] of Object.entries(wanted)) fits[name] = inside(sel);
    fits.size = [innerWidth, innerHeight];
    return fits;
  }, selectors);
}

async function embedded(frame: Frame) {
  const cluster = new ClusterPage(frame.page());
  return {
    simTime: async () => Number(await frame.locator('[data-sim-time]').getAttribute('data-sim-time')),
    nodes: () =>
      frame
        .locator('.ring [data-node]')
        .evaluateAll((els) =>
          els.map((el) => ({ id: el.getAttribute('data-node'), role: el.getAttribute('data-role'), term: el.getAttribute('data-term') })),
        ),
    cluster,
  };
}

test('a run embedded from its snippet opens at the same moment in a sandboxed 480x320 frame, plays, and links back', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });

  const teacher = new ClusterPage(page);
  await teacher.goto(100, app.url);
  const leader = await teacher.waitForLeader();
  await teacher.button('Pause').click();
  const moment = await teacher.simTime();
  const want = (await teacher.nodes()).map((n) => ({ id: n.id, role: n.role, term: String(n.term) }));

  await page.getByRole('button', { name: 'Embed…' }).click();
  await page.getByRole('radio', { name: 'paused' }).check();
  const field = page.getByRole('textbox', { name: 'Embed snippet' });
  await expect(field).toHaveValue(/#run=/);
  const snippet = await field.inputValue();
  expect(snippet).toMatch(/^<iframe src="[^"]+embed=1[^"]*#run=[^"]+"/);
  expect(snippet).toContain('sandbox="allow-scripts allow-popups"');

  const course = await host(snippet, 480, 320);
  try {
    await page.goto(`${course.url}page.html`);
    const frame = page.frameLocator('iframe');
    await expect(frame.locator('.ring [data-node]')).toHaveCount(5);
    const inner = page.frames().find((f) => f.url().includes('embed=1'))!;
    const view = await embedded(inner);

    // The same moment and the same servers as the teacher's page, and paused: it does not move.
    await expect.poll(view.simTime).toBe(moment);
    expect(await view.nodes()).toEqual(want);
    await page.waitForTimeout(500);
    expect(await view.simTime()).toBe(moment);
    await expect(inner.getByRole('button', { name: 'Play' })).toBeVisible();
    expect(want.find((n) => n.id === leader.id)?.role).toBe('leader');

    await page.screenshot({ path: 'test-results/embed-480x320.png' });
    // It fits the frame: no scrolling, the ring, the bar and the timeline all inside it.
    const fits = await fitsFrame(inner, { ring: '.ring', bar: '.embed-bar', timeline: '.embed-stage > :last-child' });
    expect(fits).toEqual({ scrolls: false, ring: true, bar: true, timeline: true, size: [480, 320] });

    // Play goes on from there.
    await inner.getByRole('button', { name: 'Play' }).click();
    await expect.poll(view.simTime).toBeGreaterThan(moment);

    // "Open in the full app" carries the run to the moment shown, without embed=1.
    await inner.getByRole('button', { name: 'Pause' }).click();
    const shown = await view.simTime();
    const back = inner.getByRole('link', { name: /Open in the full app/ });
    await back.hover();
    await expect(back).toHaveAttribute('href', /#run=/);
    const href = (await back.getAttribute('href'))!;
    expect(href.startsWith(app.url)).toBe(true);
    expect(href).not.toContain('embed=1');

    const full = new ClusterPage(page);
    await page.goto(href);
    await expect.poll(() => full.simTime()).toBe(shown);
    expect(errors).toEqual([]);
  } finally {
    await course.close();
  }
});

test('an embedded page fits a larger frame and plays from the start when the snippet says so', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const course = await host(`<iframe src="${app.url}?embed=1&speed=100" width="1024" height="640"></iframe>`, 1024, 640);
  try {
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(`${course.url}page.html`);
    const inner = await expect
      .poll(() => page.frames().some((f) => f.url().includes('embed=1')))
      .toBe(true)
      .then(() => page.frames().find((f) => f.url().includes('embed=1'))!);
    await expect(inner.locator('.ring [data-node][data-role="leader"]')).toHaveCount(1, { timeout: 30_000 });
    const ring = await inner.locator('.ring').boundingBox();
    // The ring takes the room there is, not a thumbnail.
    expect(ring!.height).toBeGreaterThan(400);
    await page.screenshot({ path: 'test-results/embed-1024x640.png' });
    expect(errors).toEqual([]);
  } finally {
    await course.close();
  }
});

test('a lesson step embedded from its snippet shows its scene and text in a sandboxed 480x320 frame, and links back to the step', async ({
  page,
}) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });

  await page.goto(`${app.url}?speed=100#lesson=quorum&step=6`);
  const lesson = page.locator('.lesson');
  await expect(lesson.getByRole('heading', { level: 2 })).toBeVisible();
  const title = await lesson.getByRole('heading', { level: 2 }).innerText();
  const text = await lesson.locator('.lesson-text').innerText();

  await page.locator('.lesson-embed').getByRole('button', { name: 'Embed…' }).click();
  const field = page.locator('.lesson-embed').getByRole('textbox', { name: 'Embed snippet' });
  await expect(field).toHaveValue(/#lesson=quorum&amp;step=6/);
  const snippet = await field.inputValue();
  expect(snippet).toMatch(/^<iframe src="[^"]+embed=1[^"]*#lesson=quorum&amp;step=6"/);
  // A lesson step sets its own scene and play: there is no start choice to make.
  await expect(page.locator('.lesson-embed').getByRole('radio')).toHaveCount(0);

  const course = await host(snippet, 480, 320);
  try {
    await page.goto(`${course.url}page.html`);
    const frame = page.frameLocator('iframe');
    await expect(frame.locator('.ring [data-node]')).toHaveCount(5);
    const inner = page.frames().find((f) => f.url().includes('embed=1'))!;

    // The step's title and text, and its scene: a leader cut off on the side of two.
    await expect(inner.getByRole('heading', { name: title })).toBeVisible();
    await expect(inner.locator('.embed-lesson p').first()).toHaveText(text);
    await expect(inner.locator('.embed-status')).toContainText(/cut off/i);
    await page.screenshot({ path: 'test-results/embed-lesson-480x320.png' });

    const fits = await fitsFrame(inner, { ring: '.ring', bar: '.embed-bar', step: '.embed-lesson' });
    expect(fits).toEqual({ scrolls: false, ring: true, bar: true, step: true, size: [480, 320] });

    // The snippet's own size, 800x500: the step above the ring.
    await page.locator('iframe').evaluate((f) => {
      f.setAttribute('width', '800');
      f.setAttribute('height', '500');
    });
    await expect.poll(() => inner.evaluate(() => innerHeight)).toBe(500);
    expect(await inner.locator('.ring').evaluate((r) => r.getBoundingClientRect().height)).toBeGreaterThan(200);
    await page.screenshot({ path: 'test-results/embed-lesson-800x500.png' });

    // "Open in the full app" leads to the same step, without embed=1.
    const back = inner.getByRole('link', { name: /Open in the full app/ });
    await back.hover();
    const href = (await back.getAttribute('href'))!;
    expect(href).toBe(`${app.url}?speed=100#lesson=quorum&step=6`);
    await page.goto(href);
    await expect(page.locator('.lesson')).toHaveAttribute('data-lesson', 'quorum');
    await expect(page.locator('.lesson').getByRole('heading', { level: 2 })).toHaveText(title);
    expect(errors).toEqual([]);
  } finally {
    await course.close();
  }
});

test("the lesson's Embed… choice stays under the lesson in the normal view and goes in the presenter view", async ({ page }) => {
  await page.goto(`${app.url}?speed=100#lesson=quorum&step=6`);
  const choice = page.locator('.lesson-embed').getByRole('button', { name: 'Embed…' });
  await expect(choice).toBeVisible();
  await page.getByRole('button', { name: 'Presenter view' }).click();
  await expect(page.locator('html')).toHaveClass(/presenter/);
  // A teacher projecting the lesson has no snippet to take; the lesson itself stays.
  await expect(choice).toBeHidden();
  await expect(page.locator('.lesson').getByRole('heading', { level: 2 })).toBeVisible();
  await page.getByRole('button', { name: 'Presenter view' }).click();
  await expect(page.locator('html')).not.toHaveClass(/presenter/);
  await expect(choice).toBeVisible();
});

test('an embedded lesson step asks its question in a sandboxed frame: the run waits, a number key answers, the frame reveals what happened', async ({
  page,
}) => {
  test.setTimeout(90_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  // Terms and votes, step 4: a split vote, its own scene from the library, paused on the question.
  const ask = 'S2 and S3 both stand for election in term 2. Who will lead term 2?';
  const course = await host(
    `<iframe src="${app.url}?embed=1&speed=20#lesson=terms-and-votes&amp;step=4" width="800" height="500"></iframe>`,
    800,
    500,
  );
  try {
    await page.goto(`${course.url}page.html`);
    await expect(page.frameLocator('iframe').locator('.ring [data-node]')).toHaveCount(5);
    const inner = page.frames().find((f) => f.url().includes('embed=1'))!;
    const view = await embedded(inner);
    const question = inner.locator('.embed-lesson .lesson-question');
    await expect(question).toHaveAttribute('data-question-state', 'open');
    await expect(question.locator('.lesson-ask')).toHaveText(ask);
    await expect(question.getByRole('button')).toHaveCount(3);
    for (const choice of await question.getByRole('button').all()) await expect(choice).toBeInViewport({ ratio: 1 });

    // The run waits for the class's prediction.
    const asked = await view.simTime();
    await page.waitForTimeout(500);
    expect(await view.simTime()).toBe(asked);
    await page.screenshot({ path: 'test-results/embed-question-800x500.png' });

    // A number key answers, inside the frame (the focus is there once the frame is clicked).
    await inner.locator('#embed-step-title').click();
    await page.keyboard.press('1');
    await expect(question).toHaveAttribute('data-question-state', /answered|revealed/);
    await expect(question.getByRole('button').nth(0)).toHaveAttribute('aria-pressed', 'true');
    await expect.poll(view.simTime).toBeGreaterThan(asked);

    // The run shows the tie and how it breaks, then the answer and its rule are revealed.
    await expect(question).toHaveAttribute('data-question-state', 'revealed', { timeout: 45_000 });
    await expect(question.locator('.lesson-reveal')).toContainText('Not quite: Nobody.');
    await expect(question.locator('.lesson-reveal')).toContainText('Election Safety');
    await expect(question.locator('.is-answer')).toContainText('Nobody');
    await page.screenshot({ path: 'test-results/embed-question-revealed-800x500.png' });
    const fits = await fitsFrame(inner, {
      ring: '.ring',
      bar: '.embed-bar',
      step: '.embed-lesson',
      timeline: '.embed-stage > :last-child',
    });
    expect(fits).toEqual({ scrolls: false, ring: true, bar: true, step: true, timeline: true, size: [800, 500] });
    expect(errors).toEqual([]);
  } finally {
    await course.close();
  }
});

test('an embedded question is answered by a click in a 480x320 frame', async ({ page }) => {
  test.setTimeout(90_000);
  const course = await host(
    `<iframe src="${app.url}?embed=1&speed=20#lesson=terms-and-votes&amp;step=4" width="480" height="320"></iframe>`,
    480,
    320,
  );
  try {
    await page.goto(`${course.url}page.html`);
    await expect(page.frameLocator('iframe').locator('.ring [data-node]')).toHaveCount(5);
    const inner = page.frames().find((f) => f.url().includes('embed=1'))!;
    const question = inner.locator('.embed-lesson .lesson-question');
    await expect(question).toHaveAttribute('data-question-state', 'open');
    const right = question.getByRole('button', { name: /Nobody/ });
    await right.scrollIntoViewIfNeeded();
    await right.click();
    await expect(question).toHaveAttribute('data-question-state', 'revealed', { timeout: 45_000 });
    await expect(question.locator('.lesson-reveal')).toContainText('Right.');
    await page.screenshot({ path: 'test-results/embed-question-480x320.png' });
    const fits = await fitsFrame(inner, { ring: '.ring', bar: '.embed-bar', step: '.embed-lesson' });
    expect(fits).toEqual({ scrolls: false, ring: true, bar: true, step: true, size: [480, 320] });
  } finally {
    await course.close();
  }
});
