import { expect, test } from '@playwright/test';
import { ClusterPage } from './pages/ClusterPage.ts';

// Every test runs at ?speed=100 (2 simulated ms per real ms, twice real time; the fastest is 500),
// and drives the app through its real controls.

test('the page loads without console errors and a leader emerges', async ({ page }) => {
  const app = new ClusterPage(page);
  await app.goto();
  await expect(page.getByRole('heading', { name: 'Raft Election Lab' })).toBeVisible();
  const leader = await app.waitForLeader();
  expect(leader.term).toBeGreaterThanOrEqual(1);
  await expect(page.locator('.cluster-status')).toContainText(`Leader: ${leader.id}`);
  await expect(app.node(leader.id)).toHaveAttribute('aria-label', new RegExp(`^${leader.id}: leader, term ${leader.term}`));
  await app.shot('leader-elected');
  expect(app.errors).toEqual([]);
});

test('crashing the leader gives a new leader in a higher term', async ({ page }) => {
  const app = new ClusterPage(page);
  await app.goto();
  const old = await app.waitForLeader();
  await app.crash(old.id);
  await expect(app.node(old.id)).toHaveAttribute('aria-label', new RegExp(`^${old.id}: crashed`));
  const next = await app.waitForLeader({ minTerm: old.term + 1, not: old.id });
  expect(next.term).toBeGreaterThan(old.term);
  await app.shot('leader-crashed');
  await app.button(`Restart ${old.id}`).click();
  await expect(app.node(old.id)).toHaveAttribute('data-alive', 'true');
  await expect(app.node(old.id)).toHaveAttribute('data-role', 'follower');
  expect(app.errors).toEqual([]);
});

test('a 3/2 split with the leader in the majority: the minority stays leaderless for 10 simulated seconds while the majority commits writes', async ({
  page,
}) => {
  test.setTimeout(90_000);
  const app = new ClusterPage(page);
  await app.goto();
  const leader = await app.waitForLeader();
  await app.split('majority');
  const nodes = await app.nodes();
  const minority = nodes.filter((n) => n.island === 1);
  expect(minority).toHaveLength(2);
  expect(nodes.find((n) => n.id === leader.id)?.island).toBe(0);
  const start = await app.simTime();
  const startTerms = new Map(minority.map((n) => [n.id, n.term]));
  await app.clientWrite(3);
  // Poll the minority's roles until 10 simulated seconds have passed: none may ever lead.
  let shotTaken = false;
  while ((await app.simTime()) < start + 10_000) {
    for (const n of await app.nodes()) {
      if (startTerms.has(n.id)) expect(n.role, `${n.id} in the minority`).not.toBe('leader');
    }
    if (!shotTaken && (await app.simTime()) > start + 3000) {
      await app.shot('split-leader-in-majority');
      shotTaken = true;
    }
    await page.waitForTimeout(100);
  }
  // The minority timed out and kept raising its terms, and the page says why it cannot win.
  for (const n of await app.nodes()) {
    const before = startTerms.get(n.id);
    if (before !== undefined) expect(n.term).toBeGreaterThan(before + 2);
  }
  await expect(page.locator('.island-why').nth(1)).toContainText('at most 2 votes of the 3 a leader needs');
  await expect(page.locator('.feed-list')).toContainText(/has 1 of the 3 votes it needs/);
  // The majority committed the writes: the leader and at least two followers hold them committed.
  expect((await app.leader())?.id).toBe(leader.id);
  await expect.poll(() => app.committedOn(leader.id)).toBe(3);
  const majorityIds = nodes.filter((n) => n.island === 0).map((n) => n.id);
  for (const id of majorityIds) await expect.poll(() => app.committedOn(id)).toBe(3);
  expect(app.errors).toEqual([]);
});

test('with the leader in the minority it commits nothing, the majority elects a new leader in a higher term, and healing converges every log', async ({
  page,
}) => {
  test.setTimeout(90_000);
  const app = new ClusterPage(page);
  await app.goto();
  const old = await app.waitForLeader();
  await app.clientWrite(1);
  await expect.poll(() => app.committedOn(old.id)).toBe(1);
  await app.split('minority');
  expect((await app.nodes()).find((n) => n.id === old.id)?.island).toBe(1);
  // Writes sent to the old leader are appended but never committed: it has no majority.
  await app.writeTo(old.id);
  await app.writeTo(old.id);
  const next = await app.waitForLeader({ minTerm: old.term + 1, not: old.id });
  expect(next.term).toBeGreaterThan(old.term);
  await app.clientWrite(2); // to the new leader (the highest-term live leader)
  await expect.poll(() => app.committedOn(next.id)).toBe(3);
  const t = await app.simTime();
  await app.waitForSimTime(t + 1000);
  const stale = await app.nodes();
  expect(stale.find((n) => n.id === old.id)?.role).toBe('leader'); // still believes it leads
  expect(await app.committedOn(old.id)).toBe(1);
  const oldEntries = (await app.entries()).filter((e) => e.node === old.id);
  expect(oldEntries.filter((e) => !e.committed)).toHaveLength(2);
  await expect(page.locator('.entry.is-conflict').first()).toBeVisible();
  await app.shot('split-leader-in-minority');
  await app.heal();
  // The old leader hears the higher term and steps down; its uncommitted entries are replaced.
  await expect(app.node(old.id)).toHaveAttribute('data-role', 'follower', { timeout: 20_000 });
  await expect
    .poll(
      async () => {
        const entries = (await app.entries()).filter((e) => !e.noop);
        const ids = (await app.nodes()).map((n) => n.id);
        const logs = ids.map((id) =>
          entries
            .filter((e) => e.node === id)
            .map((e) => `${e.index}:${e.term}:${e.committed}`)
            .join(' '),
        );
        return new Set(logs).size === 1 && entries.length === ids.length * 3 && entries.every((e) => e.committed);
      },
      { timeout: 20_000 },
    )
    .toBe(true);
  await expect(page.locator('.entry.is-conflict')).toHaveCount(0);
  await app.shot('healed');
  expect(app.errors).toEqual([]);
});

test('settings changes start a new run; impossible settings are named and the app stays usable', async ({ page }) => {
  const app = new ClusterPage(page);
  await app.goto();
  await app.waitForLeader();
  await app.applySettings({ 'Cluster size': '7', 'Heartbeat interval (ms)': '40', Seed: '42' });
  await expect(page.locator('.ring [data-node]')).toHaveCount(7);
  await expect(app.button('Split 4/3')).toBeVisible();
  const leader = await app.waitForLeader();
  expect(leader.term).toBeGreaterThanOrEqual(1);
  // A heartbeat as long as the election timeout is impossible: refused, with the field named.
  await app.applySettings({ 'Heartbeat interval (ms)': '400' });
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('Heartbeat interval');
  await expect(alert).toContainText('settings.heartbeat');
  await expect(page.getByLabel('Heartbeat interval (ms)', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  await app.shot('settings-error');
  await expect(page.locator('.ring [data-node]')).toHaveCount(7);
  await app.applySettings({ 'Heartbeat interval (ms)': '50', 'Cluster size': '3' });
  await expect(page.locator('.ring [data-node]')).toHaveCount(3);
  await expect(alert).toHaveCount(0);
  await app.waitForLeader();
  expect(app.errors).toEqual([]);
});
