import { test } from '@playwright/test';

/**
 * The sizes a class meets the app at (issue 11): a laptop on a projector, a full-HD projector, a
 * tablet upright and on its side. Tests of the classroom stage run at each.
 */
export const SIZES = [
  { width: 1280, height: 720 },
  { width: 1920, height: 1080 },
  { width: 768, height: 1024 },
  { width: 1024, height: 768 },
] as const;

export type Size = (typeof SIZES)[number];

/** The tests `body` declares, once at each size, each group named "at WxH" (after `prefix`, if any). */
export function atEachSize(body: (size: Size) => void, prefix = ''): void {
  for (const size of SIZES) {
    test.describe(`${prefix}at ${size.width}x${size.height}`, () => {
      test.use({ viewport: size });
      body(size);
    });
  }
}
