// Shared helpers of the end-to-end tests.
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from '@playwright/test';

/** Collects console errors and uncaught page errors (of the page and its workers). */
export function collectErrors(page) {
  const errors = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('worker', (worker) => {
    worker.on('console', (message) => {
      if (message.type() === 'error') errors.push(`worker console: ${message.text()}`);
    });
  });
  return errors;
}

export const FIXTURE_THRESHOLDS = { moderate: 0.62, high: 0.71, critical: 0.86 };

/**
 * Serves the fixture worker (e2e/fixtures/fake_worker.js: the worker protocol with a synthetic
 * Analysis) instead of the real one, and a data index that lists market.json and model.json.
 */
export async function useFixtureWorker(page, thresholds = FIXTURE_THRESHOLDS) {
  const source = fs
    .readFileSync(fileURLToPath(new URL('../fixtures/fake_worker.js', import.meta.url)), 'utf8')
    .replace(
      'const THRESHOLDS = __THRESHOLDS__;',
      `const THRESHOLDS = ${JSON.stringify(thresholds)};`,
    );
  await page.route('**/js/worker.js', (route) =>
    route.fulfill({ status: 200, contentType: 'text/javascript', body: source }),
  );
  await page.route('**/data/index.json', (route) =>
    route.fulfill({
      status: 200,
      contentType: 'application/json',
      body: JSON.stringify({ files: ['market.json', 'model.json'] }),
    }),
  );
  // The page downloads the files the index lists and hands them to the worker, which is the
  // double here: any JSON will do.
  await page.route(/\/data\/(market|model)\.json$/, (route) =>
    route.fulfill({ status: 200, contentType: 'application/json', body: '{}' }),
  );
}

/** Whether a canvas has any non-background pixel (a drawn chart, not a blank canvas). */
export async function canvasIsDrawn(locator) {
  return locator.evaluate((canvas) => {
    const ctx = canvas.getContext('2d');
    const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
    let painted = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i] !== 0) painted++;
    return painted > 50;
  });
}

/** The data files of the built site (build/site/data/index.json), [] when it has none. */
export function siteDataFiles() {
  const index = fileURLToPath(new URL('../../build/site/data/index.json', import.meta.url));
  if (!fs.existsSync(index)) return [];
  return JSON.parse(fs.readFileSync(index, 'utf8')).files ?? [];
}

export const siteHasData = () =>
  ['market.json', 'model.json'].every((f) => siteDataFiles().includes(f));

/**
 * Asserts that the page's hero and panels show the native CLI's Analysis (`vixray export`'s
 * analysis.json, parsed): the latest day's date (titled `latest`: the test site's market is
 * simulated), score, level, streak, days at HIGH+ and the model's thresholds.
 */
export async function expectNativeFigures(page, expected, latest = 'Last simulated day') {
  const today = expected.today;
  await expect(page.locator('#hero-title')).toHaveText(`${latest}, ${today.date}`);
  const score = Number(
    await page.locator('[data-metric="score"] [data-value]').getAttribute('data-value'),
  );
  expect(score).toBe(today.ensemble.score);
  await expect(page.locator('[data-metric="score"] .level-badge')).toHaveText(today.level);
  await expect(page.locator('[data-stat="current-streak"] dd')).toHaveText(
    `${expected.persistence.current_streak} days`,
  );
  // A figure of the whole history: tells two histories ending on the same day apart.
  await expect(page.locator('[data-stat="total-days"] dd')).toHaveText(
    expected.persistence.total_anomaly_days.toLocaleString('en-US'),
  );
  const rows = page.locator('[data-model="thresholds"] tbody tr');
  for (const [k, name] of ['moderate', 'high', 'critical'].entries()) {
    await expect(rows.nth(k)).toContainText(expected.thresholds[name].toFixed(4));
  }
}

/**
 * Clicking a day of the history chart explains it: the drivers panel's title changes to the
 * clicked day (the core's TreeSHAP in the worker, or on the report's main thread).
 */
export async function expectDayClickExplains(page) {
  const title = page.locator('#drivers-title');
  await expect(title).toHaveText(/^Drivers of \d{4}-\d{2}-\d{2}$/);
  const before = await title.textContent();
  // Under a loaded machine a click right after data-ready was once lost (1 run in 63): the box
  // is read again and the click repeated until the selection changes.
  await expect(async () => {
    const box = await page.locator('[data-panel="history"]').boundingBox();
    await page.mouse.click(box.x + box.width * 0.4, box.y + box.height * 0.5);
    await expect(title).not.toHaveText(before, { timeout: 2_000 });
  }).toPass({ timeout: 15_000 });
  await expect(page.locator('[data-panel="drivers"] canvas').first()).toBeVisible();
}

/** Serves `health` (JSON text) as data/model_health.json, listed in data/index.json beside the
 *  fixture's market and model: the dashboard's model-health panel with the fixture worker. */
export async function routeModelHealth(page, health) {
  await useFixtureWorker(page);
  await page.route('**/data/index.json', (route) =>
    route.fulfill({
      status: 200,
      contentType: 'application/json',
      body: JSON.stringify({ files: ['market.json', 'model.json', 'model_health.json'] }),
    }),
  );
  await page.route('**/data/model_health.json', (route) =>
    route.fulfill({ status: 200, contentType: 'application/json', body: health }),
  );
}

/** Every ECharts chart of the page ([data-panel] with an instance): `count` of them, each drawn. */
export async function expectChartsDrawn(page, count) {
  const charts = page.locator('[data-panel][_echarts_instance_]');
  await expect(charts).toHaveCount(count);
  for (let i = 0; i < count; i++) {
    const name = await charts.nth(i).getAttribute('data-panel');
    expect(await canvasIsDrawn(charts.nth(i).locator('canvas').first()), `${name} drawn`).toBe(
      true,
    );
  }
}
