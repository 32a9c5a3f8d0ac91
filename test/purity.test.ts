import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// The engine and simulator must be pure: the seed decides everything, so links, replay and
// time travel reproduce a run exactly. This guards the rule the way a lint ban would.
const banned = /Math\.random|Date\.now|performance\.now|setTimeout|setInterval|requestAnimationFrame|new Date\(|\bdocument\.|\bwindow\./;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return p.endsWith('.ts') && !p.endsWith('.test.ts') ? [p] : [];
  });
}

describe('engine and simulator purity', () => {
  for (const dir of ['src/engine', 'src/sim']) {
    it(`${dir} uses no clock, timer, Math.random or DOM`, () => {
      const offenders = sources(dir).flatMap((file) =>
        readFileSync(file, 'utf8')
          .split('\n')
          .map((line, i) => ({ line: /^\s*(\/\*|\*)/.test(line) ? '' : line.replace(/\/\/.*$/, ''), where: `${file}:${i + 1}` }))
          .filter(({ line }) => banned.test(line))
          .map(({ where }) => where),
      );
      expect(offenders).toEqual([]);
    });
  }
});
