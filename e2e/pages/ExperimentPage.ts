import { expect, type Locator, type Page } from '@playwright/test';

/** The experiments view, driven through its real controls. */
export class ExperimentPage {
  readonly errors: string[] = [];

  constructor(readonly page: Page) {
    page.on('console', (m) => {
      if (m.type() === 'error') this.errors.push(m.text());
    });
    page.on('pageerror', (e) => this.errors.push(e.message));
  }

  async open(hash = ''): Promise<void> {
    await this.page.goto(`./${hash}`);
    if (!hash) await this.page.getByRole('button', { name: 'Experiments', exact: true }).click();
    await expect(this.page.getByRole('heading', { name: 'Why randomized timeouts work' })).toBeVisible();
  }

  field(label: string): Locator {
    return this.page.getByLabel(label, { exact: true });
  }

  async run(trials: number, ranges?: string): Promise<void> {
    await this.field('Trials per range').fill(String(trials));
    if (ranges) await this.page.getByLabel('Ranges').fill(ranges);
    await this.page.getByRole('button', { name: 'Run experiment' }).click();
    await this.waitDone();
  }

  async waitDone(timeout = 60_000): Promise<void> {
    await expect(this.page.locator('.progress-text[data-status="done"]')).toBeVisible({ timeout });
  }

  /** The results table as text, row by row: what a person reads. */
  async table(): Promise<string[][]> {
    return this.page
      .locator('.result-table tbody tr')
      .evaluateAll((rows) => rows.map((r) => Array.from(r.querySelectorAll('th, td')).map((c) => (c.textContent ?? '').trim())));
  }
}
