// Screenshots of the Model health panel (for reading by eye, never asserted): the site's page with
// the fixture analysis (fixtures/fake_worker.js: no data or WebAssembly needed) and the given
// model_health.json (from `vixray export --models`), at a desktop and a phone width.
//
//   node model_health_shots.mjs <site folder> <model_health.json> <output folder> [widths=1440,390]
//
// Writes <output>/model-health-<width>.png.
import fs from 'node:fs';
import path from 'node:path';
import { launchChromium, shootAndReport } from './chromium.mjs';
import { serveOnLocalhost } from './serve.mjs';
import { routeModelHealth } from './tests/helpers.mjs';

const [folder, healthFile, out, widthsText = '1440,390'] = process.argv.slice(2);
if (!folder || !healthFile || !out) {
  console.error('usage: node model_health_shots.mjs <site> <model_health.json> <out> [widths]');
  process.exit(2);
}
const health = fs.readFileSync(healthFile, 'utf8');
fs.mkdirSync(out, { recursive: true });
const { server, url } = await serveOnLocalhost(folder);
const browser = await launchChromium();
try {
  for (const width of widthsText.split(',').map(Number)) {
    const context = await browser.newContext({ viewport: { width, height: 900 } });
    await context.addInitScript(() => localStorage.setItem('vixray-theme', 'light'));
    const page = await context.newPage();
    await routeModelHealth(page, health);
    await page.goto(url);
    await page.waitForSelector('body[data-ready="true"]', { timeout: 120_000 });
    await page.waitForSelector('#panel-model-health:not([hidden])');
    await page.waitForTimeout(500);
    const file = path.join(out, `model-health-${width}.png`);
    await shootAndReport(page, page.locator('#panel-model-health'), file, '#panel-model-health');
    await context.close();
  }
} finally {
  await browser.close();
  server.close();
}
