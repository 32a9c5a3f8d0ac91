import { expect, test } from '@playwright/test';
import { ClusterPage } from './pages/ClusterPage.ts';
import { serveStatic, type StaticServer } from './support/staticServer.ts';

let server: StaticServer;

test.beforeAll(async () => {
  server = await serveStatic('dist', '/teaching/raft-lab/');
});

test.afterAll(async () => {
  await server.close();
});

test('the built site works served from a sub-path', async ({ page }) => {
  const app = new ClusterPage(page);
  await app.goto(100, server.url);
  expect(page.url()).toContain('/teaching/raft-lab/');
  const leader = await app.waitForLeader();
  expect(leader.term).toBeGreaterThanOrEqual(1);
  expect(app.errors).toEqual([]);
});
