import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'cli/**/*.test.ts', 'relay/**/*.test.ts'],
    environment: 'node',
    testTimeout: 120_000,
  },
});
