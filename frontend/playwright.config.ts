import { defineConfig } from '@playwright/test';

// Runs against a running BLAU (the ear server on 9080, or `npm run dev` on 5173 with
// BLAU_WEB_URL=http://localhost:5173). Drives the machine's Chromium: Playwright never
// downloads a browser here (PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1; never `playwright install`).
export default defineConfig({
  testDir: './e2e',
  // the screenshots are written on request only (npm run screenshots), not part of the test run
  testIgnore: process.env.BLAU_SCREENSHOTS ? [] : ['**/screenshots.spec.ts'],
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0, // a flaky spec must show, not pass on its second try
  reporter: process.env.CI ? [['list'], ['junit', { outputFile: 'test-results/e2e-junit.xml' }]] : 'list',
  use: {
    baseURL: process.env.BLAU_WEB_URL || 'http://localhost:9080',
    locale: 'en-US',
    trace: 'retain-on-failure',
    launchOptions: { executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium' },
  },
});
