// The standalone report's stand-in for web/js/host.js, bundled in its place by
// e2e/build_report.mjs (same exports). The report is one HTML file opened from file://, where
// a Worker cannot start from a file, fetch() cannot read files and ES modules do not load, so:
// - worker.js runs on the page's main thread and talks to main.js through a MessageChannel: the
//   same message interface as a real Worker (asynchronous, structured clone, transfer lists);
// - the core is the classic single-file build (vixray_core_standalone.js, the .wasm inlined),
//   run by an earlier <script> that defines createVixrayCore;
// - files are read from <script type="application/json" data-file="data/market.json"> blocks.
import { createVixray } from '../../wasm/vixray.mjs';
import manifest from '../../wasm/package.json';

/** The data is what was inlined when the report was built: nothing to re-fetch. */
export const LIVE_DATA = false;

/** The report holds the market view only: no ticker view, whose module it does not inline. */
export const TICKER_VIEW = false;

/** Unused here (the core's module is inlined in its classic build); the same export as the site. */
export const PAGE_COMPILES_WASM = 'vixray:page-compiles-wasm';

const channel = new MessageChannel();

/** The page's end of the channel, in place of a Worker. */
export function startWorker() {
  channel.port1.start();
  return channel.port1;
}

/** No second worker: worker.js scores every detector itself, on the page's main thread. */
export function startScorer() {
  return null;
}

/** worker.js's end of the channel, in place of the worker's global scope. */
export function workerScope() {
  channel.port2.start();
  return channel.port2;
}

/** The file's path relative to the report (e.g. 'data/market.json'); null when outside it. */
function reportPath(url) {
  const folder = new URL('.', document.baseURI).href;
  const href = new URL(String(url), document.baseURI).href;
  return href.startsWith(folder) ? decodeURIComponent(href.slice(folder.length)) : null;
}

/** None in the report: its core runs on the page's own thread, where a warm-up would only wait. */
export async function warmUpFiles() {
  return null;
}

/** Answers like fetch(): 200 with the inlined file, 404 when the report does not hold it. */
export async function fetchFile(url) {
  const path = reportPath(url);
  const block = Array.from(
    document.querySelectorAll('script[type="application/json"][data-file]'),
  ).find((b) => b.dataset.file === path);
  if (!block) {
    return new Response(`${url} is not inlined in this report`, {
      status: 404,
      statusText: 'Not Found',
    });
  }
  return new Response(block.textContent, {
    status: 200,
    headers: { 'Content-Type': 'application/json' },
  });
}

/** No separate .wasm to compile: the classic build instantiates its inlined module itself. */
export async function compileCoreModule() {
  return null;
}

/** The core's JavaScript API (wasm/vixray.mjs, bundled over the classic build). */
export async function importVixray() {
  return { createVixray, version: String(manifest.version ?? 'unknown') };
}
