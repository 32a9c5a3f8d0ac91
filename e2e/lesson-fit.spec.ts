import { expect, test } from '@playwright/test';
import { LESSONS } from '../src/lessons/index.ts';
import { LessonPage } from './pages/LessonPage.ts';

// A projector is often 1280x720. In the presenter view every step of every lesson must show its
// title, its whole task line and Back/Next on the first screen, without anyone scrolling.

test.use({ viewport: { width: 1280, height: 720 } });

test('every lesson step fits the first screen of the presenter view at 1280x720', async ({ page }) => {
  test.setTimeout(240_000);
  for (const lesson of LESSONS) {
    for (const [i, step] of lesson.steps.entries()) {
      await test.step(`${lesson.id} step ${i + 1}: ${step.id}`, async () => {
        // A fresh load each time: a link to a step is opened as a class would open it.
        await page.goto('about:blank');
        await page.goto(`./#lesson=${lesson.id}&step=${i + 1}`);
        const panel = page.locator('section.lesson');
        await expect(panel).toHaveAttribute('data-step', step.id);
        await page.getByRole('button', { name: 'Presenter view' }).click();
        await expect(page.locator('html')).toHaveClass(/presenter/);
        const app = new LessonPage(page);
        await expect(panel.getByRole('heading', { name: step.title })).toBeInViewport({ ratio: 1 });
        await expect(panel.locator('.lesson-actions').getByRole('button', { name: 'Back' })).toBeInViewport({ ratio: 1 });
        // Every choice of a question, or else the task line, with Next (LessonPage.expectInSight).
        // What a question reveals once answered is checked by the walk (lessons.spec.ts), which
        // sets each step's scene as the class would.
        if (step.question) for (const choice of await app.question.getByRole('button').all()) await app.expectInSight(choice);
        else if (step.task) await app.expectInSight(panel.locator('.lesson-task'));
        else await expect(app.nextButton).toBeInViewport({ ratio: 1 });
      });
    }
  }
});

test('the split-brain step names the broken guarantees in the banner, in sight', async ({ page }) => {
  await page.goto('./#lesson=one-leader&step=3');
  await page.getByRole('button', { name: 'Presenter view' }).click();
  const broke = page.getByTestId('banner-broke');
  await expect(broke).toContainText('Election Safety', { timeout: 30_000 });
  await expect(broke).toBeInViewport({ ratio: 1 });
  // The text says what the banner shows, and the Figure 3 panel agrees.
  await expect(page.locator('section.lesson')).toContainText(/banner names the rules it broke/i);
  await expect(page.locator('[data-property="ElectionSafety"]')).toHaveAttribute('data-state', 'broken');
});
