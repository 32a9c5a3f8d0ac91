import { expect, type Locator, type Page } from '@playwright/test';
import type { Scenario } from '../../src/sim/scenario.ts';
import { Timeline } from '../../src/sim/timeline.ts';
import { roleOf } from '../../src/engine/node.ts';
import { ClusterPage, SHOTS, type EntryInfo } from './ClusterPage.ts';

/** What a person can read off a server on the ring: role, term, vote, up or down. */
export interface NodeState {
  readonly id: string;
  readonly role: string;
  readonly term: number;
  readonly alive: boolean;
  /** From the accessible name ("voted for S2"); null when it has not voted or is crashed. */
  readonly votedFor: string | null;
}

/** The picture at one moment: the time shown, every server and every log entry. */
export interface Picture {
  readonly t: number;
  readonly nodes: readonly NodeState[];
  readonly entries: readonly EntryInfo[];
}

/**
 * The same picture computed by the engine in Node, by replaying `scenario` on a Timeline to t:
 * what the page must show at that moment. The log table shows the last 20 indexes.
 */
export function enginePicture(scenario: Scenario, t: number): Picture {
  const timeline = new Timeline(scenario);
  timeline.seek(t);
  const sim = timeline.sim;
  const nodes = sim.nodeStates.map((n) => {
    const alive = sim.isAlive(n.id);
    return { id: n.id, role: roleOf(n), term: n.currentTerm, alive, votedFor: alive ? n.votedFor : null };
  });
  const longest = Math.max(0, ...sim.nodeStates.map((n) => n.log.length));
  const first = Math.max(1, longest - 20 + 1);
  const entries = sim.nodeStates.flatMap((n) =>
    n.log.flatMap((e, i) =>
      i + 1 >= first ? [{ node: n.id, index: i + 1, term: e.term, committed: i + 1 <= n.commitIndex, noop: e.noop === true }] : [],
    ),
  );
  return { t, nodes, entries };
}

/** The live page with its time travel, sharing and library controls. */
export class TravelPage extends ClusterPage {
  readonly timeline: Locator;
  readonly diagram: Locator;

  constructor(page: Page) {
    super(page);
    this.timeline = page.getByRole('slider', { name: 'Time' });
    this.diagram = page.locator('.spacetime');
  }

  /** Open a URL (a copied link) and wait for the ring. */
  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await expect(this.page.locator('.ring [data-node]').first()).toBeVisible();
  }

  async nodeStates(): Promise<NodeState[]> {
    return this.page.locator('.ring [data-node]').evaluateAll((els) =>
      els.map((el) => {
        const label = el.getAttribute('aria-label') ?? '';
        return {
          id: el.getAttribute('data-node') ?? '',
          role: el.getAttribute('data-role') ?? '',
          term: Number(el.getAttribute('data-term')),
          alive: el.getAttribute('data-alive') === 'true',
          votedFor: /voted for (S\d+)/.exec(label)?.[1] ?? null,
        };
      }),
    );
  }

  async picture(): Promise<Picture> {
    const [t, nodes, entries] = [await this.simTime(), await this.nodeStates(), await this.entries()];
    return { t, nodes, entries: [...entries].sort((a, b) => a.node.localeCompare(b.node) || a.index - b.index) };
  }

  /** Wait until the page shows exactly `expected` (the worker answers a moment after the click). */
  async expectPicture(expected: Picture, timeout = 15_000): Promise<void> {
    const sorted = { ...expected, entries: [...expected.entries].sort((a, b) => a.node.localeCompare(b.node) || a.index - b.index) };
    await expect.poll(() => this.picture(), { timeout }).toEqual(sorted);
  }

  /** Set the timeline to t, as a drag that ends there does (the range input's own events). */
  async seek(t: number): Promise<void> {
    await this.timeline.evaluate((el, value) => {
      const input = el as HTMLInputElement;
      const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
      setter.call(input, String(value));
      input.dispatchEvent(new Event('input', { bubbles: true }));
      input.dispatchEvent(new Event('change', { bubbles: true }));
    }, t);
    await expect.poll(() => this.simTime()).toBe(t);
  }

  /** Drag the timeline's playhead with the mouse from one fraction of its width to another. */
  async drag(fromFraction: number, toFraction: number): Promise<void> {
    const box = (await this.timeline.boundingBox())!;
    const y = box.y + box.height / 2;
    await this.page.mouse.move(box.x + box.width * fromFraction, y);
    await this.page.mouse.down();
    for (let i = 1; i <= 8; i++) await this.page.mouse.move(box.x + box.width * (fromFraction + ((toFraction - fromFraction) * i) / 8), y);
    await this.page.mouse.up();
  }

  async play(): Promise<void> {
    if (await this.button('Play').isVisible()) await this.button('Play').click();
    await expect(this.button('Pause')).toBeVisible();
  }

  async pause(): Promise<void> {
    if (await this.button('Pause').isVisible()) await this.button('Pause').click();
    await expect(this.button('Play')).toBeVisible();
  }

  /** Click "Copy link" and return the link the page shows (also on the clipboard when allowed). */
  async copyLink(): Promise<string> {
    const made = this.page.locator('.share-link');
    const before = Number((await made.count()) > 0 ? await made.getAttribute('data-copies') : 0);
    await this.button('Copy link').click();
    await expect(made).toHaveAttribute('data-copies', String(before + 1));
    const field = this.page.getByRole('textbox', { name: 'Link to this run' });
    await expect(field).toHaveValue(/#run=2\./);
    return field.inputValue();
  }

  async runLibraryScenario(name: string): Promise<void> {
    await this.page.getByLabel('Scenario', { exact: true }).selectOption(name);
    await this.button('Run scenario').click();
    await expect(this.page.locator(`.library-watch[data-scenario="${name}"][data-running]`)).toBeVisible();
  }

  /** The whole page, top to bottom: banners, ring, timeline and diagram in one picture. */
  async fullShot(name: string): Promise<void> {
    await this.page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
  }

  get problem(): Locator {
    return this.page.locator('.open-problem');
  }
}
