import { expect, test, type Page } from '@playwright/test';
import { ClusterPage } from './pages/ClusterPage.ts';
import { ExperimentPage } from './pages/ExperimentPage.ts';

// The built page carries a strict Content-Security-Policy (build/csp.ts). These tests walk the
// main views under it and fail on any violation the browser reports: a policy that breaks the
// app, or app code that needs more than the policy allows (an inline style element, an eval, a
// request to another origin), shows up here.

async function watchViolations(page: Page): Promise<string[]> {
  const seen: string[] = [];
  await page.exposeFunction('__cspViolation', (text: string) => seen.push(text));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as unknown as { __cspViolation: (t: string) => void }).__cspViolation(
        `${e.violatedDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile}:${e.lineNumber}`,
      );
    });
  });
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content.Security.Policy/i.test(m.text())) seen.push(m.text());
  });
  return seen;
}

test('the built page declares a strict Content-Security-Policy', async ({ page }) => {
  await page.goto('./');
  const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(policy).toContain("default-src 'none'");
  expect(policy).toContain("script-src 'self'");
  expect(policy).toContain("object-src 'none'");
  expect(policy).not.toContain('unsafe-inline');
  expect(policy).not.toContain('unsafe-eval');
});

test('the live view, a lesson, Break Raft, presenter view, links and export run with zero policy violations', async ({ page }) => {
  const violations = await watchViolations(page);
  const app = new ClusterPage(page);
  await app.goto();
  const leader = await app.waitForLeader();
  await app.clientWrite(2);
  await app.select(leader.id);
  await app.openSettings();
  await app.split('majority');
  await app.heal();

  // A lesson step: its highlights are a run-time style sheet.
  await app.button('Lessons').click();
  await page
    .getByRole('dialog', { name: 'Lessons' })
    .getByRole('button', { name: /Quorum and split-brain/ })
    .click();
  await app.waitForLeader();
  await page.locator('.feed-why').first().click();
  await expect(page.getByRole('region', { name: 'Why did this happen?' })).toBeVisible();

  // Break Raft's demo and the Figure 3 panel.
  await app.button('Break Raft').click();
  await page.getByRole('button', { name: /Run demo: A server may vote twice/ }).click();
  await expect(page.locator('.figure3 [data-state="broken"]').first()).toBeVisible({ timeout: 20_000 });

  // Presenter view and the shortcut help.
  await page.keyboard.press('p');
  await page.keyboard.press('?');
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
  await page.keyboard.press('Escape');
  await page.keyboard.press('p');

  // Export goes through a blob: download.
  const download = page.waitForEvent('download');
  await app.button('Export scenario').click();
  await download;

  expect(app.errors.filter((e) => /Content.Security.Policy/i.test(e))).toEqual([]);
  expect(violations).toEqual([]);
});

test('the experiments view runs its workers with zero policy violations', async ({ page }) => {
  const violations = await watchViolations(page);
  const exp = new ExperimentPage(page);
  await exp.open();
  await exp.run(20, '150-300');
  expect(violations).toEqual([]);
});
