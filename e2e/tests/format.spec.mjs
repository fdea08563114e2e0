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
