// The page's formatting helpers (web/js/format.js), evaluated in the page as the panels use them.
import { test, expect } from '@playwright/test';
import { useFixtureWorker } from './helpers.mjs';

test('ordinal() writes English ordinals (92nd, not 92th)', async ({ page }) => {
  await useFixtureWorker(page);
  await page.goto('./');
  const cases = [
    [0, '0th'],
    [1, '1st'],
    [2, '2nd'],
    [3, '3rd'],
    [4, '4th'],
    [10, '10th'],
    [11, '11th'],
    [12, '12th'],
    [13, '13th'],
    [14, '14th'],
    [21, '21st'],
    [22, '22nd'],
    [23, '23rd'],
    [85, '85th'],
    [92, '92nd'],
    [98, '98th'],
    [100, '100th'],
    [101, '101st'],
    [102, '102nd'],
    [103, '103rd'],
    [111, '111th'],
    [112, '112th'],
    [113, '113th'],
    [1002, '1,002nd'],
    [1011, '1,011th'],
    // Rounded to a whole number, as the thresholds table showed the percentiles before.
    [91.6, '92nd'],
    [97.5, '98th'],
    [-1, '-1st'],
    [NaN, '–'],
    [null, '–'],
    [undefined, '–'],
  ];
  const got = await page.evaluate(
    async (inputs) => {
      const { ordinal } = await import('./js/format.js');
      return inputs.map((x) => ordinal(x));
    },
    cases.map(([x]) => x),
  );
  expect(got).toEqual(cases.map(([, text]) => text));
});

// The history chart colours the score by the core's level of each day (web/js/panels/history.js
// scoreByLevel): every scored day appears in its own level's series, and each segment between two
// scored days is drawn by the series of the day it reaches, so the line has no gap.
test('the score line is split by the core level column, without gaps', async ({ page }) => {
  await useFixtureWorker(page);
  await page.goto('./');
  const view = {
    n: 7,
    days: {
      score: Float64Array.from([NaN, 0.5, 0.75, 0.82, 0.9, 0.6, 0.61]),
      level: Int8Array.from([-1, 0, 1, 2, 3, 0, 0]),
    },
  };
  const series = await page.evaluate(
    async ({ n, days }) => {
      const { scoreByLevel } = await import('./js/panels/history.js');
      return scoreByLevel({
        n,
        days: { score: Float64Array.from(days.score), level: Int8Array.from(days.level) },
      });
    },
    {
      n: view.n,
      days: { score: Array.from(view.days.score), level: Array.from(view.days.level) },
    },
  );
  // Level of each day: its score is in that series.
  for (let t = 1; t < view.n; t++) expect(series[view.days.level[t]][t]).toBe(view.days.score[t]);
  // A segment t-1 -> t is drawn by the series of day t: both ends present there.
  for (let t = 2; t < view.n; t++) {
    const s = series[view.days.level[t]];
    expect(s[t - 1]).not.toBeNull();
    expect(s[t]).not.toBeNull();
  }
  // The unscored first day is in no series.
  expect(series.every((s) => s[0] === null)).toBe(true);
});
