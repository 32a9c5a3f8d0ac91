import { expect, test } from '@playwright/test';
import { readdirSync, readFileSync } from 'node:fs';
import type { Scenario } from '../src/sim/scenario.ts';
import { parseScenario } from '../src/sim/validate.ts';
import { enginePicture, TravelPage, type Picture } from './pages/TravelPage.ts';
import { atEachSize } from './sizes.ts';

// Every library scenario, started from the picker: its one-line statement is shown, it plays,
// and at the moments its point is made the page shows what the engine computes, with the point
// visible in the roles, terms and logs on screen.

type Check = (p: Picture) => void;

// The library's documents, read as files: Node runs these tests, and the app imports the same JSON.
const SCENARIOS = readdirSync('src/scenarios')
  .filter((f) => f.endsWith('.json'))
  .map((f) => parseScenario(JSON.parse(readFileSync(`src/scenarios/${f}`, 'utf8'))) as Scenario & { name: string; description: string });

const leaders = (p: Picture) => p.nodes.filter((n) => n.alive && n.role === 'leader');
const node = (p: Picture, id: string) => p.nodes.find((n) => n.id === id)!;
/** Committed client writes (a new leader's no-op entries left out). */
const committed = (p: Picture, id: string) => p.entries.filter((e) => e.node === id && e.committed && !e.noop);
const terms = (p: Picture, id: string) => p.entries.filter((e) => e.node === id).map((e) => e.term);

const POINTS: Record<string, readonly (readonly [at: number, check: Check])[]> = {
  'first-election': [
    [
      2000,
      (p) => {
        expect(leaders(p)).toHaveLength(1);
        expect(p.nodes.every((n) => n.term === 1)).toBe(true);
      },
    ],
  ],
  'leader-crash': [
    [1499, (p) => expect(leaders(p).map((n) => n.id)).toEqual(['S1'])],
    [
      5000,
      (p) => {
        const [leader] = leaders(p);
        expect(leader!.id).not.toBe('S1');
        expect(leader!.term).toBeGreaterThan(1);
        expect(node(p, 'S1')).toMatchObject({ alive: true, role: 'follower', term: leader!.term });
      },
    ],
  ],
  'split-vote': [
    [
      3000,
      (p) => {
        expect(leaders(p)).toHaveLength(1);
        expect(leaders(p)[0]!.term).toBeGreaterThan(2);
      },
    ],
  ],
  'lost-vote-split': [
    [
      100,
      (p) => {
        expect(leaders(p)).toEqual([]);
        expect([node(p, 'S1'), node(p, 'S2')].map((n) => [n.role, n.term])).toEqual([
          ['candidate', 1],
          ['candidate', 1],
        ]);
      },
    ],
    [
      1500,
      (p) => {
        expect(leaders(p)).toHaveLength(1);
        expect(leaders(p)[0]!.term).toBeGreaterThan(1);
      },
    ],
  ],
  'held-heartbeat-election': [
    [1100, (p) => expect(leaders(p).map((n) => [n.id, n.term])).toEqual([['S1', 1]])],
    [
      2500,
      (p) => {
        expect(leaders(p).map((n) => [n.id, n.term])).toEqual([['S3', 2]]);
        expect(node(p, 'S1')).toMatchObject({ alive: true, role: 'follower', term: 2 });
      },
    ],
  ],
  'split-3-2-leader-majority': [
    [
      3999,
      (p) => {
        expect(leaders(p).map((n) => n.id)).toEqual(['S1']);
        expect(Math.max(node(p, 'S4').term, node(p, 'S5').term)).toBeGreaterThan(node(p, 'S1').term);
        expect(committed(p, 'S1')).toHaveLength(4);
        expect(committed(p, 'S4')).toHaveLength(1);
      },
    ],
    [
      6000,
      (p) => {
        for (const n of p.nodes) expect(committed(p, n.id)).toHaveLength(5);
      },
    ],
  ],
  'split-3-2-leader-minority': [
    [
      3999,
      (p) => {
        // S1 still believes it leads, cut off; the majority's leader has a higher term.
        const newest = leaders(p).sort((a, b) => b.term - a.term)[0]!;
        expect(['S3', 'S4', 'S5']).toContain(newest.id);
        expect(node(p, 'S1').role).toBe('leader');
        expect(committed(p, 'S1')).toHaveLength(1);
        expect(terms(p, 'S1')).toHaveLength(4); // its no-op, '1', and the two writes it cannot commit
      },
    ],
    [
      6000,
      (p) => {
        expect(node(p, 'S1').role).toBe('follower');
        for (const n of p.nodes) expect(committed(p, n.id)).toHaveLength(4);
      },
    ],
  ],
  'follower-catch-up': [
    [5999, (p) => expect(node(p, 'S5').alive).toBe(false)],
    [
      7000,
      (p) => {
        // The table shows the newest 20 indexes: S5 has them all, committed like S1.
        expect(committed(p, 'S5').map((e) => e.index)).toEqual(committed(p, 'S1').map((e) => e.index));
        expect(committed(p, 'S5').at(-1)!.index).toBe(202); // 201 writes after S1's no-op at index 1
      },
    ],
  ],
  'lossy-network': [
    [
      10000,
      (p) => {
        expect(leaders(p).length).toBeGreaterThanOrEqual(1);
        const upTo = Math.min(...p.nodes.map((n) => committed(p, n.id).length));
        expect(upTo).toBeGreaterThanOrEqual(18);
      },
    ],
  ],
  'leadership-transfer': [
    [
      799,
      (p) => {
        expect(leaders(p).map((n) => [n.id, n.term])).toEqual([['S1', 1]]);
        expect(node(p, 'S3').alive).toBe(false);
      },
    ],
    [
      1500,
      (p) => {
        expect(leaders(p).map((n) => [n.id, n.term])).toEqual([['S3', 2]]);
        for (const n of p.nodes) expect(committed(p, n.id)).toHaveLength(4);
      },
    ],
  ],
  'add-server-during-split': [
    [
      699,
      (p) => {
        expect(p.nodes).toHaveLength(5);
        expect(leaders(p).map((n) => [n.id, n.term])).toEqual([['S1', 1]]);
      },
    ],
    [
      1799,
      (p) => {
        // Still split: S1 leads and commits with S2, S3 and S6, four of the six.
        expect(p.nodes.map((n) => n.id)).toContain('S6');
        expect(leaders(p).map((n) => [n.id, n.term])).toEqual([['S1', 1]]);
        expect(committed(p, 'S6')).toEqual(committed(p, 'S1').map((e) => ({ ...e, node: 'S6' })));
        expect(committed(p, 'S4').length).toBeLessThan(committed(p, 'S1').length);
      },
    ],
  ],
  'remove-the-leader': [
    [599, (p) => expect(leaders(p).map((n) => [n.id, n.term])).toEqual([['S1', 1]])],
    [
      1800,
      (p) => {
        expect(leaders(p).map((n) => n.term)).toEqual([2]);
        expect(leaders(p)[0]!.id).not.toBe('S1');
        expect(node(p, 'S1').role).toBe('follower');
      },
    ],
  ],
  'stale-read': [
    [
      1199,
      (p) => {
        // S1 still leads term 1 in its minority; S3 leads term 2 with the majority.
        expect(leaders(p).map((n) => [n.id, n.term])).toEqual([
          ['S1', 1],
          ['S3', 2],
        ]);
      },
    ],
  ],
  'seven-nodes-lose-three-then-four': [
    [
      3999,
      (p) => {
        expect(leaders(p)).toHaveLength(1);
        expect(p.nodes.filter((n) => !n.alive)).toHaveLength(3);
      },
    ],
    [
      8000,
      (p) => {
        expect(leaders(p)).toEqual([]);
        expect(p.nodes.filter((n) => !n.alive)).toHaveLength(4);
      },
    ],
  ],
  'figure-8': [
    [
      1449,
      (p) => {
        expect(node(p, 'S1')).toMatchObject({ role: 'leader', term: 4 });
        expect(terms(p, 'S1')).toEqual([1, 2, 4]);
        expect(committed(p, 'S1').map((e) => e.index)).toEqual([]);
      },
    ],
    [
      3000,
      (p) => {
        expect(leaders(p).map((n) => [n.id, n.term])).toEqual([['S5', 5]]);
        for (const n of p.nodes) expect(terms(p, n.id)).toEqual([1, 3, 5]);
      },
    ],
  ],
};

test('every library scenario has its point checked here', () => {
  expect(Object.keys(POINTS).sort()).toEqual(SCENARIOS.map((s) => s.name).sort());
});

for (const s of SCENARIOS) {
  test(`library: ${s.name} runs from the picker, says what to watch for, and its point happens`, async ({ page }) => {
    const scenario = s;
    const app = new TravelPage(page);
    await app.goto();
    await app.runLibraryScenario(s.name);
    await expect(page.locator('.library-watch')).toContainText(scenario.description);
    // It plays from the start, with the scenario's own cluster.
    // (A scenario that adds a server may have added it already.)
    if (!scenario.actions.some((a) => a.type === 'addServer'))
      await expect(page.locator('.ring [data-node]')).toHaveCount(scenario.settings.nodes);
    await expect.poll(() => app.simTime()).toBeGreaterThan(200);
    await app.pause();
    for (const [at, check] of POINTS[s.name]!) {
      await app.seek(at);
      const expected = enginePicture(scenario, at);
      await app.expectPicture(expected);
      check(await app.picture());
    }
    if (s.name === 'split-3-2-leader-minority') {
      // After the heal the servers glide back onto one ring: let them land before the picture.
      await page.waitForTimeout(1500);
      await app.fullShot('library-split-minority');
    }
    expect(app.errors).toEqual([]);
  });
}

atEachSize(() => {
  test('the picker says what a scenario shows as soon as it is chosen, before Run, and never a stale line', async ({ page }) => {
    const app = new TravelPage(page);
    await app.goto();
    const picker = page.getByLabel('Scenario', { exact: true });
    const watch = page.locator('.library-watch');
    const [first, second] = [SCENARIOS.find((s) => s.name === 'split-vote')!, SCENARIOS.find((s) => s.name === 'figure-8')!];
    await picker.selectOption(first.name);
    await expect(watch).toHaveAttribute('data-scenario', first.name);
    await expect(watch).toContainText(first.description);
    await expect(watch).not.toHaveAttribute('data-running');
    await app.button('Run scenario').click();
    await expect(watch).toHaveAttribute('data-running', '');
    // Choosing another one shows its line at once; the one still on the stage is named apart.
    await picker.selectOption(second.name);
    await expect(watch).toHaveAttribute('data-scenario', second.name);
    await expect(watch).toContainText(second.description);
    await expect(watch).not.toContainText(first.description);
    await expect(watch).not.toHaveAttribute('data-running');
    await expect(page.getByTestId('library-on-stage')).toContainText('Split vote');
    expect(app.errors).toEqual([]);
  });
});
