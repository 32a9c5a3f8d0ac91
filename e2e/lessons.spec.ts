import { expect, test } from '@playwright/test';
import { LESSONS } from '../src/lessons/index.ts';
import { LessonPage } from './pages/LessonPage.ts';

// Every lesson, every step, each task done with the page's own buttons and recognised from the
// trace events the page receives.

for (const lesson of LESSONS) {
  test(`lesson "${lesson.title}" can be followed end to end through the UI`, async ({ page }) => {
    test.setTimeout(120_000);
    const app = new LessonPage(page);
    await app.goto(40);
    await app.openLesson(lesson.title);
    for (const [i, step] of lesson.steps.entries()) {
      await test.step(`step ${i + 1}: ${step.id}`, async () => {
        await expect(app.panel).toHaveAttribute('data-step', step.id);
        await expect(app.panel.getByRole('list', { name: `Step ${i + 1} of ${lesson.steps.length}` })).toBeVisible();
        await expect(page.getByRole('heading', { name: step.title })).toBeVisible();
        if (step.task) {
          // A step that sets its own scene and asks for an action waits for it; one that continues
          // the run may already count what happened since the previous task was done.
          if (step.setup.from !== 'continue' && app.needsAction(step.task.goal))
            await expect(app.panel.getByRole('button', { name: /^(Next|Finish)$/ })).toBeDisabled();
          await app.doTask(step.task.goal);
          await app.expectTaskDone();
        }
        await app.next();
      });
    }
    await expect(app.panel).toHaveCount(0);
    expect(app.errors).toEqual([]);
  });
}

test('a step can be replayed, and its link opens the same step', async ({ page }) => {
  const app = new LessonPage(page);
  await app.goto(40);
  await app.openLesson('Quorum and split-brain');
  await app.doTask({ kind: 'split' });
  await app.expectTaskDone();
  await app.panel.getByRole('button', { name: 'Replay step' }).click();
  // The scene is set up again: no split, the task waiting.
  await expect(page.locator('.partition-gap')).toHaveCount(0);
  await expect(app.panel.locator('.lesson-task')).not.toHaveClass(/is-done/);
  await app.doTask({ kind: 'split' });
  await app.expectTaskDone();
  await app.next();
  await app.panel.getByRole('button', { name: 'Link to step' }).click();
  expect(new URL(page.url()).hash).toBe('#lesson=quorum&step=2');

  const fresh = new LessonPage(await page.context().newPage());
  await fresh.page.goto('./?speed=40#lesson=quorum&step=2');
  await expect(fresh.panel).toHaveAttribute('data-step', 'minority');
  await expect(fresh.page.getByRole('heading', { name: 'The side of two cannot elect' })).toBeVisible();
  // Opened directly, the step says which earlier task sets its scene; doing it completes the step.
  await expect(fresh.page.getByRole('note', { name: 'Before this step' })).toContainText('Split 3/2');
  await fresh.doTask({ kind: 'split' });
  await fresh.expectTaskDone();
  await expect(fresh.page.getByRole('note', { name: 'Before this step' })).toHaveCount(0);
});

test('a bad lesson link says what is wrong in plain text', async ({ page }) => {
  const app = new LessonPage(page);
  await page.goto('./?speed=40#lesson=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E&step=1');
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('does not exist');
  await expect(page.locator('img[src="x"]')).toHaveCount(0);
  await page.goto('./?speed=40#lesson=quorum&step=9');
  await page.reload();
  await expect(page.getByRole('alert')).toContainText('has steps 1 to 6');
  await expect(app.panel).toHaveCount(0);
});

test('the step points at what it names: a highlighted control carries an aria description', async ({ page }) => {
  const app = new LessonPage(page);
  await app.goto(40);
  await app.openLesson('Quorum and split-brain');
  const split = app.button('Split 3/2');
  await expect(split).toHaveAttribute('data-lesson-highlight', '');
  await expect(split).toHaveAccessibleDescription('The lesson points here.');
  await expect(page.getByText('Look at: the "Split 3/2" button')).toBeVisible();
  await app.waitForLeader();
  await app.shot('lesson-mode');
});
