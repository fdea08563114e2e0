// Opt-in: draws a real Analysis JSON written by the native CLI (`vixray ensemble analyze`) with
// its model bundle, to check the panels against the core's actual output before the in-browser
// pipeline is wired. Set E2E_ANALYSIS, E2E_MODEL (and optionally E2E_EXPLAIN, the output of
// `vixray ensemble explain` for the last day).
import { test, expect } from '@playwright/test';
import { canvasIsDrawn, collectErrors, useAnalysisFileWorker } from './helpers.mjs';

const { E2E_ANALYSIS, E2E_MODEL, E2E_EXPLAIN } = process.env;

test('a CLI-written Analysis draws every panel', async ({ page }) => {
  test.skip(!E2E_ANALYSIS || !E2E_MODEL, 'set E2E_ANALYSIS and E2E_MODEL to a CLI analysis and bundle');
  const errors = collectErrors(page);
  await useAnalysisFileWorker(page, E2E_ANALYSIS, E2E_MODEL, E2E_EXPLAIN);
  await page.goto('./');
  await expect(page.locator('body')).toHaveAttribute('data-ready', 'true');
  const analysis = JSON.parse((await import('node:fs')).readFileSync(E2E_ANALYSIS, 'utf8'));
  const today = analysis.today;
  await expect(page.locator('#hero-title')).toHaveText(`Today, ${today.date}`);
  await expect(page.locator('[data-metric="score"] .level-badge')).toHaveText(today.level);
  const score = Number(await page.locator('[data-metric="score"] [data-value]').getAttribute('data-value'));
  expect(score).toBe(today.ensemble.score);
  await expect(page.locator('[data-stat="current-streak"] dd')).toHaveText(
    `${analysis.persistence.current_streak} days`);
  await expect(page.locator('[data-model="thresholds"] tbody tr').nth(1))
    .toContainText(analysis.thresholds.high.toFixed(4));
  const charts = page.locator('[data-panel][_echarts_instance_]');
  await expect(charts).toHaveCount(9);
  for (let i = 0; i < 9; i++) {
    const name = await charts.nth(i).getAttribute('data-panel');
    expect(await canvasIsDrawn(charts.nth(i).locator('canvas').first()), `${name} drawn`).toBe(true);
  }
  if (E2E_EXPLAIN) await expect(page.locator('#drivers-title')).toHaveText(`Drivers of ${today.date}`);
  if (process.env.UPDATE_SCREENSHOTS) {
    await page.screenshot({ path: 'screenshots/dashboard-cli-analysis-light.png', fullPage: true });
    await page.locator('#theme-toggle').click();
    await page.waitForTimeout(300);
    await page.screenshot({ path: 'screenshots/dashboard-cli-analysis-dark.png', fullPage: true });
  }
  expect(errors).toEqual([]);
});
