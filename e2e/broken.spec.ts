import { expect, test } from '@playwright/test';
import { RULE_TEXT } from '../src/views/broken/rules.ts';
import { ClusterPage } from './pages/ClusterPage.ts';
import { TravelPage } from './pages/TravelPage.ts';

// Each deliberate fault, switched on from its panel, breaks the Figure 3 property its demo is
// built to break; the panel names it and points at the event. Normal runs never inherit a fault.

// Which property each demo breaks (src/scenarios/broken/index.ts; its JSON cannot be imported here).
const BROKEN_DEMOS = [
  { rule: 'winWithoutMajority', breaks: 'ElectionSafety' },
  { rule: 'voteTwice', breaks: 'ElectionSafety' },
  { rule: 'forgetVoteOnRestart', breaks: 'ElectionSafety' },
  { rule: 'ignoreLogCheck', breaks: 'LeaderCompleteness' },
  { rule: 'commitWithoutMajority', breaks: 'StateMachineSafety' },
  { rule: 'commitOldTermByCount', breaks: 'StateMachineSafety' },
] as const;

for (const demo of BROKEN_DEMOS) {
  test(`broken rule ${demo.rule}: its demo breaks ${demo.breaks} and the Figure 3 panel says where`, async ({ page }) => {
    const app = new ClusterPage(page);
    await app.goto(100);
    await app.button('Break Raft').click();
    const panel = page.getByRole('region', { name: /What if Raft were broken/ });
    await expect(panel.getByRole('switch')).toHaveCount(6);
    for (const s of await panel.getByRole('switch').all()) await expect(s).not.toBeChecked();
    await panel.getByRole('button', { name: `Run demo: ${RULE_TEXT[demo.rule].label}` }).click();
    await expect(page.getByRole('note', { name: 'Raft is broken on purpose' })).toContainText(RULE_TEXT[demo.rule].label);
    const row = page.locator(`.figure3 [data-property="${demo.breaks}"]`);
    await expect(row).toHaveAttribute('data-state', 'broken', { timeout: 30_000 });
    await expect(row).toContainText('BROKEN');
    await row.getByRole('button', { name: /Go there and show why/ }).click();
    const why = page.getByRole('region', { name: 'Why did this happen?' });
    await expect(why).toContainText('(Figure 3)');
    if (demo.rule === 'voteTwice') await app.shot('broken-violation');
    // The servers involved are marked on the cluster.
    await expect(page.locator('.ring .node-hit[data-lesson-highlight]').first()).toBeVisible();
    await page.getByRole('button', { name: 'Back to normal Raft' }).first().click();
    await expect(page.getByRole('note', { name: 'Raft is broken on purpose' })).toHaveCount(0);
    await expect(page.locator('.figure3 [data-state="broken"]')).toHaveCount(0);
    expect(app.errors).toEqual([]);
  });
}

test('ticked rules start a broken run; settings then start a normal one', async ({ page }) => {
  const app = new ClusterPage(page);
  await app.goto(100);
  await app.button('Break Raft').click();
  const panel = page.getByRole('region', { name: /What if Raft were broken/ });
  await expect(panel.getByRole('button', { name: /Start a broken run/ })).toBeDisabled();
  await panel.getByRole('switch', { name: new RegExp(RULE_TEXT.voteTwice.label) }).check();
  await panel.getByRole('button', { name: /Start a broken run \(1 rule off\)/ }).click();
  await expect(page.getByRole('note', { name: 'Raft is broken on purpose' })).toContainText(RULE_TEXT.voteTwice.label);
  await app.applySettings({ Seed: '7' });
  await expect(page.getByRole('note', { name: 'Raft is broken on purpose' })).toHaveCount(0);
});

test('a link to a broken run carries the broken rule; a new normal run has none', async ({ page, context }) => {
  const app = new TravelPage(page);
  await app.goto(100);
  await app.button('Break Raft').click();
  await page.getByRole('button', { name: `Run demo: ${RULE_TEXT.voteTwice.label}` }).click();
  await expect(page.locator('.figure3 [data-property="ElectionSafety"]')).toHaveAttribute('data-state', 'broken', { timeout: 20_000 });
  await app.pause();
  const link = await app.copyLink();
  const other = await context.newPage();
  await other.goto(link);
  await expect(other.getByRole('note', { name: 'Raft is broken on purpose' })).toContainText(RULE_TEXT.voteTwice.label);
  await expect(other.locator('.figure3 [data-property="ElectionSafety"]')).toHaveAttribute('data-state', 'broken', { timeout: 20_000 });
  await other.getByRole('button', { name: 'Back to normal Raft' }).first().click();
  await expect(other.getByRole('note', { name: 'Raft is broken on purpose' })).toHaveCount(0);
});
