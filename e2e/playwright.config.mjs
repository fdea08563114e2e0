// Playwright end-to-end tests of the built dashboard (build/site) in Debian's system Chromium;
// Playwright starts the static server (serve.mjs, 127.0.0.1 only) and stops it after the run.
import { defineConfig } from '@playwright/test';
import { CHROMIUM_OPTIONS } from './chromium.mjs';

const port = Number(process.env.E2E_PORT ?? 8123);

export default defineConfig({
  testDir: './tests',
  outputDir: './test-results',
  fullyParallel: false,
  workers: 1, // 2 shared cores: one browser at a time
  retries: 0,
  timeout: 30_000,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}/`,
    browserName: 'chromium',
    launchOptions: CHROMIUM_OPTIONS,

    viewport: { width: 1280, height: 900 },
  },
  webServer: {
    command: `node serve.mjs ../build/site ${port}`,
    url: `http://127.0.0.1:${port}/index.html`,
    reuseExistingServer: false,
    timeout: 15_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
