// Playwright configuration for the viewer's browser tests.
//
// `cargo xtask test` builds the release site, starts graph-emulator and a
// static server, and passes their URLs as SITE_URL and EMULATOR_URL. Specs
// run one at a time because graph-emulator's fault rules are global.
import { defineConfig } from '@playwright/test';

const siteUrl = process.env.SITE_URL ?? 'http://127.0.0.1:8080/';

export default defineConfig({
  testDir: './tests',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  forbidOnly: !!process.env.CI,
  outputDir: './test-results/artifacts',
  use: {
    baseURL: siteUrl,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--headless=new',
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
  projects: [
    {
      name: 'chromium',
      use: { browserName: 'chromium', viewport: { width: 1280, height: 900 } },
    },
  ],
});
