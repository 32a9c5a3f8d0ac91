import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// The experiment runs in a Web Worker and must give the same numbers for the same seed: no
// clock, no timer, no Math.random, no DOM. Timing belongs to the CLI and the bench.
const banned = /Math\.random|Date\.now|performance\.now|setTimeout|setInterval|requestAnimationFrame|new Date\(|\bdocument\.|\bwindow\./;

describe('src/experiments purity', () => {
  it('uses no clock, timer, Math.random or DOM', () => {
    const dir = 'src/experiments';
    const offenders = readdirSync(dir)
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
      .flatMap((f) =>
        readFileSync(`${dir}/${f}`, 'utf8')
          .split('\n')
          .map((line, i) => ({ line: /^\s*(\/\*|\*)/.test(line) ? '' : line.replace(/\/\/.*$/, ''), where: `${f}:${i + 1}` }))
          .filter(({ line }) => banned.test(line))
          .map(({ where }) => where),
      );
    expect(offenders).toEqual([]);
  });
});
