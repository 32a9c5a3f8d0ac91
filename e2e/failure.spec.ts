import { expect, test } from '@playwright/test';
import { ClusterPage } from './pages/ClusterPage.ts';

test('if the simulation worker throws, the page says so and a restart brings the cluster back', async ({ page }) => {
  let broken = true;
  // Serve a worker that throws as soon as it runs, once; the restart gets the real one.
  await page.route('**/sim.worker-*.js', async (route) => {
    if (!broken) return route.continue();
    broken = false;
    await route.fulfill({ contentType: 'text/javascript', body: 'throw new Error("simulated worker failure");' });
  });
  const app = new ClusterPage(page);
  await page.goto('./?speed=100');
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('The simulation stopped');
  await app.shot('worker-failed');
  await page.getByRole('button', { name: 'Restart simulation' }).click();
  await expect(alert).toHaveCount(0);
  await app.waitForLeader();
});
