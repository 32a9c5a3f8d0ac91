/**
 * Pictures of every lesson step as a class sees it in the presenter view (and, with
 * SHOT_VIEW=normal, the normal view), a few seconds after the step is opened from its link.
 * Saved to screenshots/tmp/lessons/ to look at.
 *
 *   npm run build && npx tsx scripts/lesson-shots.ts [lesson-id...]
 */
import { withBuiltApp } from './builtApp.ts';
import { LESSONS } from '../src/lessons/index.ts';

const [width, height] = (process.env.SHOT_SIZE ?? '1280x720').split('x').map(Number) as [number, number];
const presenter = process.env.SHOT_VIEW !== 'normal';
const only = process.argv.slice(2);
const waitMs = Number(process.env.SHOT_WAIT ?? 4000);

await withBuiltApp('/shots/', 'screenshots/tmp/lessons', async (browser, url) => {
  for (const lesson of LESSONS) {
    if (only.length > 0 && !only.includes(lesson.id)) continue;
    for (let step = 0; step < lesson.steps.length; step++) {
      const page = await browser.newPage({ viewport: { width, height } });
      await page.goto(`${url}#lesson=${lesson.id}&step=${step + 1}`);
      await page.locator('section.lesson').waitFor();
      if (presenter) await page.keyboard.press('p');
      await page.waitForTimeout(waitMs);
      const path = `screenshots/tmp/lessons/${lesson.id}-${step + 1}-${width}x${height}-${presenter ? 'presenter' : 'normal'}.png`;
      await page.screenshot({ path });
      console.log(path);
      await page.close();
    }
  }
});
