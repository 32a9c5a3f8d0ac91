import { expect, type Locator } from '@playwright/test';
import type { Goal } from '../../src/lessons/types.ts';
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

  async stepId(): Promise<string> {
    return (await this.panel.getAttribute('data-step')) ?? '';
  }

  needsAction(goal: Goal): boolean {
    return !['leaderElected', 'minorityRefused', 'violationSeen'].includes(goal.kind);
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

  async next(): Promise<void> {
    await this.panel.getByRole('button', { name: /^(Next|Finish)$/ }).click();
  }
}
