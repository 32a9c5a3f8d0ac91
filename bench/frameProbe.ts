import type { Page } from '@playwright/test';

/**
 * Records every display frame's duration and every long task in the page, from start() until
 * stop(). Strings, not functions, go to the page: tsx's helpers do not exist there.
 */
export async function startFrameProbe(page: Page): Promise<void> {
  await page.evaluate(`(() => {
    const b = (window.__bench = { frames: [], long: [], stop: false });
    new PerformanceObserver((list) => { for (const e of list.getEntries()) b.long.push(e.duration); }).observe({ type: 'longtask' });
    let last = performance.now();
    const loop = (now) => { b.frames.push(now - last); last = now; if (!b.stop) requestAnimationFrame(loop); };
    requestAnimationFrame(loop);
  })()`);
}

/** Frame durations (the first, partial one dropped) and long-task durations, in ms. */
export async function stopFrameProbe(page: Page): Promise<{ frames: number[]; long: number[] }> {
  return page.evaluate<{ frames: number[]; long: number[] }>(
    '(() => { const b = window.__bench; b.stop = true; return { frames: b.frames.slice(1), long: b.long }; })()',
  );
}
