import { expect, test, type Browser, type Page } from '@playwright/test';
import { encodeLink } from '../src/links/codec.ts';
import { FOLLOW_VERSION } from '../src/follow/protocol.ts';
import { DEFAULT_SETTINGS } from '../src/sim/settings.ts';
import { startRelay, type Relay } from '../relay/server.ts';
import { TestClient } from '../relay/testClient.ts';
import { ClusterPage, SHOTS } from './pages/ClusterPage.ts';
import { LessonPage } from './pages/LessonPage.ts';

let relay: Relay;

test.beforeAll(async () => {
  // The relay runs in the test, on loopback, on a free port.
  relay = await startRelay({ port: 0, host: '127.0.0.1' });
});
test.afterAll(async () => {
  await relay.close();
});

/** What a student must match: the moment shown and every server's role, term and liveness. */
async function picture(app: ClusterPage) {
  return { t: await app.simTime(), nodes: await app.nodes() };
}

async function openPage(browser: Browser, url: string): Promise<LessonPage> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const page: Page = await context.newPage();
  const app = new LessonPage(page);
  await page.goto(url);
  // Three students open at once on a two-core CI machine: their pages, workers and the relay
  // share the cores, so the first drawing may take longer than the usual five seconds.
  await expect(page.locator('.ring [data-node]').first()).toBeVisible({ timeout: 20_000 });
  return app;
}

/**
 * Every student shows the teacher's picture. Both are read again on each try: just after a click
 * on Pause the teacher's own page may still draw one more frame of the moment it stopped at.
 */
async function expectInStep(teacher: ClusterPage, students: readonly ClusterPage[]): Promise<void> {
  const apart = async () => {
    const want = await picture(teacher);
    const got = await Promise.all(students.map(picture));
    return got.filter((g) => JSON.stringify(g) !== JSON.stringify(want)).map((g) => ({ teacher: want, student: g }));
  };
  await expect.poll(apart, { timeout: 5000 }).toEqual([]);
}

test('three students follow the teacher live, step out and rejoin; a forged message is refused', async ({ browser }) => {
  test.setTimeout(120_000);
  const teacher = await openPage(browser, `./?speed=20&relay=${encodeURIComponent(relay.url)}`);
  const dock = teacher.page.getByRole('region', { name: 'Follow along' });
  await dock.getByRole('button', { name: 'Start a session' }).click();
  await expect(dock).toHaveAttribute('data-follow-session', /^[A-Z2-9]{6}$/);
  const session = (await dock.getAttribute('data-follow-session'))!;
  await expect(dock.getByRole('img', { name: /QR code/ })).toBeVisible();
  const link = await dock.getByRole('textbox', { name: 'Link for students' }).inputValue();
  expect(link).toContain(`#follow=${session}`);

  const students = await Promise.all([0, 1, 2].map(() => openPage(browser, link)));
  for (const s of students) await expect(s.page.locator('[data-follow-role="student"]')).toHaveAttribute('data-synced', 'true');
  await expect(dock.locator('[data-followers]')).toHaveAttribute('data-followers', '3');

  // Playing: the students run the same election, at the same moment (within a second of play).
  await teacher.waitForLeader();
  for (const s of students) await s.waitForLeader();
  // Within a second: each student's moment is nearer the teacher's than one second of play.
  const a = await teacher.simTime();
  await teacher.page.waitForTimeout(1000);
  const oneSecond = (await teacher.simTime()) - a;
  expect(oneSecond).toBeGreaterThan(0);
  for (const s of students) {
    const [t, mine] = await Promise.all([teacher.simTime(), s.simTime()]);
    expect(Math.abs(mine - t)).toBeLessThan(oneSecond);
  }

  // The teacher acts and pauses: the students show the very same moment and servers.
  const leader = (await teacher.leader())!;
  await teacher.crash(leader.id);
  await teacher.waitForLeader({ not: leader.id });
  await teacher.button('Pause').click();
  await expectInStep(teacher, students);
  for (const s of students) await expect(s.node(leader.id)).toHaveAttribute('data-alive', 'false');

  // One student steps out to explore; the teacher moves on; the student stays where they were.
  const [out, ...others] = students as [LessonPage, LessonPage, LessonPage];
  await out.page.getByRole('button', { name: 'Explore on my own' }).click();
  await expect(out.page.getByText('Exploring on your own.')).toBeVisible();
  const before = await out.simTime();
  await teacher.button('Step to next event').click();
  await teacher.button('Step to next event').click();
  await expect.poll(() => teacher.simTime()).toBeGreaterThan(before);
  await expectInStep(teacher, others);
  expect(await out.simTime()).toBe(before);
  await out.page.getByRole('button', { name: 'Back to the teacher' }).click();
  await expectInStep(teacher, students);

  // A lesson step on the teacher's screen is on every student's.
  await teacher.openLesson('Quorum');
  const title = await teacher.page.locator('#lesson-step-title').textContent();
  for (const s of students) await expect(s.page.locator('#lesson-step-title')).toHaveText(title!);
  await teacher.button('Pause').click();
  await expectInStep(teacher, students);
  await teacher.page.screenshot({ path: `${SHOTS}/follow-teacher.png` });
  await students[0]!.page.screenshot({ path: `${SHOTS}/follow-student.png` });

  // A message forged without the secret: the relay refuses it, no student's page changes.
  const forger = await TestClient.open(relay.url);
  const run = await encodeLink({
    scenario: { version: 1, settings: { ...DEFAULT_SETTINGS, nodes: 3 }, actions: [] },
    time: 5,
    playing: false,
  });
  const refusal = await forger.ask(
    {
      v: FOLLOW_VERSION,
      type: 'publish',
      session,
      secret: 'forged-secret-forged-secret',
      state: { seq: 1e9, run, speed: 1, lesson: null },
    },
    'error',
  );
  expect(refusal.code).toBe('forbidden');
  forger.close();
  await teacher.page.waitForTimeout(1000);
  await expectInStep(teacher, students);
  for (const s of students) await expect(s.page.locator('.ring [data-node]')).toHaveCount(5);
  expect([teacher, ...students].flatMap((a) => a.errors)).toEqual([]);
});

/** A box on the page, as the browser lays it out. */
type Box = { readonly x: number; readonly y: number; readonly width: number; readonly height: number };
const meet = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
const inside = (a: Box, w: number, h: number) => a.x >= 0 && a.y >= 0 && a.x + a.width <= w + 0.5 && a.y + a.height <= h + 0.5;

test("a student's follow bar covers neither the narration on the ring nor the header, at 1280x720", async ({ browser }) => {
  const teacher = await openPage(browser, `./?speed=20&relay=${encodeURIComponent(relay.url)}`);
  const dock = teacher.page.getByRole('region', { name: 'Follow along' });
  await dock.getByRole('button', { name: 'Start a session' }).click();
  const link = await dock.getByRole('textbox', { name: 'Link for students' }).inputValue();
  const student = await openPage(browser, link);
  const bar = student.page.locator('[data-follow-role="student"]');
  await expect(bar).toHaveAttribute('data-synced', 'true');

  // The narration line: the callout that says who won the election, beside the new leader.
  const callout = student.page.locator('.callout').first();
  await expect(callout).toBeVisible({ timeout: 20_000 });
  const [barBox, calloutBox] = await Promise.all([bar.boundingBox(), callout.boundingBox()]);
  expect(barBox && calloutBox).toBeTruthy();
  expect(inside(barBox!, 1280, 720)).toBe(true);
  expect(inside(calloutBox!, 1280, 720)).toBe(true);
  expect(meet(barBox!, calloutBox!)).toBe(false);

  // Nor anything of the header a student needs: the views, the classroom entries, the clock.
  const header = await student.page.locator('.topbar button, .topbar [role="tab"], .topbar .sim-time').evaluateAll((els) =>
    els
      .map((el) => el.getBoundingClientRect())
      .filter((r) => r.width > 0)
      .map((r) => ({ x: r.x, y: r.y, width: r.width, height: r.height })),
  );
  expect(header.length).toBeGreaterThan(3);
  expect(header.filter((b) => meet(barBox!, b))).toEqual([]);
  await student.page.screenshot({ path: 'test-results/follow-student-1280x720.png' });

  // On a wide screen the tagline shows too, and the bar leaves it clear.
  await student.page.setViewportSize({ width: 1920, height: 1080 });
  const tagline = student.page.locator('.brand p');
  await expect(tagline).toBeVisible();
  const [wideBar, taglineBox] = await Promise.all([bar.boundingBox(), tagline.boundingBox()]);
  expect(meet(wideBar!, taglineBox!)).toBe(false);
  expect([teacher, student].flatMap((a) => a.errors)).toEqual([]);
  await Promise.all([teacher.page.context().close(), student.page.context().close()]);
});

test('without a relay the page shows nothing of following', async ({ page }) => {
  const app = new ClusterPage(page);
  await app.goto(100);
  await expect(page.locator('[data-follow-role]')).toHaveCount(0);
  await app.waitForLeader();
});

test("a teacher exporting a clip replays it on the teacher's page only: a student stays at the teacher's moment", async ({ browser }) => {
  test.setTimeout(90_000);
  const teacher = await openPage(browser, `./?speed=20&relay=${encodeURIComponent(relay.url)}`);
  const dock = teacher.page.getByRole('region', { name: 'Follow along' });
  await dock.getByRole('button', { name: 'Start a session' }).click();
  const link = await dock.getByRole('textbox', { name: 'Link for students' }).inputValue();
  const student = await openPage(browser, link);
  await expect(student.page.locator('[data-follow-role="student"]')).toHaveAttribute('data-synced', 'true');
  await teacher.waitForLeader();
  await teacher.button('Pause').click();
  await expectInStep(teacher, [student]);
  const moment = await teacher.simTime();

  // Half a second of cluster time from the start: at speed 20 the replay runs over a second.
  const dialog = teacher.page.getByRole('dialog', { name: 'Export a clip' });
  await teacher.button('Export clip…').click();
  await dialog.getByLabel('From').fill('0.1');
  await dialog.getByLabel('To').fill('0.6');
  const download = teacher.page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Record clip' }).click();
  // While the teacher's page replays the window, the student's stays at the teacher's moment.
  const seen = new Set<number>();
  const teacherSeen = new Set<number>();
  const done = dialog.locator('.clip-done');
  while (!(await done.isVisible())) {
    seen.add(await student.simTime());
    teacherSeen.add(await teacher.simTime());
  }
  await download;
  expect([...teacherSeen].some((t) => t < moment)).toBe(true); // the teacher's page did replay the window
  expect([...seen]).toEqual([moment]);
  // Back at its moment, the teacher's page and the student's agree, and the student never moved.
  await expect.poll(() => teacher.simTime()).toBe(moment);
  await teacher.page.waitForTimeout(1000);
  expect(await student.simTime()).toBe(moment);
  await expectInStep(teacher, [student]);
  expect([teacher, student].flatMap((a) => a.errors)).toEqual([]);
  await Promise.all([teacher.page.context().close(), student.page.context().close()]);
});

test("the teacher's Follow along box in presenter view covers neither the ring nor the lesson, at 1280x720", async ({ browser }) => {
  const teacher = await openPage(browser, `./?speed=20&relay=${encodeURIComponent(relay.url)}`);
  await teacher.openLesson('Quorum');
  await teacher.page.keyboard.press('p');
  const dock = teacher.page.getByRole('region', { name: 'Follow along' });
  await dock.getByRole('button', { name: 'Start a session' }).click();
  await expect(dock.getByRole('img', { name: /QR code/ })).toBeVisible();
  await teacher.page.evaluate(() => window.scrollTo(0, 0));
  const [box, ring, lesson, qr] = await Promise.all([
    dock.boundingBox(),
    teacher.page.locator('svg.ring').boundingBox(),
    teacher.page.locator('.lesson-host').boundingBox(),
    dock.getByRole('img', { name: /QR code/ }).boundingBox(),
  ]);
  expect(box && ring && lesson && qr).toBeTruthy();
  // On the first screen, the QR code whole, and clear of the ring and of the lesson step.
  expect(inside(box!, 1280, 720)).toBe(true);
  expect(inside(qr!, 1280, 720)).toBe(true);
  expect(meet(box!, ring!)).toBe(false);
  expect(meet(box!, lesson!)).toBe(false);
  await teacher.page.screenshot({ path: 'test-results/follow-teacher-presenter-1280x720.png' });
  expect(teacher.errors).toEqual([]);
  await teacher.page.context().close();
});
