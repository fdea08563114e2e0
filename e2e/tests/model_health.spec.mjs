// The model-health panel (web/js/panels/model_health.js) draws data/model_health.json of
// `vixray export --models` as it is: the recommendation, one drift point per monitoring line, the
// A vs B table and the alert bars equal the file; a history edited in a copy of the model folder
// and exported again shows the red badge naming file and line; a site without the file shows no
// panel. The analysis is the fixture worker's (the panel does not depend on it); the model health
// is `make test-export`'s (build/export/data/model_health.json, from build/export/models).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test, expect } from '@playwright/test';
import { collectErrors, routeModelHealth, useFixtureWorker } from './helpers.mjs';

const buildPath = (relative) => fileURLToPath(new URL(`../../build/${relative}`, import.meta.url));
const HEALTH = buildPath('export/data/model_health.json');

/** The dashboard with the fixture analysis and `health` (JSON text) as data/model_health.json. */
async function openWithHealth(page, health) {
  await routeModelHealth(page, health);
  await page.goto('./');
  await expect(page.locator('body')).toHaveAttribute('data-ready', 'true');
  await expect(page.locator('#panel-model-health')).toBeVisible();
}

/** The option of the chart in [data-panel=name]. */
function chartOption(page, name) {
  return page.evaluate(async (panel) => {
    const { echarts } = await import('./js/charts.js');
    const option = echarts
      .getInstanceByDom(document.querySelector(`[data-panel="${panel}"]`))
      .getOption();
    return {
      series: option.series.map((s) => ({ data: s.data, markLine: s.markLine?.data ?? [] })),
      dataset: option.dataset?.[0]?.source ?? null,
      categories: option.xAxis?.[0]?.data ?? null,
    };
  }, name);
}

test('the panel draws model_health.json: recommendation, drift, A vs B, alerts', async ({
  page,
}) => {
  expect(fs.existsSync(HEALTH), `${HEALTH} exists (make test-export)`).toBe(true);
  const text = fs.readFileSync(HEALTH, 'utf8');
  const health = JSON.parse(text);
  const errors = collectErrors(page);
  await openWithHealth(page, text);
  const panel = page.locator('#panel-model-health');

  // The latest recommendation and its rule, as the file has them.
  expect(health.monitoring.length, 'make test-export monitored the folder').toBeGreaterThan(0);
  const latest = health.latest_recommendation;
  expect(latest).toEqual(
    expect.objectContaining({ recommendation: health.monitoring.at(-1).recommendation }),
  );
  await expect(panel.locator('.health-verdict')).toHaveText(latest.recommendation);
  await expect(panel.locator('[data-health="rule"]')).toHaveText(latest.rule);

  // One drift point per monitoring line, for A and B, and the rule lines from the file.
  const drift = await chartOption(page, 'health_drift');
  expect(drift.categories).toEqual(health.monitoring.map((m) => m.monitoring_date));
  expect(drift.series[0].data).toEqual(health.monitoring.map((m) => m.drift.model_a));
  expect(drift.series[1].data).toEqual(health.monitoring.map((m) => m.drift.model_b));
  expect(drift.series[0].markLine.map((m) => m.yAxis)).toEqual([
    health.rules.watch_drift,
    health.rules.retrain_drift,
  ]);

  // A vs B: the samples and date ranges of both models.
  const rows = panel.locator('[data-health="ab-table"] tbody tr');
  const { model_a: a, model_b: b } = health.models;
  const cells = (k) => rows.nth(k).locator('td');
  await expect(cells(0).nth(1)).toHaveText(`${a.training.date_start} – ${a.training.date_end}`);
  await expect(cells(0).nth(2)).toHaveText(`${b.training.date_start} – ${b.training.date_end}`);
  await expect(cells(1).nth(1)).toHaveText(a.training.samples.toLocaleString('en-US'));
  await expect(cells(1).nth(2)).toHaveText(b.training.samples.toLocaleString('en-US'));
  await expect(cells(3).nth(1)).toHaveText(a.holdout.samples.toLocaleString('en-US'));
  await expect(cells(3).nth(2)).toHaveText(b.holdout.samples.toLocaleString('en-US'));
  const pct = (x) => `${(x * 100).toFixed(1)}%`;
  await expect(cells(4).nth(1)).toHaveText(pct(a.metrics.flag_rate));
  await expect(cells(4).nth(2)).toHaveText(pct(b.metrics.flag_rate));
  await expect(cells(7).nth(1)).toHaveText(a.metrics.psi.toFixed(3));
  await expect(cells(7).nth(2)).toHaveText(b.metrics.psi.toFixed(3));

  // Alert bars: one per detector with the file's share, and the 35% line.
  const alerts = await chartOption(page, 'health_alerts');
  const bars = [...alerts.dataset].reverse();
  expect(bars.map((d) => d.share)).toEqual(health.alerts.detectors.map((d) => d.share));
  expect(bars.map((d) => d.name)).toEqual(
    health.alerts.detectors.map((d) => d.label || d.detector),
  );
  expect(alerts.series[0].markLine.map((m) => m.xAxis)).toEqual([health.alerts.max_share_allowed]);
  await expect(panel.locator('[data-health="warnings"] li')).toHaveCount(
    health.alerts.warnings.length,
  );
  // Histories intact: no badge.
  await expect(panel.locator('[data-health="badge"]')).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('a monitoring line edited in a copy of the folder shows the badge naming file and line', async ({
  page,
}, testInfo) => {
  const vixray = buildPath('native/vixray');
  const models = buildPath('export/models');
  const folder = testInfo.outputPath('tampered');
  fs.mkdirSync(folder, { recursive: true });
  fs.cpSync(models, path.join(folder, 'models'), { recursive: true, verbatimSymlinks: true });
  const history = path.join(folder, 'models', 'monitoring_history.jsonl');
  const lines = fs.readFileSync(history, 'utf8').split('\n');
  expect(lines.length, 'two monitoring lines or more').toBeGreaterThan(2);
  // Line 1 edited (a character added to its time): line 2's link to it breaks.
  const first = JSON.parse(lines[0]);
  first.monitored_at = `${first.monitored_at}x`;
  lines[0] = JSON.stringify(first);
  fs.writeFileSync(history, lines.join('\n'));
  const out = path.join(folder, 'data');
  execFileSync(vixray, ['export', '--models', path.join(folder, 'models'), '--out', out]);
  const text = fs.readFileSync(path.join(out, 'model_health.json'), 'utf8');
  const state = JSON.parse(text).history.monitoring;
  expect(state).toEqual(expect.objectContaining({ ok: false, line: 2 }));

  await openWithHealth(page, text);
  const badge = page.locator('#panel-model-health [data-health="badge"]');
  await expect(badge).toHaveCount(1);
  await expect(badge).toHaveText(
    `history does not verify: monitoring_history.jsonl:2 ${state.message}`,
  );
});

test('a site without model_health.json shows no panel and logs no error', async ({ page }) => {
  const errors = collectErrors(page);
  const requests = [];
  page.on('request', (request) => requests.push(request.url()));
  await useFixtureWorker(page);
  await page.goto('./');
  await expect(page.locator('body')).toHaveAttribute('data-ready', 'true');
  await expect(page.locator('#panel-model-health')).toBeHidden();
  expect(requests.filter((u) => u.includes('data/model_health'))).toEqual([]);
  expect(errors).toEqual([]);
});
