// @ts-check
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * The layers, bottom up, and what each may import (docs/architecture.md draws them). All our
 * imports are relative and every layer is one folder, so the first folder after the `../` names
 * the layer an import reaches into. Tests are exempt: they may reach test/support.
 */
const layers = {
  engine: [],
  sim: ['engine'],
  scenarios: ['engine', 'sim'],
  narration: ['engine', 'sim'],
  lessons: ['engine', 'sim', 'scenarios', 'narration'],
  experiments: ['engine', 'sim', 'scenarios'],
  links: ['engine', 'sim', 'scenarios', 'experiments'],
  worker: ['engine', 'sim', 'scenarios', 'narration', 'lessons', 'experiments'],
  store: ['engine', 'sim', 'scenarios', 'narration', 'lessons', 'experiments', 'links', 'worker'],
};

/** Folders whose code must give the same result for the same seed: no clock, no chance, no DOM. */
const deterministic = ['engine', 'sim', 'experiments'];

function importRules(layer, allowed) {
  // The engine is the pure core: it imports nothing from outside its folder, not even a package.
  if (allowed.length === 0) {
    return {
      'no-restricted-imports': [
        'error',
        { patterns: [{ regex: '^(?!\\./)', message: `src/${layer} imports nothing outside src/${layer}.` }] },
      ],
    };
  }
  const others = Object.keys(layers)
    .concat('views')
    .filter((l) => l !== layer && !allowed.includes(l));
  const message = `src/${layer} may import only from ${allowed.map((l) => `src/${l}`).join(', ')} (docs/architecture.md).`;
  return { 'no-restricted-imports': ['error', { patterns: [{ regex: `^(\\.\\./)+(${others.join('|')})(/|$)`, message }] }] };
}

const clock = 'The simulation is deterministic: time is the simulated clock, passed in.';
const dom = 'No DOM, worker or Node globals here: this code runs the same in Node, a worker and a test.';
const bannedGlobals = [
  ...[
    'Date',
    'performance',
    'setTimeout',
    'setInterval',
    'setImmediate',
    'requestAnimationFrame',
    'requestIdleCallback',
    'queueMicrotask',
  ].map((name) => ({ name, message: clock })),
  ...[
    'window',
    'document',
    'self',
    'globalThis',
    'navigator',
    'location',
    'localStorage',
    'sessionStorage',
    'fetch',
    'postMessage',
    'Worker',
    'crypto',
    'process',
  ].map((name) => ({ name, message: dom })),
];

export default defineConfig(
  { ignores: ['dist/', 'node_modules/', 'test-results/', 'playwright-report/', 'screenshots/'] },
  js.configs.recommended,
  tseslint.configs.recommended,
  // Plain JavaScript files are Node scripts (the CLI launcher, this file).
  { files: ['**/*.{js,mjs,cjs}'], languageOptions: { globals: globals.node } },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  ...Object.entries(layers).map(([layer, allowed]) => ({
    files: [`src/${layer}/**/*.{ts,tsx}`],
    ignores: ['**/*.test.ts'],
    rules: importRules(layer, allowed),
  })),
  {
    files: deterministic.map((d) => `src/${d}/**/*.ts`),
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-globals': ['error', ...bannedGlobals],
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: 'Use the seeded generator (src/engine/rng.ts).' },
      ],
    },
  },
  {
    // push(...xs) passes every element as an argument: past about 100,000 (a long run's marks or
    // messages) it throws RangeError. Issue 13 found exactly that; loops or concat have no limit.
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'CallExpression[callee.property.name=/^(push|unshift|splice)$/] > SpreadElement',
          message: 'Spreading an array into push/unshift/splice fails on long arrays (RangeError): use a loop.',
        },
      ],
    },
  },
);
