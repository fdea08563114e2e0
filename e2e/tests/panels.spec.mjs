// The panels, driven through the worker protocol by the fixture worker (fixtures/fake_worker.js,
// a synthetic Analysis in the raw shape of web/js/analysis_view.js) until the real pipeline is
// wired: every chart draws, thresholds come from the data, selection, range, what-if and CSV.
import fs from 'node:fs';
import { test, expect } from '@playwright/test';
import {
  collectErrors,
  FIXTURE_THRESHOLDS,
  useFixtureWorker,
  expectChartsDrawn,
} from './helpers.mjs';

async function openDashboard(page, thresholds) {
  await useFixtureWorker(page, thresholds);
  await page.goto('./');
  await expect(page.locator('body')).toHaveAttribute('data-ready', 'true');
}

/** The level name of a score under thresholds (the rule of the core's classify()). */
function levelOf(score, t) {
  return score >= t.critical
    ? 'CRITICAL'
    : score >= t.high
      ? 'HIGH'
      : score >= t.moderate
        ? 'MODERATE'
        : 'NORMAL';
}

test('reaches data-ready with every chart drawn and no console errors', async ({ page }) => {
  const errors = collectErrors(page);
  await openDashboard(page);
  await expect(page.locator('#error')).toBeHidden();
  await expect(page.locator('#status-text')).toContainText('Analysis of 1,500 days');
  // history, VIX, persistence, drivers, detectors, distribution, forward returns, regimes, matrix
  await expectChartsDrawn(page, 9);
  await expect(page.locator('.panel-error')).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('thresholds and levels on the page come from the analysis', async ({ page }) => {
  await openDashboard(page);
  const rows = page.locator('[data-model="thresholds"] tbody tr');
  await expect(rows.nth(0)).toContainText('0.6200');
  await expect(rows.nth(1)).toContainText('0.7100');
  await expect(rows.nth(2)).toContainText('0.8600');
  await expect(rows.nth(1)).toContainText('0.7000 – 0.7200');
  const score = Number(
    await page.locator('[data-metric="score"] [data-value]').getAttribute('data-value'),
  );
  await expect(page.locator('[data-metric="score"] .level-badge')).toHaveText(
    levelOf(score, FIXTURE_THRESHOLDS),
  );

  // A bundle with other thresholds classifies the same day differently.
  const lower = { moderate: score - 0.2, high: score - 0.1, critical: score - 0.05 };
  const other = await page.context().newPage();
  await openDashboard(other, lower);
  await expect(other.locator('[data-metric="score"] .level-badge')).toHaveText('CRITICAL');
  await expect(other.locator('[data-model="thresholds"] tbody tr').nth(2)).toContainText(
    lower.critical.toFixed(4),
  );
  await other.close();
});

test('range buttons set the zoom of both time charts; clicking a day selects it everywhere', async ({
  page,
}) => {
  await openDashboard(page);
  const zoom = (panel) =>
    page.evaluate(async (name) => {
      const { echarts } = await import('./js/charts.js');
      const option = echarts
        .getInstanceByDom(document.querySelector(`[data-panel="${name}"]`))
        .getOption();
      return [option.dataZoom[0].startValue, option.dataZoom[0].endValue];
    }, panel);
  const [start1Y, end] = await zoom('history');
  await page.locator('[data-range="1M"]').click();
  await expect(page.locator('[data-range="1M"]')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.locator('[data-range="1Y"]')).toHaveAttribute('aria-pressed', 'false');
  const [start1M, end1M] = await zoom('history');
  expect(end1M).toBe(end);
  expect(end1M - start1M).toBeGreaterThan(15);
  expect(end1M - start1M).toBeLessThan(25);
  expect(start1M).toBeGreaterThan(start1Y);
  expect(await zoom('vix_history')).toEqual([start1M, end1M]);

  const title = page.locator('#drivers-title');
  const before = await title.textContent();
  const box = await page.locator('[data-panel="history"]').boundingBox();
  await page.mouse.click(box.x + box.width * 0.5, box.y + box.height * 0.5);
  await expect(title).not.toHaveText(before);
  const selected = (await title.textContent()).replace('Drivers of ', '');
  expect(selected).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  await expect(page.locator('#hero-title')).toHaveText(`Selected day, ${selected}`);
  await expect(page.locator('#detectors-title')).toHaveText(`Detector ranking, ${selected}`);

  // The keyboard selects days too: the next day after the clicked one.
  await page.locator('[data-panel="history"]').focus();
  await page.keyboard.press('ArrowRight');
  await expect(title).not.toHaveText(`Drivers of ${selected}`);
  const next = (await title.textContent()).replace('Drivers of ', '');
  expect(next > selected).toBe(true);
  await page.keyboard.press('End');
  await expect(page.locator('#hero-title')).toHaveText(/^Last simulated day, /);
});

test('detector ranking and score distribution name the thresholds in their legends', async ({
  page,
}) => {
  await openDashboard(page);
  for (const panel of ['detectors', 'distribution']) {
    const legend = await page.evaluate(async (name) => {
      const { echarts } = await import('./js/charts.js');
      const option = echarts
        .getInstanceByDom(document.querySelector(`[data-panel="${name}"]`))
        .getOption();
      // No threshold label on the plot (MOD, HIGH and CRIT ran together there).
      const labelled = option.series.flatMap((s) =>
        (s.markLine?.data ?? []).filter((d) => /^(MOD|HIGH|CRIT)/.test(d.name ?? '')),
      );
      return {
        labelled: labelled.length,
        text: option.legend[0].data.map((item) => option.legend[0].formatter(item.name ?? item)),
      };
    }, panel);
    expect(legend, panel).toEqual({
      labelled: 0,
      text: ['MODERATE 0.620', 'HIGH 0.710', 'CRITICAL 0.860'],
    });
  }
});

test('the forward-returns axis names all four levels with their days, 0 for a level without', async ({
  page,
}) => {
  await openDashboard(page);
  const shown = await page.evaluate(async () => {
    const { echarts } = await import('./js/charts.js');
    const axis = echarts
      .getInstanceByDom(document.querySelector('[data-panel="forward_returns"]'))
      .getOption().xAxis[0];
    // interval 0: ECharts hides no label (it hid MODERATE and CRITICAL as overlapping).
    return {
      interval: axis.axisLabel.interval,
      hideOverlap: axis.axisLabel.hideOverlap,
      text: ['NORMAL', 'MODERATE', 'HIGH', 'CRITICAL'].map((l) => axis.axisLabel.formatter(l)),
    };
  });
  expect(shown.interval).toBe(0);
  expect(shown.hideOverlap).toBe(false);
  for (const [k, level] of ['NORMAL', 'MODERATE', 'HIGH', 'CRITICAL'].entries()) {
    expect(shown.text[k]).toMatch(new RegExp(`^${level}\\n\\((1 day|[\\d,]+ days)\\)$`));
  }
  // An Analysis without a HIGH entry (the view leaves it out): HIGH stays, with 0 days.
  const withoutHigh = await page.evaluate(async () => {
    const { palette } = await import('./js/charts.js');
    const { render } = await import('./js/panels/forward_returns.js');
    const levelNames = ['NORMAL', 'MODERATE', 'HIGH', 'CRITICAL'];
    const byLevel = levelNames
      .filter((level) => level !== 'HIGH')
      .map((level) => ({
        level,
        count: 1000,
        mean: 0.5,
        median: 0.4,
        q25: -1,
        q75: 2,
        winRate: 0.6,
      }));
    byLevel[1].count = 1;
    const section = document.querySelector('#panel-forward');
    render(section, { view: { levelNames, forward: { horizon: 10, byLevel } }, colors: palette() });
    const { echarts } = await import('./js/charts.js');
    const axis = echarts
      .getInstanceByDom(section.querySelector('[data-panel="forward_returns"]'))
      .getOption().xAxis[0];
    return levelNames.map((l) => axis.axisLabel.formatter(l));
  });
  expect(withoutHigh).toEqual([
    'NORMAL\n(1,000 days)',
    'MODERATE\n(1 day)',
    'HIGH\n(0 days)',
    'CRITICAL\n(1,000 days)',
  ]);
});

test('tooltips show formatted values', async ({ page }) => {
  await openDashboard(page);
  const box = await page.locator('[data-panel="history"]').boundingBox();
  await page.mouse.move(box.x + box.width * 0.6, box.y + box.height * 0.5);
  const tooltip = page.locator('[data-panel="history"] .tooltip');
  await expect(tooltip).toBeVisible();
  await expect(tooltip).toContainText(/S&P 500: [\d,]+\.\d{2}/);
  await expect(tooltip).toContainText(/Ensemble score: \d\.\d{3}/);
  await expect(tooltip).toContainText(/Level: (NORMAL|MODERATE|HIGH|CRITICAL)/);
});

test('what-if scores a hypothetical day through the worker, on the button and as the reader types', async ({
  page,
}) => {
  await openDashboard(page);
  await expect(page.locator('#whatif-vix')).not.toHaveValue('');
  await page.locator('#whatif-vix').fill('54');
  await page.locator('#whatif-spx').fill('-4.5');
  await page.locator('#whatif-form button[type="submit"]').click();
  const line = page.locator('[data-whatif="score"]');
  await expect(line).toContainText('Score 0.900');
  await expect(line.locator('.level-badge')).toHaveText(levelOf(0.9, FIXTURE_THRESHOLDS));
  await page.locator('#whatif-vix').fill('-3');
  await page.locator('#whatif-form button[type="submit"]').click();
  await expect(page.locator('#whatif-result .error')).toHaveText('Enter a positive VIX close.');
  // Live: typing alone scores, once the reader pauses; the latest value wins.
  await page.locator('#whatif-vix').fill('');
  await page.locator('#whatif-vix').pressSequentially('30', { delay: 20 });
  await expect(line).toContainText('Score 0.500');
  await expect(line.locator('.level-badge')).toHaveText(levelOf(0.5, FIXTURE_THRESHOLDS));
  await page.locator('#whatif-vix').fill('57');
  await expect(line).toContainText('Score 0.950');
  await expect(page.locator('#whatif-result')).not.toHaveClass(/pending/);
});

test('CSV files: a good file is listed, a broken one shows its file and line inline', async ({
  page,
}) => {
  await openDashboard(page);
  const chooser = page.waitForEvent('filechooser');
  await page.locator('#csv-pick').click();
  await (
    await chooser
  ).setFiles([
    {
      name: 'vix_good.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('DATE,OPEN,HIGH,LOW,CLOSE\n01/02/2016,1,2,1,2\n'),
    },
    {
      name: '<b>broken</b>.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('DATE,OPEN,HIGH,LOW,CLOSE\n01/02/2016,1,2,1,2\n01/03/2016,1,2,1,bad\n'),
    },
  ]);
  await expect(page.locator('#csv-results li[data-file="vix_good.csv"]')).toContainText(
    'cboe format, 2 rows',
  );
  const broken = page.locator('#csv-results li.error');
  await expect(broken).toContainText('<b>broken</b>.csv, line 3');
  await expect(broken.locator('b')).toHaveCount(0); // file names are text, never HTML
});

test('the dashboard renders in both themes and at 360 px (screenshots compared)', async ({
  page,
}, testInfo) => {
  // The screenshots go to the test's output folder; UPDATE_SCREENSHOTS=1 also copies them to
  // e2e/screenshots/ (the committed pictures of the fixture dashboard).
  const shots = {};
  const shoot = async (name) => {
    const file = testInfo.outputPath(`${name}.png`);
    shots[name] = await page.screenshot({ path: file, fullPage: true });
    if (process.env.UPDATE_SCREENSHOTS) fs.copyFileSync(file, `screenshots/${name}.png`);
  };
  await page.emulateMedia({ colorScheme: 'light' });
  await openDashboard(page);
  const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const light = await background();
  await shoot('dashboard-fixture-light');
  await page.locator('#theme-toggle').click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  expect(await background()).not.toBe(light);
  await page.waitForTimeout(300);
  await shoot('dashboard-fixture-dark');
  await page.setViewportSize({ width: 360, height: 740 });
  await page.waitForTimeout(300);
  await shoot('dashboard-fixture-dark-360');
  // Three different pictures, each a full page of drawn panels (a blank page is a few KB).
  const sizes = Object.values(shots).map((b) => b.length);
  for (const size of sizes) expect(size).toBeGreaterThan(50_000);
  expect(shots['dashboard-fixture-light'].equals(shots['dashboard-fixture-dark'])).toBe(false);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
});

test('opt-in notification when the level rises to HIGH or above', async ({ page, context }) => {
  await context.grantPermissions(['notifications']);
  await page.addInitScript(() => {
    window.__notifications = [];
    const Original = window.Notification;
    class Recording extends Original {
      constructor(title, options) {
        super(title, options);
        window.__notifications.push({ title, body: options?.body });
      }
    }
    window.Notification = Recording;
  });
  // Thresholds below today's score: today is CRITICAL.
  const low = { moderate: 0.05, high: 0.1, critical: 0.2 };
  await openDashboard(page, low);
  expect(await page.evaluate(() => window.__notifications.length)).toBe(0); // not opted in
  await page.locator('#notify-toggle').check();
  await expect(page.locator('#notify-toggle')).toBeChecked();
  // The choice is stored once the browser has answered the permission request (controls.js):
  // a reload before that would load the page without it.
  await expect.poll(() => page.evaluate(() => localStorage.getItem('vixray-notify'))).toBe('on');
  await page.reload();
  await expect(page.locator('body')).toHaveAttribute('data-ready', 'true');
  await expect(page.locator('#notify-toggle')).toBeChecked();
  await expect
    .poll(() => page.evaluate(() => window.__notifications))
    .toEqual([expect.objectContaining({ title: 'vixray: CRITICAL' })]);
  // Still CRITICAL on the next load: no repeated alert.
  await page.reload();
  await expect(page.locator('body')).toHaveAttribute('data-ready', 'true');
  expect(await page.evaluate(() => window.__notifications.length)).toBe(0);
});

test('with every panel drawn, no horizontal overflow at 360 px wide', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await openDashboard(page);
  const { scrollWidth, clientWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  }));
  expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
});
