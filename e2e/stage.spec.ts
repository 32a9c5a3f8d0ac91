import { expect, test, type Page } from '@playwright/test';
import { ClusterPage } from './pages/ClusterPage.ts';

// The classroom stage (issue 11), at each size a class meets it: a laptop on a projector, a
// full-HD projector, a tablet upright and on its side.
const SIZES = [
  { width: 1280, height: 720 },
  { width: 1920, height: 1080 },
  { width: 768, height: 1024 },
  { width: 1024, height: 768 },
] as const;

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

for (const size of SIZES) {
  test.describe(`at ${size.width}x${size.height}`, () => {
    test.use({ viewport: size });

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

    test('one screen: the ring, every log strip, split, heal, write and the timeline, without scrolling, in both views', async ({
      page,
    }) => {
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
      }
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
  });
}

test.describe('a stale leader cut off in the minority', () => {
  test.use({ viewport: { width: 1280, height: 720 } });
  test('its write, which the new leader will overwrite, is marked on its strip; a long log shows its tail', async ({ page }) => {
    const app = new ClusterPage(page);
    await app.goto();
    const old = await app.waitForLeader();
    await app.split('minority');
    await app.waitForLeader({ minTerm: old.term + 1, not: old.id });
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
});

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
