// Measures the dashboard's load in headless system Chromium (reported, never asserted): loads a
// built site a few times, each in a fresh browser context (empty cache), and prints the median
// and range of the page's own timings (data-* attributes of <body>, set by web/js/main.js) and
// of "load to first chart", taken from navigation start (performance.now() when the history
// chart is first drawn, so HTML, module and wasm downloads count).
//
//   node perf.mjs <site folder> [runs=7] [port=0] [visit=first|reload|appended]
//
// PERF_SAMPLES=<file> also appends every load's timings to <file>, one JSON object a line (with
// the site folder), so that interleaved runs of several sites can be pooled.
//
// visit=reload times a reload in the same browser context (a reader pressing F5, or returning):
// each context loads the page, waits 3 s (PERF_RELOAD_WAIT_MS), and the second load is timed. Chromium then reuses,
// from memory, the WebAssembly module it compiled and optimised the first time, and the page
// restores the Analysis it kept in IndexedDB (web/js/analysis_cache.js; data-analysis-from says
// "cache"). (A browser restarted on the same profile was measured too, 4 runs: no gain over a
// first visit for the module.) visit=appended is the same with market.json served with one more
// day on the second load (the market-hours refresh after a close): the kept Analysis is
// extended by that day ("appended").
import fs from 'node:fs';
import path from 'node:path';
import { launchChromium } from './chromium.mjs';
import { serveOnLocalhost } from './serve.mjs';
import { withOneMoreDay } from './one_more_day.mjs';

const [folder, runsText = '7', portText = '0', visit = 'first'] = process.argv.slice(2);
if (!folder) {
  console.error(
    'usage: node perf.mjs <site folder> [runs=7] [port=0] [visit=first|reload|appended]',
  );
  process.exit(2);
}
const runs = Number(runsText);
const { server, url } = await serveOnLocalhost(folder, Number(portText));

const browser = await launchChromium();

const longerMarket =
  visit === 'appended'
    ? withOneMoreDay(fs.readFileSync(path.join(folder, 'data', 'market.json'), 'utf8'))
    : null;

// Records performance.now() (ms since navigation start) when main.js marks the first chart.
const observeFirstChart = () => {
  new MutationObserver((records, observer) => {
    if (document.body?.dataset.firstChartMs && !window.firstChartNavMs) {
      window.firstChartNavMs = performance.now();
      observer.disconnect();
    }
  }).observe(document, {
    attributes: true,
    subtree: true,
    attributeFilter: ['data-first-chart-ms'],
  });
};

const samples = [];
try {
  for (let run = 0; run < runs; run++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.addInitScript(observeFirstChart);
    const errors = [];
    page.on('pageerror', (error) => errors.push(error.message));
    if (visit === 'reload' || visit === 'appended') {
      await page.goto(url);
      await page.waitForSelector('body[data-ready="true"]', { timeout: 60_000 });
      // The optimising compiles finish in the background, and the Analysis state is kept.
      // PERF_RELOAD_WAIT_MS: a longer stay (V8 writes the module's code cache only once no new
      // optimised code was compiled for 2 s; bench/RESULTS.md, "the first call's tier").
      await page.waitForTimeout(Number(process.env.PERF_RELOAD_WAIT_MS ?? 3_000));
    }
    if (longerMarket) {
      await context.route(/\/data\/market\.json$/, (route) =>
        route.fulfill({ status: 200, contentType: 'application/json', body: longerMarket }),
      );
    }
    await page.goto(url);
    await page.waitForSelector('body[data-ready="true"]', { timeout: 60_000 });
    const sample = await page.evaluate(() => ({
      ...Object.fromEntries(Object.entries(document.body.dataset).map(([k, v]) => [k, Number(v)])),
      firstChartNavMs: window.firstChartNavMs,
      fromCache: { cache: 1, appended: 2 }[document.body.dataset.analysisFrom] ?? 0,
      days: Number(
        document
          .getElementById('status-text')
          .textContent.match(/of ([\d,]+) days/)?.[1]
          .replace(/,/g, ''),
      ),
    }));
    if (errors.length) throw new Error(`page errors: ${errors.join('; ')}`);
    samples.push(sample);
    await context.close();
  }
} finally {
  await browser.close();
  server.close();
}

if (process.env.PERF_SAMPLES) {
  fs.appendFileSync(
    process.env.PERF_SAMPLES,
    samples.map((sample) => `${JSON.stringify({ site: folder, visit, ...sample })}\n`).join(''),
  );
}

const keys = [...new Set(samples.flatMap((s) => Object.keys(s)))].filter((k) =>
  samples.every((s) => Number.isFinite(s[k])),
);
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
console.log(
  `${folder}: ${samples[0]?.days} days, ${runs} loads (fresh context each` +
    `${visit === 'first' ? '' : `, timed: a reload in the same context${longerMarket ? ' with one more day' : ''}`})`,
);
for (const k of keys) {
  const values = samples.map((s) => s[k]);
  console.log(
    `  ${k.padEnd(18)} median ${median(values).toFixed(1).padStart(8)}  ` +
      `min ${Math.min(...values)
        .toFixed(1)
        .padStart(8)}  max ${Math.max(...values)
        .toFixed(1)
        .padStart(8)}`,
  );
}
