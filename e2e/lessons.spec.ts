import { expect, test, type Page } from '@playwright/test';
import { LESSONS } from '../src/lessons/index.ts';
import { LessonPage } from './pages/LessonPage.ts';

// Every lesson, every step, each task done with the page's own buttons and recognised from the
// trace events the page receives.

// Every lesson, every step, walked as a learner would: a step that asks for an action is not done
// until the learner does it, a question pauses the run until it is answered and then reveals what
// happened, and the run holds still where a step's goal was reached so the class sees it.

/** What the lock panel shows as each step of the lock lesson is done: what its text says. */
async function expectLockShown(page: Page, stepId: string): Promise<void> {
  const panel = page.getByRole('region', { name: 'Lock', exact: true });
  await expect(panel).toBeInViewport();
  const client = (c: string) => panel.locator(`[data-lock-client="${c}"]`);
  switch (stepId) {
    case 'take':
      await expect(panel).toContainText('held by A · token 2');
      await expect(client('A')).toContainText('believes it holds the lock · token 2');
      break;
    case 'use':
      await expect(panel).toContainText('Storage · newest token 2');
      break;
    case 'given-again':
      await expect(panel).toContainText('held by B · token 5');
      await expect(client('A')).toHaveAttribute('data-mistaken', 'true');
      await expect(client('A')).toContainText('(it does not)');
      break;
    case 'fence':
      await expect(client('A')).toHaveAttribute('data-state', 'fenced');
      await expect(panel).toContainText('report-3 from A, token 2: refused');
      break;
  }
}

for (const [l, lesson] of LESSONS.entries()) {
  // Every lesson in the presenter view on a 1280x720 projector, where the class sees it; every
  // other lesson and the lock lesson (the newest) in the normal view too.
  const views = lesson.id === 'lock' || l % 2 === 0 ? (['normal', 'presenter'] as const) : (['presenter'] as const);
  for (const view of views)
    test(`lesson "${lesson.title}" can be followed end to end through the UI (${view} view)`, async ({ page }) => {
      test.setTimeout(150_000);
      const app = new LessonPage(page);
      if (view === 'presenter') await page.setViewportSize({ width: 1280, height: 720 });
      await app.goto(40);
      if (view === 'presenter') await page.keyboard.press('p');
      await app.openLesson(lesson.title);
      for (const [i, step] of lesson.steps.entries()) {
        await test.step(`step ${i + 1}: ${step.id}`, async () => {
          await expect(app.panel).toHaveAttribute('data-step', step.id);
          await expect(app.panel.getByRole('list', { name: `Step ${i + 1} of ${lesson.steps.length}` })).toBeVisible();
          await expect(page.getByRole('heading', { name: step.title })).toBeVisible();
          // What the step points at is on screen, not below the fold (nor hidden by the presenter view).
          await app.expectHighlightsOnScreen(step);
          if (step.question) {
            // Asked with the run paused; nothing is revealed, and Next waits, until it is answered.
            await expect(app.question).toHaveAttribute('data-question-state', 'open');
            await expect(app.question).toContainText(step.question.ask);
            await app.expectPaused();
            await app.expectTaskWaiting();
            await expect(app.panel.locator('.lesson-reveal')).toHaveCount(0);
            // The class can read every choice without anyone scrolling.
            for (const choice of await app.question.getByRole('button').all()) await expect(choice).toBeInViewport({ ratio: 1 });
            // Half the lessons answer by key, half by click; a wrong answer is still revealed.
            await app.answer((step.question.answer + l) % step.question.choices.length, l % 2 === 0 ? 'key' : 'click');
            await expect(app.question).toHaveAttribute('data-question-state', /answered|revealed/);
            await expect(app.question).toHaveAttribute('data-question-state', 'revealed', { timeout: 30_000 });
            await expect(app.panel.locator('.lesson-reveal')).toContainText(step.question.rule);
            await expect(app.panel.locator('.lesson-choices .is-answer')).toContainText(step.question.choices[step.question.answer]!);
            await app.expectInSight(app.panel.locator('.lesson-reveal'));
          }
          if (step.task) {
            if (app.needsAction(step)) {
              // The step waits for the learner: however long the class reads, it does not do itself.
              await page.waitForTimeout(600);
              await app.expectTaskWaiting();
            }
            // A step that says "watch" is left alone: the run gets there by itself.
            if (app.needsAction(step)) await app.doTask(step.task.goal);
            await app.expectTaskDone();
            await app.expectInSight(app.panel.locator('.lesson-task'));
            // The run holds the moment the goal was reached; Next plays on.
            await app.expectPaused();
          }
          if (lesson.id === 'lock') await expectLockShown(page, step.id);
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
  // Opened directly, the step says which earlier task sets its scene; doing it and answering the
  // question completes the step.
  await expect(fresh.page.getByRole('note', { name: 'Before this step' })).toContainText('Split 3/2');
  await fresh.doTask({ kind: 'split' });
  await fresh.answer(1, 'click');
  await fresh.expectTaskDone();
  await expect(fresh.page.getByRole('note', { name: 'Before this step' })).toHaveCount(0);
});

test('a step opened from its link after watched steps opens where they leave the scene', async ({ page }) => {
  // Step 5 of the lock lesson asks about A's late write: it must open with B already holding the
  // lock (what steps 1-4 showed), not at the scene's start, where nobody holds it yet.
  const app = new LessonPage(page);
  await page.goto('./?speed=40#lesson=lock&step=5');
  await expect(app.panel).toHaveAttribute('data-step', 'fence');
  await expect(app.question).toHaveAttribute('data-question-state', 'open');
  const lock = page.getByRole('region', { name: 'Lock', exact: true });
  await expect(lock).toContainText('held by B · token 5');
  await expect(lock.locator('[data-lock-client="A"]')).toHaveAttribute('data-mistaken', 'true');
  await expect(page.getByRole('note', { name: 'Before this step' })).toHaveCount(0);
});

test('a bad lesson link says what is wrong in plain text', async ({ page }) => {
  const app = new LessonPage(page);
  await page.goto('./?speed=40#lesson=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E&step=1');
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('does not exist');
  await expect(page.locator('img[src="x"]')).toHaveCount(0);
  await page.goto('./?speed=40#lesson=quorum&step=9');
  await page.reload();
  await expect(page.getByRole('alert')).toContainText('has steps 1 to 8');
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
