// How the page reaches what lives outside its own code: the worker that hosts the WebAssembly
// core, the core's module, and the data files. The site (ES modules served over HTTP) uses this
// file; the standalone report (one HTML file opened from file://, `make report`) is bundled with
// web/report/host.js in its place, which has the same exports.

/** The data files can change while the page is open (the page re-fetches them in market hours). */
export const LIVE_DATA = true;

/** Starts the worker (worker.js); the page talks to it with postMessage and 'message' events. */
export function startWorker() {
  return new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
}

/** Inside worker.js: what it receives requests from and posts answers to. */
export function workerScope() {
  return self;
}

/** Fetches a file of the site (a data file or a manifest); the same contract as fetch(). */
export function fetchFile(url, init) {
  return fetch(url, init);
}

/** Loads the core's JavaScript API (wasm/vixray.mjs); resolves to {createVixray, version}. */
export async function importVixray() {
  const { createVixray } = await import(new URL('../wasm/vixray.mjs', import.meta.url).href);
  let version = 'unknown';
  try {
    const response = await fetch(new URL('../wasm/package.json', import.meta.url).href);
    if (response.ok) version = String((await response.json()).version ?? 'unknown');
  } catch {
    // The version is informative only: a missing manifest does not stop the page.
  }
  return { createVixray, version };
}
