import { expect, test, type Page } from '@playwright/test';
import { encodeLink } from '../src/links/codec.ts';
import { SCENARIO_VERSION } from '../src/sim/scenario.ts';
import { DEFAULT_SETTINGS } from '../src/sim/settings.ts';
import { ClusterPage } from './pages/ClusterPage.ts';
import { atEachSize } from './sizes.ts';

// The classroom stage (issue 11), at each size a class meets it (sizes.ts).

interface StripInfo {
  readonly of: string;
  readonly commitIndex: number;
  readonly length: number;
  readonly cells: { index: number; term: number; committed: boolean; conflict: boolean }[];
  readonly box: { x: number; y: number; width: number; height: number };
  /** The rendered height of one entry, in CSS pixels: how big it reads on the screen. */
  readonly cellHeight: number;
}

async function strips(page: Page): Promise<StripInfo[]> {
  return page.locator('[data-log-of]').evaluateAll((els) =>
    els.map((el) => {
      const r = el.getBoundingClientRect();
      const cells = Array.from(el.querySelectorAll('[data-index]'));
      return {
        of: el.getAttribute('data-log-of') ?? '',
        commitIndex: Number(el.getAttribute('data-commit-index')),
        length: Number(el.getAttribute('data-length')),
        cells: cells.map((c) => ({
          index: Number(c.getAttribute('data-index')),
          term: Number(c.getAttribute('data-term')),
          committed: c.getAttribute('data-committed') === 'true',
          conflict: c.getAttribute('data-conflict') === 'true',
        })),
        box: { x: r.x, y: r.y, width: r.width, height: r.height },
        cellHeight: cells[0]?.getBoundingClientRect().height ?? 0,
      };
    }),
  );
}

const inside = (b: { x: number; y: number; width: number; height: number }, w: number, h: number) =>
  b.x >= 0 && b.y >= 0 && b.x + b.width <= w && b.y + b.height <= h;

atEachSize((size) => {
  test('each server shows its log beside it on the ring, as the log table does, in both views', async ({ page }) => {
    const app = new ClusterPage(page);
    await app.goto();
    const leader = await app.waitForLeader();
    await app.clientWrite(3);
    await expect.poll(async () => app.committedOn(leader.id)).toBe(3);
    // The followers learn the new commit index from the next heartbeat: the no-op and three writes.
    await expect.poll(async () => (await strips(page)).every((s) => s.commitIndex >= 4)).toBe(true);
    for (const view of ['normal', 'presenter'] as const) {
      if (view === 'presenter') await page.keyboard.press('p');
      const all = await strips(page);
      expect(all.map((s) => s.of).sort()).toEqual(['S1', 'S2', 'S3', 'S4', 'S5']);
      for (const s of all) {
        expect(inside(s.box, size.width, size.height), `${s.of}'s strip on the first screen (${view})`).toBe(true);
        // In the presenter view an entry is at least 14 px tall: its term number reads from the back of a room.
        expect(s.cellHeight, `${s.of}'s entries readable (${view})`).toBeGreaterThanOrEqual(view === 'presenter' ? 14 : 11);
        for (const c of s.cells) expect(c.committed).toBe(c.index <= s.commitIndex);
      }
      // Strips never overlap one another.
      for (const a of all)
        for (const b of all) {
          if (a.of >= b.of) continue;
          const apart =
            a.box.x + a.box.width <= b.box.x ||
            b.box.x + b.box.width <= a.box.x ||
            a.box.y + a.box.height <= b.box.y ||
            b.box.y + b.box.height <= a.box.y;
          expect(apart, `${a.of} and ${b.of} strips apart (${view})`).toBe(true);
        }
    }
    await page.keyboard.press('p');
    // The ring draws what the table holds: each strip's entries are the table's newest ones.
    const table = await app.entries();
    for (const s of await strips(page)) {
      const rows = table.filter((e) => e.node === s.of);
      expect(s.length).toBe(rows.length);
      for (const c of s.cells) {
        const row = rows.find((e) => e.index === c.index)!;
        expect({ term: c.term, committed: c.committed }).toEqual({ term: row.term, committed: row.committed });
      }
    }
    expect(app.errors).toEqual([]);
  });

  test('one screen: the ring, every log strip, split, heal, write and the timeline, without scrolling, in both views', async ({ page }) => {
    const app = new ClusterPage(page);
    await app.goto();
    await app.waitForLeader();
    for (const view of ['normal', 'presenter'] as const) {
      if (view === 'presenter') await page.keyboard.press('p');
      const onScreen = async (what: string, box: { x: number; y: number; width: number; height: number } | null) => {
        expect(box, what).not.toBeNull();
        expect(box!.width * box!.height, `${what} drawn (${view})`).toBeGreaterThan(0);
        expect(inside(box!, size.width, size.height), `${what} on the first screen (${view})`).toBe(true);
      };
      expect(await page.evaluate(() => [window.scrollX, window.scrollY])).toEqual([0, 0]);
      await onScreen('the ring', await page.locator('.ring').boundingBox());
      for (const s of await strips(page)) await onScreen(`${s.of}'s log strip`, s.box);
      for (const name of ['Split 3/2', 'Heal', 'Client write']) await onScreen(name, await app.button(name).boundingBox());
      await onScreen('the timeline', await page.getByRole('region', { name: 'Timeline' }).boundingBox());
      // Nothing wider than the window.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(size.width);
      // On a landscape screen the playback toolbar is one line: no row of it taken from the ring.
      if (size.width > size.height) {
        const rows = await page.locator('.playback > *').evaluateAll((els) => {
          // Boxes that overlap in height share a line (they differ in height, centred on it).
          const boxes = els.map((el) => el.getBoundingClientRect()).sort((a, b) => a.top - b.top);
          let lines = 0;
          let bottom = -Infinity;
          for (const b of boxes) {
            if (b.top >= bottom - 1) lines++;
            bottom = b.top >= bottom - 1 ? b.bottom : Math.max(bottom, b.bottom);
          }
          return lines;
        });
        expect(rows, `the playback toolbar on one line (${view})`).toBe(1);
      }
    }
  });

  test('pace: the speed is said in real terms in both views, quiet stretches are marked fast-forward, the top speed is 10 s a second', async ({
    page,
  }) => {
    // Opened as a class opens it: no speed in the address.
    await page.goto('./');
    const app = new ClusterPage(page);
    await expect(page.locator('.ring [data-node]').first()).toBeVisible();
    const text = page.locator('.speed-text');
    const badge = page.locator('.pace-badge');
    // The clock's badge says how it runs (fast-forward is checked in store/pace.test.ts: on a
    // loaded machine the quiet stretch can be over before a browser check sees it).
    await expect(badge).toBeInViewport();
    await app.waitForLeader();
    for (const view of ['normal', 'presenter'] as const) {
      if (view === 'presenter') await page.keyboard.press('p');
      await expect(text, `the default speed in real terms (${view})`).toContainText('1 s of cluster time takes 50 s');
      await expect(text).toBeInViewport();
    }
    await page.keyboard.press('p');
    // Slow motion at one end, ten times real time at the other.
    while (await app.button('Slower').isEnabled()) await app.button('Slower').click();
    await expect(text).toContainText('1 s of cluster time takes 200 s');
    while (await app.button('Faster').isEnabled()) await app.button('Faster').click();
    await expect(text).toContainText('10 s of cluster time pass each second');
    expect(app.errors).toEqual([]);
  });

  test('the ring stays put while the clock passes 10 s and 100 s, in both views', async ({ page }) => {
    const app = new ClusterPage(page);
    for (const [view, from] of [
      ['normal', 9_950],
      ['presenter', 9_950],
      ['presenter', 99_950],
    ] as const) {
      const hash = await encodeLink({
        scenario: { version: SCENARIO_VERSION, settings: DEFAULT_SETTINGS, actions: [] },
        time: from,
        playing: false,
      });
      // A fresh load each time: the same link again would only be a change of hash.
      await page.goto('about:blank');
      await page.goto(`./?speed=20#${hash}`);
      // The clock shows the moment at once; the replay has reached it when the timeline ends there.
      await expect(page.locator('.timeline')).toHaveAttribute('data-horizon', String(from), { timeout: 20_000 });
      await expect.poll(() => app.simTime()).toBe(from);
      if ((await page.locator('.presenter').count()) !== (view === 'presenter' ? 1 : 0)) await page.keyboard.press('p');
      await expect(page.locator('.presenter')).toHaveCount(view === 'presenter' ? 1 : 0);
      // Opened paused just before the clock gains a digit, measured, then played past it.
      await expect(app.button('Play')).toBeVisible();
      const top = (await page.locator('.ring').boundingBox())!.y;
      await app.button('Play').click();
      await app.waitForSimTime(from + 100);
      expect((await page.locator('.ring').boundingBox())!.y, `the ring after ${(from + 50) / 1000} s (${view})`).toBe(top);
    }
    expect(app.errors).toEqual([]);
  });

  test('the ring stays put while the status line changes its words', async ({ page }) => {
    const app = new ClusterPage(page);
    await app.goto();
    const leader = await app.waitForLeader();
    const top = async () => (await page.locator('.ring').boundingBox())!.y;
    const status = page.locator('.cluster-status');
    const before = { top: await top(), text: await status.innerText() };
    // From the keyboard, so no control beside the stage is scrolled to.
    await page.keyboard.press(leader.id.slice(1));
    await page.keyboard.press('c');
    await expect(app.node(leader.id)).toHaveAttribute('data-alive', 'false');
    // Sample through the election that follows: "No leader · S2, S3 campaigning · highest term 2" and so on.
    const texts = new Set<string>([before.text]);
    for (let i = 0; i < 25; i++) {
      texts.add(await status.innerText());
      expect(await top()).toBe(before.top);
      await page.waitForTimeout(60);
    }
    await app.waitForLeader({ not: leader.id });
    expect(await top()).toBe(before.top);
    expect(texts.size, 'the status changed its words meanwhile').toBeGreaterThan(1);
  });

  test('choosing a server opens its actions beside it; pressing them scrolls nothing; keyboard and Escape', async ({ page }) => {
    const app = new ClusterPage(page);
    await app.goto();
    const leader = await app.waitForLeader();
    const scrolls = () =>
      page.evaluate(() => [window.scrollY, ...Array.from(document.querySelectorAll('.layout, .main-col, .side'), (el) => el.scrollTop)]);
    for (const view of ['normal', 'presenter'] as const) {
      if (view === 'presenter') await page.keyboard.press('p');
      // Whichever server is chosen, its actions cover no server: the class watches them answer.
      const hits = await page.locator('.ring .node-hit').all();
      for (const chosen of await app.nodes()) {
        await app.node(chosen.id).click();
        const pop = (await page.getByRole('group', { name: `Actions for ${chosen.id}` }).boundingBox())!;
        for (const hit of hits) {
          const o = (await hit.boundingBox())!;
          const clear =
            pop.x >= o.x + o.width - 1 || o.x >= pop.x + pop.width - 1 || pop.y >= o.y + o.height - 1 || o.y >= pop.y + pop.height - 1;
          expect(clear, `${chosen.id}'s actions clear of ${await hit.getAttribute('data-node')} (${view})`).toBe(true);
        }
        await page.keyboard.press('Escape');
      }
      const before = { scrolls: await scrolls(), ring: (await page.locator('.ring').boundingBox())!.y };
      const follower = (await app.nodes()).find((n) => n.id !== leader.id && n.alive)!.id;
      await app.node(follower).click();
      const popover = page.getByRole('group', { name: `Actions for ${follower}` });
      await expect(popover).toBeVisible();
      const pop = (await popover.boundingBox())!;
      const node = (await app.node(follower).boundingBox())!;
      expect(inside(pop, size.width, size.height), `the actions on the first screen (${view})`).toBe(true);
      const apart =
        pop.x >= node.x + node.width || node.x >= pop.x + pop.width || pop.y >= node.y + node.height || node.y >= pop.y + pop.height;
      expect(apart, `the actions beside ${follower}, not over it (${view})`).toBe(true);
      await popover.getByRole('button', { name: `Crash ${follower}` }).click();
      await expect(app.node(follower)).toHaveAttribute('data-alive', 'false');
      await popover.getByRole('button', { name: `Restart ${follower}` }).click();
      await expect(app.node(follower)).toHaveAttribute('data-alive', 'true');
      await popover.getByRole('button', { name: `Write to ${follower}` }).click();
      expect(await scrolls(), `nothing scrolled (${view})`).toEqual(before.scrolls);
      expect((await page.locator('.ring').boundingBox())!.y).toBe(before.ring);
      await page.keyboard.press('Escape');
      await expect(popover).toHaveCount(0);

      // From the keyboard: Enter on a server puts the focus on its first action; Escape gives it back.
      await app.node(follower).focus();
      await page.keyboard.press('Enter');
      await expect(popover).toBeVisible();
      await expect(popover.getByRole('button', { name: `Crash ${follower}` })).toBeFocused();
      await page.keyboard.press('Escape');
      await expect(popover).toHaveCount(0);
      await expect(app.node(follower)).toBeFocused();
      await page.keyboard.press('Escape');
    }
  });

  for (const view of ['normal', 'presenter'] as const) {
    test(`nothing covers a server, its role or its vote tally during a split with writes (${view} view)`, async ({ page }) => {
      test.setTimeout(90_000);
      const app = new ClusterPage(page);
      // Slow enough that messages are seen crossing.
      await app.goto(20);
      await app.waitForLeader();
      if (view === 'presenter') await page.keyboard.press('p');
      await page.locator('.ring-canvas').evaluate((c) => c.setAttribute('data-probe', ''));
      await app.split('minority');
      let callouts = 0;
      let messages = 0;
      // At least 24 samples, and on until a callout and a message have been seen among them.
      for (let i = 0; i < 24 || ((callouts === 0 || messages === 0) && i < 80); i++) {
        if (i % 3 === 0) await app.button('Client write').click();
        const seen = await page.evaluate(() => {
          const rect = (el: Element) => {
            const r = el.getBoundingClientRect();
            return { x: r.left, y: r.top, w: r.width, h: r.height };
          };
          const keep = Array.from(document.querySelectorAll('.ring .node-role, .ring .vote-tally'), rect);
          // A server's circle (with its timer ring) is round: kept as its centre and radius.
          const circles = Array.from(document.querySelectorAll('.ring .node-hit'), (el) => {
            const r = el.getBoundingClientRect();
            return { cx: r.left + r.width / 2, cy: r.top + r.height / 2, r: r.width / 2 };
          });
          const shown = Array.from(document.querySelectorAll('.callout:not([data-hidden])'), rect);
          const canvas = document.querySelector<HTMLCanvasElement>('.ring-canvas')!;
          const c = canvas.getBoundingClientRect();
          const scale = Math.min(c.width / 960, c.height / 640);
          const icons = (JSON.parse(canvas.dataset.boxes ?? '[]') as [number, number, number][]).map(([x, y]) => ({
            x: c.left + x - 12 * scale,
            y: c.top + y - 12 * scale,
            w: 24 * scale,
            h: 24 * scale,
          }));
          return { keep, circles, shown, icons };
        });
        const hit = (a: { x: number; y: number; w: number; h: number }, b: typeof a) =>
          a.x < b.x + b.w - 1 && b.x < a.x + a.w - 1 && a.y < b.y + b.h - 1 && b.y < a.y + a.h - 1;
        expect(seen.shown.length, 'at most two callouts at once').toBeLessThanOrEqual(2);
        for (const k of seen.keep) {
          for (const s of seen.shown) expect(hit(s, k), 'a callout over a server, role or tally').toBe(false);
          for (const m of seen.icons) expect(hit(m, k), 'a message over a server, role or tally').toBe(false);
        }
        for (const c of seen.circles) {
          const covers = (b: { x: number; y: number; w: number; h: number }) =>
            Math.hypot(Math.max(b.x - c.cx, 0, c.cx - b.x - b.w), Math.max(b.y - c.cy, 0, c.cy - b.y - b.h)) < c.r - 1;
          for (const s of seen.shown) expect(covers(s), 'a callout over a server').toBe(false);
          for (const m of seen.icons) expect(covers(m), 'a message over a server').toBe(false);
        }
        callouts += seen.shown.length;
        messages += seen.icons.length;
        await page.waitForTimeout(150);
      }
      // The samples saw callouts and messages on the stage, not an empty picture.
      expect(callouts).toBeGreaterThan(0);
      expect(messages).toBeGreaterThan(0);
    });
  }
});

atEachSize(() => {
  test('its write, which the new leader will overwrite, is marked on its strip; a long log shows its tail', async ({ page }) => {
    const app = new ClusterPage(page);
    await app.goto();
    const old = await app.waitForLeader();
    await app.split('minority');
    // The header says at once that the old leader, cut off, can no longer commit anything.
    await expect(page.locator('.cluster-status .status-cut-off')).toHaveAttribute('data-cut-off', old.id);
    await expect(page.locator('.cluster-status')).toContainText(`${old.id} cut off: can no longer commit`);
    // Whole on the first screen: not cut off by the bar's width or the window.
    const said = page.locator('.cluster-status .status-cut-off');
    await expect(said).toBeInViewport({ ratio: 1 });
    // The line clips with an ellipsis when too long: nothing of it may be clipped.
    const line = page.locator('.cluster-status .status-detail');
    expect(await line.evaluate((el) => el.scrollWidth <= el.clientWidth + 1)).toBe(true);
    await app.waitForLeader({ minTerm: old.term + 1, not: old.id });
    await expect(page.locator('.cluster-status .status-cut-off')).toHaveAttribute('data-cut-off', old.id);
    await app.writeTo(old.id);
    await expect
      .poll(async () => (await strips(page)).find((s) => s.of === old.id)?.cells.some((c) => c.conflict && !c.committed))
      .toBe(true);
    await app.clientWrite(9);
    const mine = async () => (await strips(page)).find((s) => s.of === old.id)!;
    const majority = (await app.nodes()).find((n) => n.island === 0)!.id;
    await expect.poll(async () => (await strips(page)).find((s) => s.of === majority)!.length).toBeGreaterThanOrEqual(10);
    const long = (await strips(page)).find((s) => s.of === majority)!;
    // The newest entries are drawn, ending at the last one; the older ones are counted.
    expect(long.cells.length).toBeLessThan(long.length);
    expect(long.cells.at(-1)!.index).toBe(long.length);
    await expect(page.locator(`[data-log-of="${majority}"] .strip-more`)).toHaveText(`+${long.length - long.cells.length}`);
    expect((await mine()).cells.length).toBeGreaterThan(0);
  });
}, 'a stale leader cut off in the minority, ');

test.describe('on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 } });
  test('the cluster is usable: the whole ring on the first screen, nothing wider than the phone', async ({ page }) => {
    const app = new ClusterPage(page);
    await app.goto();
    const leader = await app.waitForLeader();
    await app.button('Client write').click();
    const ring = (await page.locator('.ring').boundingBox())!;
    expect(ring.width).toBeGreaterThan(300);
    expect(ring.y + ring.height).toBeLessThanOrEqual(844);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await app.node(leader.id).click();
    await app.button(`Crash ${leader.id}`).click();
    await expect(app.node(leader.id)).toHaveAttribute('data-alive', 'false');
  });
});

test('a callout goes as soon as it stops being true: the new leader crashes, its "won" goes with it', async ({ page }) => {
  const app = new ClusterPage(page);
  await app.goto();
  const leader = await app.waitForLeader();
  const won = page.locator(`.callout[data-callout="leader"][data-node="${leader.id}"]`);
  await expect(won).toHaveCount(1);
  await page.keyboard.press(leader.id.slice(1));
  await page.keyboard.press('c');
  // Well before its four seconds are up.
  await expect(won).toHaveCount(0, { timeout: 1000 });
});

for (const size of [
  { width: 768, height: 1024 },
  { width: 390, height: 844 },
]) {
  test.describe(`in one column, at ${size.width}x${size.height}`, () => {
    test.use({ viewport: size });
    test('a lesson comes right under the stage, before the legend, the logs and the other cards', async ({ page }) => {
      const app = new ClusterPage(page);
      await app.goto();
      await app.button('Lessons').click();
      await page.locator('.lesson-list button').first().click();
      const lesson = page.locator('section.lesson');
      await expect(lesson).toBeVisible();
      // Both read at once (the stage grows as the step's notes appear); the lesson's panel may be
      // headed by a note of what came before the step.
      const gap = () =>
        page.evaluate(
          () =>
            document.querySelector('.lesson-host')!.getBoundingClientRect().top -
            document.querySelector('.stage')!.getBoundingClientRect().bottom,
        );
      await expect.poll(gap, { message: 'the lesson one gap under the stage' }).toBeLessThan(40);
      expect(await gap()).toBeGreaterThanOrEqual(0);
      expect(app.errors).toEqual([]);
    });
  });
}
