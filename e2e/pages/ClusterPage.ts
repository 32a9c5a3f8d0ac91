import { expect, type Locator, type Page } from '@playwright/test';

export interface NodeInfo {
  readonly id: string;
  readonly role: string;
  readonly term: number;
  readonly alive: boolean;
  readonly island: number;
}

export interface EntryInfo {
  readonly node: string;
  readonly index: number;
  readonly term: number;
  readonly committed: boolean;
  /** A new leader's no-op entry, not a client write. */
  readonly noop: boolean;
}

/** Where the tests save what the page looked like; representative ones are copied to screenshots/. */
export const SHOTS = 'screenshots/tmp';

/**
 * The live cluster page, driven through its real controls. Reads state from the data-*
 * attributes the views carry for tests and tools.
 */
export class ClusterPage {
  readonly errors: string[] = [];

  constructor(readonly page: Page) {
    page.on('console', (m) => {
      if (m.type() === 'error') this.errors.push(m.text());
    });
    page.on('pageerror', (e) => this.errors.push(e.message));
  }

  async goto(speed = 100, path = './'): Promise<void> {
    await this.page.goto(`${path}?speed=${speed}`);
    await expect(this.page.locator('.ring [data-node]').first()).toBeVisible();
  }

  /** Step the speed with the Slower/Faster buttons to `target`, one of the steps of speed.ts. */
  async setSpeed(target: number): Promise<void> {
    const text = this.page.locator('[data-speed]');
    for (let i = 0; i < 20; i++) {
      const now = Number(await text.getAttribute('data-speed'));
      if (now === target) return;
      await this.button(now < target ? 'Faster' : 'Slower').click();
      await expect(text).not.toHaveAttribute('data-speed', String(now));
    }
    throw new Error(`speed ${target} is not one of the steps`);
  }

  node(id: string): Locator {
    return this.page.locator(`.ring [data-node="${id}"]`);
  }

  button(name: string): Locator {
    return this.page.getByRole('button', { name, exact: true });
  }

  async simTime(): Promise<number> {
    return Number(await this.page.locator('[data-sim-time]').getAttribute('data-sim-time'));
  }

  async waitForSimTime(t: number, timeout = 30_000): Promise<void> {
    await expect.poll(() => this.simTime(), { timeout }).toBeGreaterThanOrEqual(t);
  }

  async nodes(): Promise<NodeInfo[]> {
    return this.page.locator('.ring [data-node]').evaluateAll((els) =>
      els.map((el) => ({
        id: el.getAttribute('data-node') ?? '',
        role: el.getAttribute('data-role') ?? '',
        term: Number(el.getAttribute('data-term')),
        alive: el.getAttribute('data-alive') === 'true',
        island: Number(el.getAttribute('data-island')),
      })),
    );
  }

  /** The live leader with the highest term, if any. */
  async leader(): Promise<NodeInfo | null> {
    const leaders = (await this.nodes()).filter((n) => n.alive && n.role === 'leader');
    return leaders.sort((a, b) => b.term - a.term)[0] ?? null;
  }

  async waitForLeader(opts: { minTerm?: number; not?: string } = {}, timeout = 30_000): Promise<NodeInfo> {
    let found: NodeInfo | null = null;
    await expect
      .poll(
        async () => {
          found = await this.leader();
          return found !== null && found.term >= (opts.minTerm ?? 0) && found.id !== opts.not;
        },
        { timeout },
      )
      .toBe(true);
    return found!;
  }

  /** How many messages the canvas drew in the last frame. */
  async messagesInFlight(): Promise<number> {
    return Number(await this.page.locator('.ring-canvas').getAttribute('data-messages'));
  }

  async waitForMessagesInFlight(atLeast: number, timeout = 15_000): Promise<void> {
    await expect.poll(() => this.messagesInFlight(), { timeout, intervals: [20] }).toBeGreaterThanOrEqual(atLeast);
  }

  async select(id: string): Promise<void> {
    if ((await this.node(id).getAttribute('aria-pressed')) !== 'true') await this.node(id).click();
    // Its actions open beside it on the stage, in the normal and the presenter view.
    await expect(this.page.getByRole('group', { name: `Actions for ${id}` })).toBeVisible();
  }

  async crash(id: string): Promise<void> {
    await this.select(id);
    await this.button(`Crash ${id}`).click();
    await expect(this.node(id)).toHaveAttribute('data-alive', 'false');
  }

  async writeTo(id: string): Promise<void> {
    await this.select(id);
    await this.button(`Write to ${id}`).click();
  }

  async clientWrite(times = 1): Promise<void> {
    for (let i = 0; i < times; i++) await this.button('Client write').click();
  }

  async split(leaderIn: 'majority' | 'minority', label = 'Split 3/2'): Promise<void> {
    await this.page.getByText(`leader in ${leaderIn}`, { exact: true }).click();
    await this.button(label).click();
    await expect(this.page.locator('.partition-gap')).toBeVisible();
  }

  async heal(): Promise<void> {
    await this.button('Heal').click();
    await expect(this.page.locator('.partition-gap')).toHaveCount(0);
  }

  async entries(): Promise<EntryInfo[]> {
    return this.page.locator('.log-table [data-index]').evaluateAll((els) =>
      els.map((el) => ({
        node: el.getAttribute('data-node') ?? '',
        index: Number(el.getAttribute('data-index')),
        term: Number(el.getAttribute('data-term')),
        committed: el.getAttribute('data-committed') === 'true',
        noop: el.getAttribute('data-noop') === 'true',
      })),
    );
  }

  /** Client writes committed on a server (a new leader's no-op entries are not counted). */
  async committedOn(id: string): Promise<number> {
    return (await this.entries()).filter((e) => e.node === id && e.committed && !e.noop).length;
  }

  async openSettings(): Promise<void> {
    const details = this.page.locator('details.settings-card');
    if ((await details.getAttribute('open')) === null) await details.locator('summary').click();
  }

  async applySettings(values: Record<string, string>): Promise<void> {
    await this.openSettings();
    for (const [label, value] of Object.entries(values)) {
      const field = this.page.getByLabel(label, { exact: true });
      if ((await field.evaluate((el) => el.tagName)) === 'SELECT') await field.selectOption(value);
      else await field.fill(value);
    }
    await this.button('Apply settings').click();
  }

  async shot(name: string): Promise<void> {
    await this.page.screenshot({ path: `${SHOTS}/${name}.png` });
  }
}
