import { expect, test } from '@playwright/test';
import { ClusterPage } from './pages/ClusterPage.ts';
import { seriousA11yProblems } from './support/axe.ts';
import { atEachSize } from './sizes.ts';

// axe-core on every main view: no serious or critical finding. axe is injected as a script, which
// the built page's Content-Security-Policy rightly refuses; the policy has its own test (csp.spec.ts).
test.use({ bypassCSP: true });

test('the live cluster view has no serious accessibility problems (axe-core), with a server selected and the settings open', async ({
  page,
}) => {
  const app = new ClusterPage(page);
  await app.goto();
  const leader = await app.waitForLeader();
  await app.clientWrite(2);
  await app.select(leader.id);
  await app.openSettings();
  await app.button('Pause').click();
  expect(await seriousA11yProblems(page)).toEqual([]);
});

test('lesson mode, the lesson list and an explanation pass axe-core', async ({ page }) => {
  const app = new ClusterPage(page);
  await app.goto();
  await app.button('Lessons').click();
  expect(await seriousA11yProblems(page)).toEqual([]);
  await page
    .getByRole('dialog', { name: 'Lessons' })
    .getByRole('button', { name: /Quorum and split-brain/ })
    .click();
  await app.waitForLeader();
  await page.locator('.feed-why').first().click();
  await expect(page.getByRole('region', { name: 'Why did this happen?' })).toBeVisible();
  expect(await seriousA11yProblems(page)).toEqual([]);
});

test('broken mode with a violation reported passes axe-core', async ({ page }) => {
  const app = new ClusterPage(page);
  await app.goto();
  await app.button('Break Raft').click();
  await page.getByRole('button', { name: /Run demo: A server may vote twice/ }).click();
  await expect(page.locator('.figure3 [data-state="broken"]').first()).toBeVisible({ timeout: 20_000 });
  await app.button('Pause').click();
  expect(await seriousA11yProblems(page)).toEqual([]);
});

test('presenter view and the shortcut help pass axe-core', async ({ page }) => {
  const app = new ClusterPage(page);
  await app.goto();
  await app.waitForLeader();
  await page.keyboard.press('p');
  await app.button('Pause').click();
  expect(await seriousA11yProblems(page)).toEqual([]);
  await page.keyboard.press('?');
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
  expect(await seriousA11yProblems(page)).toEqual([]);
});

test('the experiments view passes axe-core', async ({ page }) => {
  const app = new ClusterPage(page);
  await app.goto();
  await app.button('Experiments').click();
  await expect(page.locator('.experiments-page')).toBeVisible();
  expect(await seriousA11yProblems(page)).toEqual([]);
});

/** WCAG contrast of a button's text on its own background, as the browser computed them. */
async function contrastOf(page: import('@playwright/test').Page, selector: string): Promise<number> {
  return page.locator(selector).evaluate((el) => {
    const rgb = (c: string) => (c.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number);
    const lum = (c: string) => {
      const [r, g, b] = rgb(c).map((v) => {
        const s = v / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
    };
    const style = getComputedStyle(el);
    const [a, b] = [lum(style.color), lum(style.backgroundColor)];
    return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
  });
}

async function hoveredContrast(page: import('@playwright/test').Page, selector: string): Promise<number> {
  await page.locator(selector).hover();
  // Transitions settle before the colours are read.
  await page.waitForTimeout(300);
  return contrastOf(page, selector);
}

atEachSize(() => {
  test('a pressed toggle keeps its contrast under the pointer, in the normal and the presenter view', async ({ page }) => {
    const app = new ClusterPage(page);
    await app.goto();
    await app.waitForLeader();
    const broken = '.classroom-bar .broken-toggle';
    await page.locator(broken).click();
    await expect(page.locator(broken)).toHaveAttribute('aria-pressed', 'true');
    expect(await hoveredContrast(page, broken)).toBeGreaterThanOrEqual(4.5);
    await page.locator(broken).click();
    const presenter = '.classroom-bar button[aria-label="Presenter view"]';
    await page.locator(presenter).click();
    await expect(page.locator(presenter)).toHaveAttribute('aria-pressed', 'true');
    expect(await hoveredContrast(page, presenter)).toBeGreaterThanOrEqual(4.5);
    expect(app.errors).toEqual([]);
  });
});
