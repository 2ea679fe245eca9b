// Playwright configuration for Silian's browser tests.
//
// The suite runs against the real binary (SILIAN_BIN, default ../../build/src/silian):
// global-setup.js loads the demo district into a fresh SQLite database in a temp dir,
// starts `silian serve` on a free loopback port and exports SILIAN_E2E_BASE_URL;
// global-teardown.js stops it. Browsers are never downloaded: Debian's Chromium is used.
import { defineConfig } from '@playwright/test';

const chromiumPath = process.env.SILIAN_CHROMIUM || '/usr/bin/chromium';

export default defineConfig({
  testDir: './specs',
  outputDir: './.out/test-results',
  globalSetup: './support/global-setup.js',
  globalTeardown: './support/global-teardown.js',
  workers: 1, // the project's machines have 2 cores: one for the server, one for the browser
  fullyParallel: false,
  retries: 0,
  forbidOnly: !!process.env.CI,
  // 'list' for people; the JSON file lets run.sh print a plain "N passed, N failed" line.
  reporter: [['list'], ['json', { outputFile: './.out/results.json' }]],
  timeout: 30_000,
  expect: { timeout: 5_000 },
  use: {
    browserName: 'chromium',
    headless: true,
    // Residents use the site in Simplified Chinese; tests that want another language say so.
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    viewport: { width: 1366, height: 900 },
    trace: process.env.E2E_TRACE ? 'retain-on-failure' : 'off',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: chromiumPath,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
});
