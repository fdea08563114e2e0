// The return visit (web/js/analysis_cache.js): the first visit keeps its Analysis state in
// IndexedDB; a second visit in the same browser context is served from it with the same figures,
// and a market.json with one more day (routed here) is served as "appended": only the new day
// scored, with the figures of a full Analysis of that market (computed by the core under Node).
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { test, expect } from '@playwright/test';
import { collectErrors, expectNativeFigures, siteHasData } from './helpers.mjs';
import { loadVixray } from '../../wasm/test/load.mjs';
import { withOneMoreDay } from '../one_more_day.mjs';

test.skip(
  !siteHasData() && !process.env.E2E_EXPECTED,
  'the site has no data/market.json + data/model.json',
);

const site = (name) =>
  fs.readFileSync(fileURLToPath(new URL(`../../build/site/data/${name}`, import.meta.url)), 'utf8');

async function visit(page) {
  await page.goto('./');
  await expect(page.locator('body')).toHaveAttribute('data-ready', 'true', { timeout: 20_000 });
  await expect(page.locator('#error')).toBeHidden();
  return page.locator('body').getAttribute('data-analysis-from');
}

/** Waits until the worker has kept a state (it does so after posting the Analysis). */
async function waitForKeptState(page) {
  await expect
    .poll(
      () =>
        page.evaluate(
          () =>
            new Promise((resolve) => {
              const open = indexedDB.open('vixray', 1);
              open.onupgradeneeded = () => open.result.createObjectStore('analysis-state');
              open.onsuccess = () => {
                const get = open.result
                  .transaction('analysis-state')
                  .objectStore('analysis-state')
                  .get('last');
                get.onsuccess = () => {
                  open.result.close();
                  resolve(get.result?.market ?? null);
                };
                get.onerror = () => resolve(null);
              };
              open.onerror = () => resolve(null);
            }),
        ),
      { timeout: 10_000 },
    )
    .not.toBeNull();
}

test('a return visit is served from the cache; a market with one more day scores only that day', async ({
  page,
}) => {
  const errors = collectErrors(page);
  expect(await visit(page)).toBe('computed');
  await waitForKeptState(page);

  // The second visit in the same context: restored, the same figures as the native CLI's.
  expect(await visit(page)).toBe('cache');
  await expect(page.locator('#status-text')).toContainText("restored from this browser's cache");
  if (process.env.E2E_EXPECTED)
    await expectNativeFigures(page, JSON.parse(fs.readFileSync(process.env.E2E_EXPECTED, 'utf8')));

  // market.json gains a day: the kept state is extended by it.
  const longer = withOneMoreDay(site('market.json'), 1.3);
  await page
    .context()
    .route(/\/data\/market\.json$/, (route) =>
      route.fulfill({ status: 200, contentType: 'application/json', body: longer }),
    );
  expect(await visit(page)).toBe('appended');
  await expect(page.locator('#status-text')).toContainText('the new days scored');
  // The core's full build (its JSON Analysis, as the native CLI writes it), from make wasm.
  const vx = await loadVixray(fileURLToPath(new URL('../../build/wasm/dist', import.meta.url)));
  const model = vx.EnsembleModel.fromJSON(site('model.json'));
  try {
    await expectNativeFigures(page, model.analyzeMarket(longer));
  } finally {
    model.delete();
  }
  expect(errors).toEqual([]);
});
