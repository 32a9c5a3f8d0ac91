import { existsSync } from 'node:fs';
import { defineConfig } from '@playwright/test';

// Use Debian's Chromium where it is installed: no tool here may download a browser.
// Elsewhere (a laptop) Playwright's own browser is used.
const systemChromium = '/usr/bin/chromium';
const launchOptions = existsSync(systemChromium)
  ? {
      executablePath: systemChromium,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    }
  : {};

const port = 4317;

export default defineConfig({
  testDir: './e2e',
  testMatch: '**/*.spec.ts',
  timeout: 60_000,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  outputDir: 'test-results',
  use: {
    baseURL: `http://127.0.0.1:${port}/`,
    browserName: 'chromium',
    launchOptions,
    viewport: { width: 1440, height: 900 },
  },
  webServer: {
    command: `npx vite preview --port ${port} --strictPort --host 127.0.0.1`,
    url: `http://127.0.0.1:${port}/`,
    // Never reuse a server already on the port: on a shared machine it may serve another
    // checkout's build, and the tests would pass or fail against the wrong app. A busy port fails loudly.
    reuseExistingServer: false,
    timeout: 60_000,
  },
});
