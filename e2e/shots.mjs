// Screenshots of a built site for reading the page by eye (never asserted): full-page pictures at
// a desktop and a phone width in both themes, and one picture per panel (easier to read than a
// scaled-down full page). Starts its own static server on a free port.
//
//   node shots.mjs <site folder> <output folder> [widths=1440,390] [themes=light,dark]
//
// FIXTURE=1 draws the synthetic Analysis of the tests (fixtures/fake_worker.js) instead of the
// site's data: the page then needs neither data nor the WebAssembly core. SELECT=max selects the
// day of the highest ensemble score first (a stressed day: labels near the axes' ends), SELECT=<n>
// the day of index n.
//
// Writes <output>/<theme>-<width>.png and <output>/<theme>-<width>-<panel id>.png.
import fs from 'node:fs';
import path from 'node:path';
import { launchChromium } from './chromium.mjs';
import { serveOnLocalhost } from './serve.mjs';
import { useFixtureWorker } from './tests/helpers.mjs';

const [folder, out, widthsText = '1440,390', themesText = 'light,dark'] = process.argv.slice(2);
if (!folder || !out) {
  console.error('usage: node shots.mjs <site folder> <output folder> [widths] [themes]');
  process.exit(2);
}
fs.mkdirSync(out, { recursive: true });
const { server, url } = await serveOnLocalhost(folder);
const browser = await launchChromium();
try {
  for (const theme of themesText.split(',')) {
    for (const width of widthsText.split(',').map(Number)) {
      // A fresh context per picture: the theme is the reader's stored choice (web/js/main.js).
      const context = await browser.newContext({ viewport: { width, height: 900 } });
      await context.addInitScript((t) => localStorage.setItem('vixray-theme', t), theme);
      const page = await context.newPage();
      if (process.env.FIXTURE) await useFixtureWorker(page);
      await page.goto(url);
      await page.waitForSelector('body[data-ready="true"]', { timeout: 120_000 });
      if (process.env.SELECT) {
        await page.evaluate(async (which) => {
          const { state, setState } = await import('./js/state.js');
          const scores = state.view.days.score;
          let index = Number(which);
          if (which === 'max') index = scores.indexOf(Math.max(...scores.filter(Number.isFinite)));
          setState({ selectedIndex: index });
        }, process.env.SELECT);
      }
      await page.waitForTimeout(500);
      const name = `${theme}-${width}`;
      await page.screenshot({ path: path.join(out, `${name}.png`), fullPage: true });
      for (const id of await page.$$eval('main > section.panel:not([hidden])', (s) =>
        s.map((x) => x.id),
      )) {
        await page
          .locator(`#${id}`)
          .screenshot({ path: path.join(out, `${name}-${id.replace('panel-', '')}.png`) });
      }
      // Anything wider than its panel (clipped or scrolled): reported, for the reader to check.
      const wide = await page.evaluate(() =>
        [...document.querySelectorAll('main *')]
          .filter((node) => node.scrollWidth > node.clientWidth + 1 && node.clientWidth > 0)
          .map(
            (node) =>
              `${node.tagName.toLowerCase()}.${node.className} ${node.scrollWidth}>${node.clientWidth}`,
          ),
      );
      console.log(
        `${name}: ${wide.length ? `wider than shown: ${wide.join('; ')}` : 'no overflow'}`,
      );
      await context.close();
    }
  }
} finally {
  await browser.close();
  server.close();
}
