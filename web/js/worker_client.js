// The page's side of the worker protocol (web/js/worker.js), importing only the small host.js so
// that it can start the worker, the WebAssembly compile and the first analysis request while the dashboard's
// own modules (ECharts, the panels) are still downloading: index.html loads it first as an async
// module, and it starts them when it is evaluated. main.js imports the same module instance and
// reads the early request with takeFirstAnalysis().

import {
  compileCoreModule,
  fetchFile,
  startScorer,
  startWorker as startCoreWorker,
} from './host.js';

// The site's data folder: data/index.json lists its files (written by `make site`), so the page
// asks only for files that exist (a 404 would be a console error).
export const DATA_INDEX = 'data/index.json';
export const MARKET_FILE = 'market.json';
export const BUNDLE_FILE = 'model.json';

let worker = null;
let nextId = 1;
const pending = new Map();
// Messages not tied to a request ('ready', load failures) wait here until main.js listens.
const unclaimed = [];
let onUnclaimed = null;

function dispatch(message) {
  if (onUnclaimed) onUnclaimed(message);
  else unclaimed.push(message);
}

function onWorkerMessage(message) {
  const entry = pending.get(message.id);
  if (message.type === 'ready' || (message.type === 'error' && !entry)) {
    dispatch(message);
    return;
  }
  if (message.type === 'progress') {
    if (entry) entry.lastProgress = message;
    entry?.onProgress?.(message);
    return;
  }
  if (!entry) return;
  pending.delete(message.id);
  if (message.type === 'error') entry.reject(message);
  else entry.resolve({ ...message, receivedAt: performance.timeOrigin + performance.now() });
}

/** Starts the worker once; returns an error message when it cannot start, else null. */
export function startWorker() {
  if (worker) return null;
  try {
    worker = startCoreWorker();
  } catch (error) {
    return String(error?.message ?? error);
  }
  // The second worker scores half the detectors for the first (scorer.js); without it the first
  // scores them all.
  let scorer = null;
  try {
    scorer = startScorer();
  } catch {
    scorer = null;
  }
  // The module compiles (off the main thread) while the worker threads and their scripts start;
  // a failure here lets the workers try themselves (and the first report the error). Both get
  // the same module, so V8's optimised code for it is shared.
  compileCoreModule()
    .then(
      (module) => module,
      () => null,
    )
    .then((module) => {
      if (!scorer) {
        // none, or it failed to start before this
        worker.postMessage({ type: 'init', module });
        return;
      }
      const channel = new MessageChannel();
      worker.postMessage({ type: 'init', module, scorer: channel.port1 }, [channel.port1]);
      scorer.postMessage({ type: 'init', module, port: channel.port2 }, [channel.port2]);
    });
  scorer?.addEventListener('error', (event) => {
    // The first worker then scores every detector itself; nothing for the reader to see.
    event.preventDefault();
    scorer = null;
    worker.postMessage({ type: 'scorer-lost' });
  });
  worker.addEventListener('message', (event) => onWorkerMessage(event.data ?? {}));
  worker.addEventListener('error', (event) => {
    event.preventDefault();
    const message = event.message || 'the worker script failed to load';
    for (const { reject } of pending.values()) reject({ kind: 'worker', message });
    pending.clear();
    dispatch({ type: 'worker-error', message });
  });
  return null;
}

/**
 * Receives the worker's messages that answer no request: {type: 'ready', ...}, {type: 'error'}
 * (the core failed to load) and {type: 'worker-error', message}; earlier ones are replayed.
 */
export function listenToWorker(handler) {
  onUnclaimed = handler;
  for (const message of unclaimed.splice(0)) handler(message);
}

/**
 * Sends a request to the worker; resolves with its answer (plus receivedAt, ms since the epoch),
 * rejects with its error message. `onProgress` may be replaced later through the returned
 * promise's setProgress(handler), which is called at once with the last progress message.
 */
export function request(type, payload = {}, onProgress = null, transfer = []) {
  if (!worker) return Promise.reject({ kind: 'worker', message: 'the worker is not running' });
  const id = nextId++;
  const entry = { onProgress };
  const promise = new Promise((resolve, reject) => {
    Object.assign(entry, { resolve, reject });
    pending.set(id, entry);
    worker.postMessage({ type, id, ...payload }, transfer);
  });
  promise.setProgress = (handler) => {
    entry.onProgress = handler;
    if (entry.lastProgress) handler(entry.lastProgress);
  };
  return promise;
}

/** The files data/index.json lists ([] when it is absent or unreadable). */
export async function dataFiles() {
  try {
    // At high priority, as the data below: the page's own modules load at low priority meanwhile.
    const response = await fetchFile(DATA_INDEX, { cache: 'no-cache', priority: 'high' });
    if (!response.ok) return [];
    const index = await response.json();
    return Array.isArray(index.files) ? index.files.map(String) : [];
  } catch {
    return [];
  }
}

/**
 * Asks for the analysis of the site's data: {missing: [file names]} when the index lacks them,
 * else {answer: Promise of the worker's answer} (progress through answer.setProgress).
 */
export async function requestAnalysis() {
  const files = await dataFiles();
  const missing = [MARKET_FILE, BUNDLE_FILE].filter((f) => !files.includes(f));
  if (missing.length) return { missing };
  const marketUrl = new URL(`data/${MARKET_FILE}`, document.baseURI).href;
  const bundleUrl = new URL(`data/${BUNDLE_FILE}`, document.baseURI).href;
  // Downloaded here, while the worker starts, and handed over without a copy; when a download
  // fails the worker fetches the file itself and reports what went wrong.
  const bytes = (url) =>
    fetchFile(url, { cache: 'no-cache', priority: 'high' }).then(
      (response) => (response.ok ? response.arrayBuffer() : null),
      () => null,
    );
  const [marketBytes, bundleBytes] = await Promise.all([bytes(marketUrl), bytes(bundleUrl)]);
  const answer = request(
    'analyze',
    { marketUrl, bundleUrl, marketBytes, bundleBytes },
    null,
    [marketBytes, bundleBytes].filter(Boolean),
  );
  answer.catch(() => {}); // handled by whoever takes it; avoids an unhandled rejection meanwhile
  return { answer };
}

let started = false;
let first = null;
/** When the worker was started, ms since navigation start (a load timing). */
export let startedAt = NaN;

/** Starts the worker and the first analysis request, once (at evaluation, see the end). */
export function startEarly() {
  if (started) return;
  started = true;
  startedAt = performance.now();
  const error = startWorker();
  first = error ? Promise.resolve({ workerError: error }) : requestAnalysis();
}

/** The first analysis request started by startEarly() (once; afterwards null). */
export function takeFirstAnalysis() {
  const taken = first;
  first = null;
  return taken;
}

startEarly();
