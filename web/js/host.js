// How the page reaches what lives outside its own code: the worker that hosts the WebAssembly
// core, the core's module, and the data files. The site (ES modules served over HTTP) uses this
// file; the standalone report (one HTML file opened from file://, `make report`) is bundled with
// web/report/host.js in its place, which has the same exports.
import { compileWasm } from './wasm_module.js';

/** The data files can change while the page is open (the page re-fetches them in market hours). */
export const LIVE_DATA = true;

/** The ticker view (web/js/ticker/, its own WebAssembly module) is available on the site. */
export const TICKER_VIEW = true;

/** The worker's name when the page compiles the module and sends it: {type: 'init', module}. */
export const PAGE_COMPILES_WASM = 'vixray:page-compiles-wasm';

/**
 * Starts the worker (worker.js); the page talks to it with postMessage and 'message' events. The
 * page compiles the core's module meanwhile (compileCoreModule) and sends it over.
 */
export function startWorker() {
  return new Worker(new URL('./worker.js', import.meta.url), {
    type: 'module',
    name: PAGE_COMPILES_WASM,
  });
}

/**
 * Starts the second worker (scorer.js) that scores half the detectors for worker.js, or returns
 * null where there is none (the report).
 */
export function startScorer() {
  return new Worker(new URL('./scorer.js', import.meta.url), {
    type: 'module',
    name: 'vixray:scorer',
  });
}

/** Inside worker.js: what it receives requests from and posts answers to. */
export function workerScope() {
  return self;
}

/** Fetches a file of the site (a data file or a manifest); the same contract as fetch(). */
export function fetchFile(url, init) {
  return fetch(url, init);
}

/** The core's compiled WebAssembly.Module (compiled while it downloads). */
export function compileCoreModule() {
  return compileWasm();
}

/**
 * The warm-up model and market (wasm/warmup/, `make site`: tools/warmup_data.py) as bytes,
 * {model, market}, or null when the site has none (core_api.js warmUpCore).
 */
export async function warmUpFiles() {
  const bytes = async (name) => {
    const response = await fetch(new URL(`../wasm/warmup/${name}`, import.meta.url).href);
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    return new Uint8Array(await response.arrayBuffer());
  };
  try {
    const [model, market] = await Promise.all([bytes('model.json'), bytes('market.json')]);
    return { model, market };
  } catch {
    return null;
  }
}

/** Loads the core's JavaScript API (wasm/vixray.mjs); resolves to {createVixray, version}. */
export async function importVixray() {
  // The version manifest downloads beside the module; it is informative only: a missing
  // manifest does not stop the page.
  const version = fetch(new URL('../wasm/package.json', import.meta.url).href)
    .then((response) => (response.ok ? response.json() : {}))
    .then((manifest) => String(manifest.version ?? 'unknown'))
    .catch(() => 'unknown');
  const { createVixray } = await import(new URL('../wasm/vixray.mjs', import.meta.url).href);
  return { createVixray, version: await version };
}
