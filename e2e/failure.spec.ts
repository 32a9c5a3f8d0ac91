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

test('after a link made the run fail, Restart starts the default run, clears the address bar and keeps the link to copy', async ({
  page,
}) => {
  const { encodeLink } = await import('../src/links/codec.ts');
  const { DEFAULT_SETTINGS } = await import('../src/sim/settings.ts');
  const hash = await encodeLink({
    scenario: { version: 1, settings: { ...DEFAULT_SETTINGS, nodes: 3, seed: 77 }, actions: [] },
    time: 500,
    playing: true,
  });
  let broken = true;
  await page.route('**/sim.worker-*.js', async (route) => {
    if (!broken) return route.continue();
    broken = false;
    await route.fulfill({ contentType: 'text/javascript', body: 'throw new Error("simulated worker failure");' });
  });
  const app = new ClusterPage(page);
  await page.goto(`./?speed=100#${hash}`);
  await expect(page.getByRole('alert')).toContainText('The simulation stopped');
  await page.getByRole('button', { name: 'Restart simulation' }).click();
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(page.locator('.ring [data-node]')).toHaveCount(DEFAULT_SETTINGS.nodes);
  await app.waitForLeader();
  expect(new URL(page.url()).hash).toBe('');
  await expect(page.getByRole('textbox', { name: 'The link that failed' })).toHaveValue(new RegExp(`#${hash.replace(/[.]/g, '\\.')}$`));
  // A reload now opens the default run, not the link that failed.
  await page.reload();
  await expect(page.locator('.ring [data-node]')).toHaveCount(DEFAULT_SETTINGS.nodes);
  expect(app.errors.filter((e) => !/simulated worker failure/.test(e))).toEqual([]);
});

test('a worker that answers with a malformed frame: the failure banner names it, nothing is thrown, and Restart recovers', async ({
  page,
}) => {
  // Issue 13's case 8: a malformed frame from the worker threw an uncaught error in the page.
  const { PROTOCOL_VERSION } = await import('../src/worker/protocol.ts');
  let broken = true;
  await page.route('**/sim.worker-*.js', async (route) => {
    if (!broken) return route.continue();
    broken = false;
    // A worker that answers every request with a frame of the right type and version but no content.
    const body = `onmessage = (e) => { if (e.data.id !== undefined && e.data.type !== 'explain') postMessage({ type: 'frame', v: ${PROTOCOL_VERSION}, id: e.data.id, frame: { nodes: 'not a list' } }); };`;
    await route.fulfill({ contentType: 'text/javascript', body });
  });
  const app = new ClusterPage(page);
  await page.goto('./?speed=100');
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('The simulation stopped.');
  await expect(alert).toContainText('The simulation sent a frame message the page cannot read');
  await page.getByRole('button', { name: 'Restart simulation' }).click();
  await expect(alert).toHaveCount(0);
  await app.waitForLeader();
  expect(app.errors).toEqual([]);
});
