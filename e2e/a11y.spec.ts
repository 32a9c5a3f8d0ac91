import { expect, test } from '@playwright/test';
import { ClusterPage } from './pages/ClusterPage.ts';
import { seriousA11yProblems } from './support/axe.ts';

test('the live cluster view has no serious accessibility problems (axe-core), with a server selected and the settings open', async ({ page }) => {
  const app = new ClusterPage(page);
  await app.goto();
  const leader = await app.waitForLeader();
  await app.clientWrite(2);
  await app.select(leader.id);
  await app.openSettings();
  await app.button('Pause').click();
  expect(await seriousA11yProblems(page)).toEqual([]);
});
