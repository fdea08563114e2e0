// The dashboard without data (what `make site` builds before the pipeline is wired): it loads
// cleanly, the WebAssembly core loads in the worker, the missing data is explained on the page,
// and the page-quality requirements hold (CSP, themes, keyboard, 360 px).
import { test, expect } from '@playwright/test';
import { collectErrors } from './helpers.mjs';

test('loads with no console errors, the wasm core reports ready, missing data is explained', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto('./');
  await expect(page.locator('body')).toHaveAttribute('data-wasm', 'ready');
  await expect(page.locator('#status-wasm')).toContainText(/WebAssembly core \S+ ready/);
  const banner = page.locator('#error');
  await expect(banner).toBeVisible();
  await expect(page.locator('#error-title')).toHaveText('Data missing');
  await expect(page.locator('#error-message')).toContainText('data/market.json');
  await expect(page.locator('#status-text')).toHaveText('No data to analyse.');
  expect(errors).toEqual([]);
});

test('has a Content-Security-Policy meta tag allowing self and wasm-unsafe-eval only', async ({ page }) => {
  await page.goto('./');
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(csp).toContain("default-src 'self'");
  expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval'");
  expect(csp).not.toContain("'unsafe-eval'");
  expect(csp).toContain("img-src 'self' data:");
  await expect(page.locator('link[rel="icon"]')).toHaveAttribute('href', 'data:,');
});

test('theme toggle switches the theme and remembers it across reloads', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto('./');
  const html = page.locator('html');
  const toggle = page.locator('#theme-toggle');
  await expect(html).toHaveAttribute('data-theme', 'light');
  const lightBg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  await toggle.click();
  await expect(html).toHaveAttribute('data-theme', 'dark');
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  const darkBg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(darkBg).not.toBe(lightBg);
  await page.reload();
  await expect(html).toHaveAttribute('data-theme', 'dark');
  await page.locator('#theme-toggle').click();
  await expect(html).toHaveAttribute('data-theme', 'light');
});

test('every control is reachable with the keyboard', async ({ page }) => {
  await page.goto('./');
  const wanted = ['notify-toggle', 'theme-toggle', 'whatif-vix', 'whatif-spx', 'csv-pick'];
  const rangeButtons = ['1M', '3M', '6M', '1Y', '5Y', 'ALL'];
  const reached = new Set();
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const a = document.activeElement;
      return a ? { id: a.id, range: a.dataset?.range ?? null } : null;
    });
    if (focused?.id) reached.add(focused.id);
    if (focused?.range) reached.add(`range-${focused.range}`);
  }
  for (const id of wanted) expect(reached, `#${id} reachable by Tab`).toContain(id);
  for (const r of rangeButtons) expect(reached, `range ${r} reachable by Tab`).toContain(`range-${r}`);
  // The drop zone's button opens the file picker from the keyboard.
  await page.locator('#csv-pick').focus();
  const chooser = page.waitForEvent('filechooser');
  await page.keyboard.press('Enter');
  expect((await chooser).isMultiple()).toBe(true);
});

test('no horizontal overflow at 360 px wide', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto('./');
  await expect(page.locator('body')).toHaveAttribute('data-wasm', 'ready');
  const { scrollWidth, clientWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth,
  }));
  expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
});

test('the static server sends module and wasm MIME types and refuses traversal', async ({ request }) => {
  const types = {
    'js/main.js': 'text/javascript', 'wasm/vixray.mjs': 'text/javascript',
    'wasm/vixray_core.wasm': 'application/wasm', 'css/style.css': 'text/css',
    'data/index.json': 'application/json', 'index.html': 'text/html',
  };
  for (const [path, type] of Object.entries(types)) {
    const response = await request.get(path);
    expect(response.status(), path).toBe(200);
    expect(response.headers()['content-type'], path).toContain(type);
  }
  for (const path of ['%2e%2e/package.json', '..%2f..%2fMakefile', '%2e%2e%2f%2e%2e%2fMakefile']) {
    const response = await request.get(path);
    expect([403, 404], path).toContain(response.status());
    expect(await response.text()).not.toContain('devDependencies');
  }
  expect((await request.get('nothing-here.json')).status()).toBe(404);
});
