// The ticker view (issue 12 item 4) in the built site. Expected flags come from the native CLI:
// the setup trains a US model on testdata/ticker_view/AAPL.csv with build/native/vixray and
// scores the same file (`vixray ticker score`); the page is given that model and that file, and
// its markers must be the CLI's flagged bars.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test, expect } from '@playwright/test';
import { collectErrors } from './helpers.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const vixray = path.join(root, 'build/native/vixray');
const csv = path.join(root, 'testdata/ticker_view/AAPL.csv');
let work, modelPath, expectedFlags;

test.beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'vixray-ticker-e2e-'));
  modelPath = path.join(work, 'US_model.json');
  const anomalies = path.join(work, 'anomalies.json');
  execFileSync(vixray, ['ticker', 'train', '--csv', csv, '--out', modelPath]);
  execFileSync(vixray, ['ticker', 'score', '--csv', csv, '--model', modelPath, '--out', anomalies]);
  const document = JSON.parse(fs.readFileSync(anomalies, 'utf8'));
  expectedFlags = document.anomalies
    .filter((a) => a.ticker === 'AAPL')
    .map((a) => a.datetime)
    .sort();
});

test.afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

/** Opens the ticker view and gives it the CLI's model and the fixture file. */
async function openWithFile(page) {
  // The site's own ticker models and demos (if `make site` put any) are left out: the page has
  // the CLI's model only, so the flags are the CLI's and a JP file has no model.
  await page.route('**/tickers/index.json', (route) =>
    route.fulfill({ status: 200, contentType: 'application/json', body: '{}' }),
  );
  await page.locator('#ticker-open').click();
  await expect(page.locator('#ticker-view')).toHaveAttribute('data-ready', 'true');
  await page.locator('#ticker-input').setInputFiles([modelPath, csv]);
  await expect(page.locator('#ticker-view')).toHaveAttribute('data-ticker', 'AAPL');
}

const markerTimes = async (page) =>
  JSON.parse(await page.locator('#ticker-chart').getAttribute('data-marker-times')).sort();

test('the market view does not load the ticker code; opening the ticker view does', async ({
  page,
}) => {
  const urls = [];
  // The context's requests: the page's and its workers' (the core's modules load in the worker).
  page.context().on('request', (request) => urls.push(request.url()));
  await page.goto('./');
  await expect(page.locator('body')).toHaveAttribute('data-ready', 'true');
  const tickerCode = (u) => /\/js\/ticker\/|\/wasm\/(vixray_)?ticker\.|\/css\/ticker\.css/.test(u);
  expect(urls.filter(tickerCode)).toEqual([]);
  await page.locator('#ticker-open').click();
  await expect(page.locator('#ticker-view')).toHaveAttribute('data-ready', 'true');
  expect(urls.some((u) => u.endsWith('/js/ticker/view.js'))).toBe(true);
  expect(urls.some((u) => u.endsWith('/wasm/ticker.mjs'))).toBe(true);
  expect(urls.some((u) => u.endsWith('/wasm/vixray_ticker.wasm'))).toBe(true);
  await page.locator('#ticker-back').click();
  await expect(page.locator('#main')).toBeVisible();
});

test('a dropped file: markers are the CLI flags, the toggle hides them, a click explains', async ({
  page,
}) => {
  const errors = collectErrors(page);
  await page.goto('./');
  await openWithFile(page);
  expect(expectedFlags.length).toBeGreaterThan(0);
  expect(await markerTimes(page)).toEqual(expectedFlags);
  const chart = page.locator('#ticker-chart');
  await expect(chart).toHaveAttribute('data-markers', String(expectedFlags.length));
  await expect(page.locator('#ticker-unmatched')).toHaveText('0 anomalies not matched to a bar');
  await page.locator('#ticker-markers').uncheck();
  await expect(chart).toHaveAttribute('data-markers', '0');
  await page.locator('#ticker-markers').check();
  await expect(chart).toHaveAttribute('data-markers', String(expectedFlags.length));
  // One table row per flagged bar; a click on a row explains that bar (14 indicators).
  await expect(page.locator('#ticker-rows tr')).toHaveCount(expectedFlags.length);
  const row = page.locator('#ticker-rows tr').first();
  await row.locator('td').first().click();
  await expect(page.locator('#ticker-explain')).toHaveAttribute(
    'data-bar',
    await row.getAttribute('data-bar'),
  );
  await expect(page.locator('#ticker-explain .shap-list li')).toHaveCount(14);
  expect(errors).toEqual([]);
});

test('status and note survive a reload; export and import round trip', async ({ page }) => {
  await page.goto('./');
  await openWithFile(page);
  const first = page.locator('#ticker-rows tr').first();
  const datetime = await first.getAttribute('data-datetime');
  await first.locator('select').selectOption('acknowledged');
  await first.locator('input').fill('gap at the open, checked');
  await first.locator('input').press('Tab');
  await page.reload();
  await openWithFile(page);
  const again = page.locator(`#ticker-rows tr[data-datetime="${datetime}"]`);
  await expect(again.locator('select')).toHaveValue('acknowledged');
  await expect(again.locator('input')).toHaveValue('gap at the open, checked');

  const saved = {};
  for (const format of ['csv', 'json']) {
    const download = page.waitForEvent('download');
    await page.locator(`#ticker-export-${format}`).click();
    saved[format] = path.join(work, `review.${format}`);
    await (await download).saveAs(saved[format]);
  }
  const exported = JSON.parse(fs.readFileSync(saved.json, 'utf8'));
  expect(exported.format).toBe('vixray-review');
  const entry = exported.entries.find((e) => e.datetime === datetime);
  expect(entry).toMatchObject({ ticker: 'AAPL', status: 'acknowledged' });
  expect(fs.readFileSync(saved.csv, 'utf8')).toContain('acknowledged');

  // A fresh browser storage, the CSV imported (plus one entry no bar matches, and one on an
  // unflagged bar): the statuses come back, the extra bar gets a marker, one is unmatched.
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await openWithFile(page);
  await expect(page.locator(`#ticker-rows tr[data-datetime="${datetime}"] select`)).toHaveValue(
    'new',
  );
  const extra =
    fs.readFileSync(saved.csv, 'utf8').trimEnd() +
    '\nAAPL,2024-03-06T14:40:00Z,dismissed,unflagged bar\nAAPL,2024-04-01T14:30:00Z,new,no bar\n';
  await page.locator('#ticker-import-input').setInputFiles({
    name: 'review.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(extra),
  });
  await expect(page.locator('#ticker-review-msg')).toContainText('Imported');
  await expect(page.locator(`#ticker-rows tr[data-datetime="${datetime}"] select`)).toHaveValue(
    'acknowledged',
  );
  await expect(page.locator('#ticker-unmatched')).toHaveText('1 anomalies not matched to a bar');
  await expect(page.locator('#ticker-chart')).toHaveAttribute(
    'data-markers',
    String(expectedFlags.length + 1),
  );
});

test('a broken file and a market without a model are shown with file and line', async ({
  page,
}) => {
  const errors = collectErrors(page);
  await page.goto('./');
  await openWithFile(page);
  const lines = fs.readFileSync(csv, 'utf8').split('\n');
  lines[3] = lines[3].replace(/,([0-9.]+),([0-9.]+),([0-9.]+),/, ',$1,abc,$3,');
  await page.locator('#ticker-input').setInputFiles([
    { name: 'MSFT.csv', mimeType: 'text/csv', buffer: Buffer.from(lines.join('\n')) },
    { name: '7203.T.csv', mimeType: 'text/csv', buffer: Buffer.from(lines.join('\n')) },
  ]);
  await expect(page.locator('#ticker-files li.error[data-file="MSFT.csv"]')).toContainText(
    'MSFT.csv:4',
  );
  await expect(page.locator('#ticker-files li.error[data-file="7203.T.csv"]')).toContainText(
    'models present: US (5m)',
  );
  // The view of the good file is still drawn.
  await expect(page.locator('#ticker-view')).toHaveAttribute('data-ticker', 'AAPL');
  expect(errors).toEqual([]);
});
