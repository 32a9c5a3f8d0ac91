import { expect, test, type Page } from '@playwright/test';
import { ClusterPage } from './pages/ClusterPage.ts';
import { atEachSize } from './sizes.ts';

/** Press Tab until the focused element has this accessible text; fail after 60 presses. */
async function tabTo(page: Page, name: string): Promise<void> {
  for (let i = 0; i < 60; i++) {
    await page.keyboard.press('Tab');
    const text = await page.evaluate(() => {
      const el = document.activeElement;
      return (el?.getAttribute('aria-label') ?? el?.textContent ?? '').trim();
    });
    if (text === name) return;
  }
  throw new Error(`could not reach "${name}" with Tab`);
}

test('a full scenario from the keyboard alone: load, elect, crash the leader, split, write, heal', async ({ page }) => {
  test.setTimeout(90_000);
  const app = new ClusterPage(page);
  await app.goto(60);

  // Load: open the lessons from the keyboard and start the first one (it loads its scenario).
  await tabTo(page, 'Lessons');
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
  expect(outline).not.toBe('none');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog', { name: 'Lessons' })).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page.locator('section.lesson')).toHaveAttribute('data-lesson', 'one-leader');
  // Leave the lesson (its steps pause the run on their goals) and go on with its scenario freely.
  await tabTo(page, 'Leave the lesson');
  await page.keyboard.press('Enter');
  await expect(page.locator('section.lesson')).toHaveCount(0);
  if (await page.getByRole('button', { name: 'Play' }).isVisible()) await page.keyboard.press(' ');

  // Elect: wait for a leader, then choose it by its number and crash it.
  const leader = await app.waitForLeader();
  await page.keyboard.press(leader.id.slice(1));
  await expect(app.node(leader.id)).toHaveAttribute('aria-pressed', 'true');
  await page.keyboard.press('c');
  await expect(app.node(leader.id)).toHaveAttribute('data-alive', 'false');
  const next = await app.waitForLeader({ not: leader.id, minTerm: leader.term + 1 });

  // Split (the leader stays with the majority), write, heal.
  await page.keyboard.press('s');
  await expect(page.locator('.partition-gap')).toBeVisible();
  const logged = async () => (await app.entries()).filter((e) => e.node === next.id).length;
  const before = await logged();
  await page.keyboard.press('w');
  // The leader takes the write; whether it commits before the heal depends on which side the
  // crashed server fell on (it may leave the majority side two live servers).
  await expect.poll(logged, { timeout: 20_000 }).toBeGreaterThan(before);
  await page.keyboard.press('h');
  await expect(page.locator('.partition-gap')).toHaveCount(0);
  // The minority's raised terms may force one more election on the heal; a leader commits
  // entries of earlier terms only with one of its own, so write once more and see it commit.
  const healed = await app.waitForLeader();
  await page.keyboard.press('w');
  await expect.poll(async () => app.committedOn((await app.leader())?.id ?? healed.id), { timeout: 20_000 }).toBeGreaterThan(0);

  // Restart the crashed server and time out another one, by number.
  await page.keyboard.press(leader.id.slice(1));
  await page.keyboard.press('r');
  await expect(app.node(leader.id)).toHaveAttribute('data-alive', 'true');

  // Pause and step.
  await page.keyboard.press('Escape');
  await page.keyboard.press(' ');
  await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();
  const t = await app.simTime();
  await page.keyboard.press('ArrowRight');
  await expect.poll(() => app.simTime()).toBeGreaterThan(t);
  expect(app.errors).toEqual([]);
});

test('? opens the list of shortcuts, Esc closes it and gives focus back', async ({ page }) => {
  const app = new ClusterPage(page);
  await app.goto(100);
  await page.keyboard.press('?');
  const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('Crash the chosen server');
  // Keys meant for the cluster do nothing while the list is open.
  await page.keyboard.press('s');
  await expect(page.locator('.partition-gap')).toHaveCount(0);
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
});

test('a command without a chosen server says what to do', async ({ page }) => {
  const app = new ClusterPage(page);
  await app.goto(100);
  await page.keyboard.press('c');
  await expect(page.locator('.command-echo')).toContainText('Choose a server first');
});

test('Space on a focused server chooses it and does not also pause the run', async ({ page }) => {
  const app = new ClusterPage(page);
  await app.goto(100);
  await app.node('S3').focus();
  await page.keyboard.press(' ');
  await expect(app.node('S3')).toHaveAttribute('aria-pressed', 'true');
  await expect(app.button('Pause')).toBeVisible();
});

atEachSize(() => {
  test('after a mouse touches the speed and the split choice, W and S still work; S puts the leader where the choice says', async ({
    page,
  }) => {
    const app = new ClusterPage(page);
    await app.goto();
    const leader = await app.waitForLeader();
    // The controls a teacher reaches for with the mouse: the speed, then the leader's side.
    await app.button('Faster').click();
    await app.button('Slower').click();
    await page.getByText('leader in minority', { exact: true }).click();
    const before = await app.entries();
    await page.keyboard.press('w');
    await expect.poll(async () => (await app.entries()).length).toBeGreaterThan(before.length);
    await page.keyboard.press('s');
    await expect(page.locator('.partition-gap')).toBeVisible();
    // Exactly what the button does with that choice: the old leader on the minority side.
    const sides = await app.nodes();
    const mine = sides.find((n) => n.id === leader.id)!;
    expect(sides.filter((n) => n.island === mine.island)).toHaveLength(2);
    await expect(page.locator('.island-title.cannot-win')).toHaveCount(1);
    // The arrows step the run again, not the speed, once the mouse has let go of the speed buttons.
    await page.keyboard.press(' ');
    await expect(app.button('Play')).toBeVisible();
    const speed = await page.locator('.speed-text').getAttribute('data-speed');
    const t0 = await app.simTime();
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => app.simTime()).toBeGreaterThan(t0);
    expect(await page.locator('.speed-text').getAttribute('data-speed')).toBe(speed);
    expect(app.errors).toEqual([]);
  });
});
