import { expect, type Locator } from '@playwright/test';
import type { Goal, LessonStep } from '../../src/lessons/types.ts';
import { ClusterPage } from './ClusterPage.ts';

/** The live page in lesson mode: the lesson list, the step panel, and the tasks done through the UI. */
export class LessonPage extends ClusterPage {
  get panel(): Locator {
    return this.page.locator('section.lesson');
  }

  async openLesson(title: string): Promise<void> {
    await this.button('Lessons').click();
    await this.page
      .getByRole('dialog', { name: 'Lessons' })
      .getByRole('button', { name: new RegExp(title) })
      .click();
    await expect(this.panel).toBeVisible();
  }

  /**
   * Everything the step points at is on the first screen: each control and server it marks, and
   * the logs on the ring when it points at the log. The text names only what the class can see.
   */
  async expectHighlightsOnScreen(step: LessonStep): Promise<void> {
    // Read in one go: the marks follow the servers as they re-render (a new leader is marked anew).
    const log = step.highlights.some((h) => h.kind === 'log');
    const offScreen = () =>
      this.page.evaluate((withLogs) => {
        const marked = Array.from(
          document.querySelectorAll(withLogs ? '[data-lesson-highlight], .ring [data-log-of]' : '[data-lesson-highlight]'),
        );
        return marked
          .filter((el) => {
            const r = el.getBoundingClientRect();
            return r.width === 0 || r.top < 0 || r.left < 0 || r.bottom > innerHeight || r.right > innerWidth;
          })
          .map((el) => el.getAttribute('aria-label') ?? el.getAttribute('data-log-of') ?? el.textContent ?? '?');
      }, log);
    await expect.poll(offScreen, { message: 'what the step points at is on the first screen' }).toEqual([]);
    for (const h of step.highlights) {
      if (h.kind === 'control') await expect(this.page.getByRole('button', { name: h.name, exact: true }).first()).toBeInViewport();
    }
  }

  async stepId(): Promise<string> {
    return (await this.panel.getAttribute('data-step')) ?? '';
  }

  /** The step waits for the learner to do something (not only to watch). */
  needsAction(step: LessonStep): boolean {
    return step.task !== undefined && !step.task.watch;
  }

  get nextButton(): Locator {
    return this.panel.getByRole('button', { name: /^(Next|Finish)$/ });
  }

  get question(): Locator {
    return this.panel.locator('.lesson-question');
  }

  /** Answer the step's question with choice `index` (0-based), by clicking it or by its number key. */
  async answer(index: number, by: 'click' | 'key'): Promise<void> {
    if (by === 'key') await this.page.keyboard.press(String(index + 1));
    else await this.question.getByRole('button').nth(index).click();
  }

  /** The shown clock stands still: the run is paused (it may first step back to the goal's moment). */
  async expectPaused(): Promise<void> {
    let before = await this.simTime();
    await expect
      .poll(
        async () => {
          const now = await this.simTime();
          const still = now === before;
          before = now;
          return still;
        },
        { intervals: [400], timeout: 5000 },
      )
      .toBe(true);
  }

  /** Do what a learner would do for a goal, with the page's own buttons. */
  async doTask(goal: Goal): Promise<void> {
    switch (goal.kind) {
      case 'clientWriteAccepted':
      case 'committed':
      case 'clientAcked':
        await this.waitForLeader();
        await this.clientWrite();
        return;
      case 'forcedTimeout': {
        await this.waitForLeader();
        const follower = (await this.nodes()).find((n) => n.alive && n.role === 'follower');
        if (!follower) throw new Error('no follower to time out');
        await this.select(follower.id);
        await this.button(`Time out ${follower.id} now`).click();
        return;
      }
      case 'leaderCrashed':
      case 'newLeaderAfterCrash': {
        const leader = await this.waitForLeader();
        await this.crash(leader.id);
        return;
      }
      case 'split':
        await this.waitForLeader();
        await this.split('majority');
        return;
      case 'healed':
        await this.heal();
        return;
      default:
        // Watching is enough: the run gets there by itself.
        return;
    }
  }

  async expectTaskDone(timeout = 30_000): Promise<void> {
    await expect(this.panel.locator('.lesson-task')).toHaveClass(/is-done/, { timeout });
  }

  /**
   * `el` is whole on the first screen and not behind the pinned Back/Next bar: what a step has
   * just revealed or ticked off is there for the class to read without anyone scrolling.
   */
  async expectInSight(el: Locator): Promise<void> {
    await expect(el).toBeInViewport({ ratio: 1 });
    await expect(this.nextButton).toBeInViewport({ ratio: 1 });
    const box = await el.boundingBox();
    const bar = await this.panel.locator('.lesson-actions').boundingBox();
    const what = ((await el.textContent()) ?? '').slice(0, 60);
    expect(box !== null && bar !== null && box.y + box.height <= bar.y + 1, `"${what}" is hidden behind Back/Next`).toBe(true);
  }

  async expectTaskWaiting(): Promise<void> {
    await expect(this.panel).toHaveAttribute('data-step-done', 'false');
    await expect(this.nextButton).toBeDisabled();
  }

  async next(): Promise<void> {
    await this.panel.getByRole('button', { name: /^(Next|Finish)$/ }).click();
  }
}
