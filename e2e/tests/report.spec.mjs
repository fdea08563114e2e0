// The standalone report (`make report`): one HTML file opened from file://, with no server and
// no network. The classic single-file core computes the Analysis in the page from the inlined
// data; the figures must equal the native `vixray export` of the same data (E2E_EXPECTED).
// `make test-e2e` builds the report from the export the site uses and names it in E2E_REPORT;
// a missing report fails this test.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { test, expect } from '@playwright/test';
import {
  collectErrors,
  expectDayClickExplains,
  expectNativeFigures,
  expectChartsDrawn,
} from './helpers.mjs';

const buildPath = (relative) => fileURLToPath(new URL(`../../build/${relative}`, import.meta.url));
const REPORT = process.env.E2E_REPORT ?? buildPath('report/vixray-report.html');
const EXPECTED = process.env.E2E_EXPECTED ?? buildPath('export/data/analysis.json');

test('the standalone report opens from file:// and shows the native analysis', async ({ page }) => {
  expect(fs.existsSync(REPORT), `the report ${REPORT} exists (make report)`).toBe(true);
  expect(fs.existsSync(EXPECTED), `the native analysis ${EXPECTED} exists (make test-export)`).toBe(
    true,
  );
  const expected = JSON.parse(fs.readFileSync(EXPECTED, 'utf8'));
  const url = pathToFileURL(REPORT).href;
  const errors = collectErrors(page);
  const requests = [];
  page.on('request', (request) => requests.push(request.url()));
  // The moment data-ready is set, in ms since navigation start (performance.now()).
  await page.addInitScript(() => {
    new MutationObserver((_, observer) => {
      if (document.body?.dataset.ready && !window.reportReadyMs) {
        window.reportReadyMs = performance.now();
        observer.disconnect();
      }
    }).observe(document, { attributes: true, subtree: true, attributeFilter: ['data-ready'] });
  });

  await page.goto(url);
  await expect(page.locator('body')).toHaveAttribute('data-ready', 'true', { timeout: 20_000 });
  await expect(page.locator('#error')).toBeHidden();
  await expect(page.locator('#status-wasm')).toContainText(/WebAssembly core \S+ ready/);
  await expect(page.locator('#status-refresh')).toHaveText(''); // inlined data: no refresh

  // The page holds everything: it requests nothing but itself (and data: URLs).
  expect(requests.filter((r) => r !== url && !r.startsWith('data:'))).toEqual([]);
  const csp = await page
    .locator('meta[http-equiv="Content-Security-Policy"]')
    .getAttribute('content');
  expect(csp).toMatch(/script-src ('sha256-[A-Za-z0-9+/=]+' )+'wasm-unsafe-eval'/);
  expect(csp).not.toContain("'unsafe-eval'");
  expect(csp).toContain("default-src 'none'");

  await expectNativeFigures(page, expected);

  // The 9 charts of the Analysis, and the model-health panel's drift and alert charts (the
  // report inlines the export's model_health.json).
  await expectChartsDrawn(page, 11);

  // Clicking a day explains it (the core's TreeSHAP).
  await expectDayClickExplains(page);

  // What-if: a calm tomorrow and a crash tomorrow score differently, each with a level.
  const result = page.locator('#whatif-result [data-whatif="score"]');
  await page.locator('#whatif-vix').fill('12');
  await page.locator('#whatif-spx').fill('0.5');
  await page.locator('#whatif-form button[type="submit"]').click();
  await expect(result).toHaveText(/^Score \d\.\d{3} (NORMAL|MODERATE|HIGH|CRITICAL)$/);
  const calm = await result.textContent();
  await page.locator('#whatif-vix').fill('60');
  await page.locator('#whatif-spx').fill('-9');
  await page.locator('#whatif-form button[type="submit"]').click();
  await expect(result).not.toHaveText(calm);
  await expect(result).toHaveText(/^Score \d\.\d{3} (NORMAL|MODERATE|HIGH|CRITICAL)$/);

  // A broken CSV: the core's C++ error reaches the page as a message naming file and line
  // (exceptions through the classic build, Embind without dynamic code).
  const chooser = page.waitForEvent('filechooser');
  await page.locator('#csv-pick').click();
  await (
    await chooser
  ).setFiles([
    {
      name: 'vix.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('DATE,OPEN,HIGH,LOW,CLOSE\n01/02/2016,1,2,1,2\n01/03/2016,1,2,1,bad\n'),
    },
  ]);
  await expect(page.locator('#csv-results li.error[data-file="vix.csv"]')).toContainText(
    'vix.csv, line 3',
  );

  const timing = await page.evaluate(() => ({
    readyMs: window.reportReadyMs,
    ...document.body.dataset,
  }));
  const html = fs.readFileSync(REPORT);
  const kb = (bytes) => `${(bytes / 1024).toFixed(0)} KB`;
  console.log(
    `report: ${kb(html.length)}, ${kb(gzipSync(html, { level: 9 }).length)} gzipped; data-ready ` +
      `${Math.round(timing.readyMs)} ms after navigation start from file:// (in-page Analysis ` +
      `${timing.analysisMs} ms, first chart ${timing.firstChartMs} ms after the script started)`,
  );
  expect(errors).toEqual([]);
});

// A publisher with only the VIX and the S&P 500 (issue 11): `vixray export` of the two files with
// a six-series model scores the last day with the detectors those feed; the report built from
// that export computes the same figures in the page and says the day is partial.
test('the report of a two-file export shows the partial day as the native export', async ({
  page,
}, testInfo) => {
  const vixray = buildPath('native/vixray');
  const model = buildPath('export/model.json');
  expect(fs.existsSync(vixray) && fs.existsSync(model), 'make test-export ran').toBe(true);
  const folder = testInfo.outputPath('two');
  const sim = path.join(folder, 'sim');
  const data = path.join(folder, 'data');
  fs.mkdirSync(folder, { recursive: true });
  execFileSync(vixray, [
    'simulate',
    '--seed',
    '5',
    '--start',
    '2010-01-04',
    '--end',
    '2012-12-31',
    '--out',
    sim,
  ]);
  execFileSync(vixray, [
    'export',
    '--model',
    model,
    '--spx',
    path.join(sim, 'spx.csv'),
    '--vix',
    path.join(sim, 'vix.csv'),
    '--out',
    data,
  ]);
  const expected = JSON.parse(fs.readFileSync(path.join(data, 'analysis.json'), 'utf8'));
  expect(expected.today.date).toBe('2012-12-31');
  expect(expected.today.partial.detectors_scored).toBeLessThan(expected.today.partial.detectors);
  const report = path.join(folder, 'report.html');
  const builder = fileURLToPath(new URL('../build_report.mjs', import.meta.url));
  execFileSync('node', [
    builder,
    '--data',
    data,
    '--dist',
    buildPath('wasm/dist'),
    '--out',
    report,
  ]);
  const errors = collectErrors(page);
  await page.goto(pathToFileURL(report).href);
  await expect(page.locator('body')).toHaveAttribute('data-ready', 'true', { timeout: 20_000 });
  await expectNativeFigures(page, expected, 'Latest day');
  await expect(page.locator('#panel-hero')).toContainText(
    `partial day: ${expected.today.partial.detectors_scored} of ${expected.today.partial.detectors} detectors scored`,
  );
  expect(errors).toEqual([]);
});
