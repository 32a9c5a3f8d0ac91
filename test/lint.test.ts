import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// `npm test` runs ESLint on the tree (`npm run lint`); this proves the rules it relies on bite:
// the layer boundaries and the determinism bans, checked on code that breaks them, placed at
// the paths where the real files live.
const eslint = new ESLint();

async function problems(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => `${m.ruleId ?? 'parse'}: ${m.message}`);
}

describe('lint keeps the engine pure', () => {
  it('accepts a pure engine file', async () => {
    expect(await problems('src/engine/fixture.ts', "import { majority } from './fixture2.ts';\nexport const x = majority(5);\n")).toEqual(
      [],
    );
  });

  it('refuses an import from outside the engine, even a package', async () => {
    expect(await problems('src/engine/fixture.ts', "import { useSim } from '../store/simStore.ts';\nexport const x = useSim;\n")).toEqual([
      expect.stringMatching(/^no-restricted-imports: .*src\/engine imports nothing outside src\/engine/),
    ]);
    expect(await problems('src/engine/fixture.ts', "import { create } from 'zustand';\nexport const x = create;\n")).toHaveLength(1);
  });

  it('refuses Math.random, the wall clock, timers and DOM globals in the engine and the simulator', async () => {
    for (const file of ['src/engine/fixture.ts', 'src/sim/fixture.ts', 'src/experiments/fixture.ts']) {
      expect(await problems(file, 'export const r = Math.random();\n'), file).toEqual([
        expect.stringMatching(/^no-restricted-properties: 'Math.random'/),
      ]);
      for (const expr of [
        'Date.now()',
        'new Date()',
        'performance.now()',
        'setTimeout(() => 0, 1)',
        'requestAnimationFrame(() => 0)',
        'window.name',
        'document.title',
        'self.name',
      ]) {
        expect(await problems(file, `export const v = ${expr};\n`), `${expr} in ${file}`).toEqual([
          expect.stringMatching(/^no-restricted-globals: /),
        ]);
      }
    }
  });

  it('lets the page use clocks and timers', async () => {
    expect(await problems('src/store/fixture.ts', 'export const v = performance.now() + Date.now();\n')).toEqual([]);
  });
});

describe('lint keeps the layers apart', () => {
  const bad: [file: string, from: string][] = [
    ['src/sim/fixture.ts', '../worker/driver.ts'],
    ['src/sim/fixture.ts', '../store/simStore.ts'],
    ['src/sim/fixture.ts', '../views/App.tsx'],
    ['src/worker/fixture.ts', '../store/simStore.ts'],
    ['src/worker/fixture.ts', '../views/App.tsx'],
    ['src/store/fixture.ts', '../views/App.tsx'],
    ['src/lessons/fixture.ts', '../store/simStore.ts'],
    ['src/narration/fixture.ts', '../views/App.tsx'],
    ['src/scenarios/broken/fixture.ts', '../../worker/driver.ts'],
  ];
  for (const [file, from] of bad) {
    it(`refuses ${from} in ${file}`, async () => {
      expect(await problems(file, `import { x } from '${from}';\nexport const y = x;\n`)).toEqual([
        expect.stringMatching(/^no-restricted-imports: .*may import only from/),
      ]);
    });
  }

  const good: [file: string, from: string][] = [
    ['src/sim/fixture.ts', '../engine/types.ts'],
    ['src/worker/fixture.ts', '../sim/timeline.ts'],
    ['src/store/fixture.ts', '../worker/protocol.ts'],
    ['src/views/fixture.ts', '../store/simStore.ts'],
    ['src/sim/fixture.test.ts', '../../test/support/sim.ts'],
  ];
  for (const [file, from] of good) {
    it(`allows ${from} in ${file}`, async () => {
      expect(await problems(file, `import { x } from '${from}';\nexport const y = x;\n`)).toEqual([]);
    });
  }
});

describe('lint keeps frames from spreading long arrays into calls', () => {
  it('refuses push(...xs), unshift(...xs) and splice(i, 0, ...xs) anywhere in src', async () => {
    for (const file of ['src/worker/fixture.ts', 'src/store/fixture.ts', 'src/views/fixture.tsx']) {
      for (const call of ['a.push(...b)', 'a.unshift(...b)', 'a.splice(0, 0, ...b)']) {
        expect(await problems(file, `const a: number[] = [];\nconst b = [1];\n${call};\nexport { a };\n`), `${call} in ${file}`).toEqual([
          expect.stringMatching(/^no-restricted-syntax: Spreading an array into push/),
        ]);
      }
    }
  });

  it('allows a loop, and pushing one element', async () => {
    expect(
      await problems(
        'src/worker/fixture.ts',
        'const a: number[] = [];\nconst b = [1];\nfor (const x of b) a.push(x);\na.push(2);\nexport { a };\n',
      ),
    ).toEqual([]);
  });
});
