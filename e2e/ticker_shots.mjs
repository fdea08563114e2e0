// Screenshots of the ticker view for reading it by eye (never asserted), at a desktop and a phone
// width: e2e/screenshots/ticker-<width>.png. The view shows a demo ticker of the site
// (tickers/index.json: DEMO names which, default the first) or, given files, those files (a
// ticker model bundle and a bar CSV, as a reader drops them). The last flagged bar is explained.
//
//   node ticker_shots.mjs <site folder> <output folder> [model.json bars.csv ...]
//   DEMO=<ticker> WIDTHS=1440,390 THEME=light
import fs from 'node:fs';
import path from 'node:path';
import { launchChromium, shootAndReport } from './chromium.mjs';
import { serveOnLocalhost } from './serve.mjs';

const [folder, out, ...files] = process.argv.slice(2);
if (!folder || !out) {
  console.error('usage: node ticker_shots.mjs <site folder> <output folder> [files...]');
  process.exit(2);
}
fs.mkdirSync(out, { recursive: true });
const { server, url } = await serveOnLocalhost(folder);
const browser = await launchChromium();
try {
  for (const width of (process.env.WIDTHS ?? '1440,390').split(',').map(Number)) {
    const context = await browser.newContext({ viewport: { width, height: 900 } });
    const theme = process.env.THEME ?? 'light';
    await context.addInitScript((t) => localStorage.setItem('vixray-theme', t), theme);
    const page = await context.newPage();
    page.on('console', (m) => m.type() === 'error' && console.log(`console: ${m.text()}`));
    await page.goto(url);
    await page.locator('#ticker-open').click();
    await page.waitForSelector('#ticker-view[data-ready="true"]');
    if (files.length) {
      await page.locator('#ticker-input').setInputFiles(files.map((f) => path.resolve(f)));
    } else {
      const options = await page.$$eval('#ticker-demo option', (list) =>
        list.map((o) => [o.value, o.textContent]).filter(([v]) => v),
      );
      const wanted = process.env.DEMO;
      const value = (options.find(([, t]) => wanted && t.startsWith(`${wanted} `)) ??
        options[0])?.[0];
      if (!value) throw new Error('the site lists no demo ticker (tickers/index.json)');
      await page.locator('#ticker-demo').selectOption(value);
    }
    await page.waitForSelector('#ticker-view[data-ticker]', { timeout: 60_000 });
    await page.waitForSelector('#ticker-explain[data-bar]', { timeout: 30_000 }).catch(() => {});
    await page.waitForTimeout(600);
    const file = path.join(out, `ticker-${width}.png`);
    await shootAndReport(page, page, file, '#ticker-root', { fullPage: true });
    await context.close();
  }
} finally {
  await browser.close();
  server.close();
}
