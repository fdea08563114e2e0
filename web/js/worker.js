// The module Web Worker that hosts the WebAssembly core, so the page stays responsive while the
// full history is scored. Messages in: {type: 'analyze' | 'explain' | 'whatif' | 'scoreCsv', id,
// ...} and 'ticker' (the ticker view: web/js/ticker/worker_ticker.js). Messages out: {type:
// 'ready' | 'progress' | 'analysis' | 'drivers' | 'whatif' | 'csv' | 'ticker' | 'error', id,
// ...}. Every failure comes back as an 'error' message (never an uncaught throw):
// {type: 'error', id, request, kind, message}. CSV files that do not parse are listed in the
// 'csv' answer with their file name, line and message.
import {
  loadCore,
  openSession,
  parsePriceCsv,
  reserveAnalysisHeap,
  reserveOutputMemory,
  warmUpCore,
  CapabilityError,
} from './core_api.js';
import { buffersOf, toAnalysisView } from './analysis_view.js';
import { keep, keptByBuild, readKept, readRecord } from './analysis_cache.js';
import { PAGE_COMPILES_WASM, fetchFile, warmUpFiles, workerScope } from './host.js';

// A real Worker's global scope on the site; the report's in-page stand-in (web/report/host.js).
const scope = workerScope();

let session = null; // the market analysis session (core_api.openSession)
// Memory for the first Analysis's per-day arrays, written to while this worker waits for its
// core and data (later Analyses copy into fresh memory).
let outputMemory = reserveOutputMemory();
// Milestones in ms since the epoch (the page subtracts its own time origin): when the core was
// ready and when the data had arrived, for the page's load timings.
const now = () => performance.timeOrigin + performance.now();
const marks = { workerStartAt: now() };
let warmUp = null; // core_api.js warmUpCore's {rounds, ms}, once it has stopped

// A page that compiles the WebAssembly module itself (while this worker starts) names the worker
// PAGE_COMPILES_WASM and sends {type: 'init', module} (module null: compile it here).
let receiveModule = null;
const pageModule =
  scope.name === PAGE_COMPILES_WASM
    ? new Promise((resolve) => {
        receiveModule = resolve;
      })
    : null;

// The warm-up's model and market download beside the core (core_api.js warmUpCore), and the
// last visit's kept Analysis is read meanwhile (for the first request: later ones read it anew).
const warmUpDownload = warmUpFiles();
let firstRecord = readRecord();
const coreReady = loadCore(pageModule).then(
  (loaded) => {
    marks.coreReadyAt = now();
    scope.postMessage({
      type: 'ready',
      version: loaded.version,
      capabilities: loaded.capabilities,
    });
    // While the data downloads: the heap for the Analysis, then the warm-up (not on a return
    // visit: a state kept by this core needs no forests, and the scorer is told so). The heap
    // first: a bundle read in memory not yet written costs ~15 ms more (bench/RESULTS.md, issue
    // 14 seventh session), and the data often arrives before one warm-up round has ended.
    const waiting = () => !marks.dataAt;
    reserveAnalysisHeap(loaded.vx, waiting)
      .then(() => Promise.all([warmUpDownload, firstRecord]))
      .then(([files, record]) => {
        if (!keptByBuild(record, loaded.vx.buildId?.()))
          return warmUpCore(loaded.vx, files, waiting);
        dismissScorer();
        return null;
      })
      .then((warmed) => {
        warmUp = warmed;
      });
    return loaded;
  },
  (error) => {
    scope.postMessage({
      type: 'error',
      id: null,
      request: 'load',
      kind: 'wasm',
      message: `the WebAssembly core did not load: ${messageOf(error)}`,
    });
    return null;
  },
);

// The second worker (scorer.js), when the page started one: it scores scorerDetectors() of each
// market Analysis while this worker scores the others. Its answers arrive on a MessagePort.
let scorerPort = null;
const scorerRequests = new Map(); // id -> {resolve, reject, timer}
let nextScorerId = 1;
// A scorer that has not answered by then is given up on: this worker scores its detectors too.
const SCORER_TIMEOUT_MS = 10000;

function connectScorer(port) {
  scorerPort = port;
  port.onmessage = ({ data }) => {
    const entry = scorerRequests.get(data?.id);
    if (!entry) return;
    scorerRequests.delete(data.id);
    clearTimeout(entry.timer);
    if (data.type === 'scores') entry.resolve(data.result);
    else entry.reject(new Error(String(data.message ?? 'the scorer worker failed')));
  };
}

/** Tells the scorer that it will not be asked for the first Analysis: it stops its warm-up. */
function dismissScorer() {
  scorerPort?.postMessage({ type: 'dismiss' });
}

function loseScorer() {
  scorerPort = null;
  for (const { reject, timer } of scorerRequests.values()) {
    clearTimeout(timer);
    reject(new Error('the scorer worker stopped'));
  }
  scorerRequests.clear();
}

/** Sends the data to the scorer; a promise of its scores, or null when there is no scorer. */
function askScorer(bundle, market) {
  if (!scorerPort) return null;
  const id = nextScorerId++;
  const scores = new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      scorerRequests.delete(id);
      reject(new Error('the scorer worker did not answer'));
    }, SCORER_TIMEOUT_MS);
    scorerRequests.set(id, { resolve, reject, timer });
  });
  scores.catch(() => {}); // a failed scorer only means this worker scores every detector
  scorerPort.postMessage({ id, bundle, market }); // copies: both workers read the same bytes
  return scores;
}

function messageOf(error) {
  if (error instanceof Error) return error.message;
  return String(error);
}

/** A missing data file is an expected state of a site built without data, not a crash. */
class MissingDataError extends Error {}

async function fetchBytes(url, what, post) {
  post({ type: 'progress', stage: 'fetch', message: `fetching ${what}` });
  let response;
  try {
    response = await fetchFile(url, { cache: 'no-cache' });
  } catch (error) {
    throw new Error(`${what} could not be fetched from ${url}: ${messageOf(error)}`, {
      cause: error,
    });
  }
  if (response.status === 404) throw new MissingDataError(`${what} was not found at ${url}`);
  if (!response.ok) throw new Error(`${what} at ${url}: HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

/** The bytes of a file the page already downloaded, or of its URL. */
async function dataBytes(bytes, url, what, post) {
  if (bytes instanceof ArrayBuffer) return new Uint8Array(bytes);
  return fetchBytes(url, what, post);
}

const handlers = {
  async analyze({ marketUrl, bundleUrl, marketBytes, bundleBytes }, post) {
    // The data downloads (unless the page sent it) while the WebAssembly core may still be
    // compiling.
    const texts = Promise.all([
      dataBytes(marketBytes, marketUrl, 'the market data (market.json)', post),
      dataBytes(bundleBytes, bundleUrl, 'the model bundle', post),
    ]);
    texts.then(
      () => {
        marks.dataAt = now();
      },
      () => {},
    ); // (also: no unhandled rejection while the core loads)
    const [market, bundle] = await texts;
    // The last visit's Analysis (analysis_cache.js): when one is kept, the scorer is asked only
    // if it cannot be used (another core or bundle), since a kept one needs no forests.
    const kept = await readKept(market, firstRecord);
    firstRecord = null;
    const early = kept.kept ? null : askScorer(bundle, market);
    if (kept.kept) dismissScorer();
    const remoteScores = () => early ?? askScorer(bundle, market);
    const loaded = await coreReady;
    if (!loaded) throw new Error('the WebAssembly core is not loaded');
    post({ type: 'progress', stage: 'compute', message: 'computing the analysis' });
    const started = performance.now();
    const output = outputMemory?.take() ?? null;
    outputMemory = null;
    const next = await openSession(loaded.vx, bundle, market, { remoteScores, kept, output });
    const elapsedMs = performance.now() - started;
    session?.close();
    session = next;
    // Kept after this answer is posted (off the critical path); its failure only means the next
    // visit computes.
    setTimeout(() => {
      try {
        const record = next.stateToKeep();
        if (record) keep(record);
      } catch {
        // the core could not write the state: nothing kept
      }
    }, 0);
    // The AnalysisView is built here, off the page's main thread, over the core's arrays, which
    // are transferred (not copied) to the page.
    const converted = performance.now();
    const view = toAnalysisView(next.analysis);
    const viewMs = performance.now() - converted;
    return {
      type: 'analysis',
      view,
      elapsedMs,
      analyzeMs: next.analyzeMs,
      from: next.from,
      timings: next.timings,
      viewMs,
      warmUp,
      marks: { ...marks },
      sentAt: now(),
      bytes: { market: market.length, bundle: bundle.length },
      transfer: buffersOf(view),
    };
  },

  async explain({ index }) {
    if (!session) throw new Error('no analysis is loaded to explain');
    if (!session.explain) throw new CapabilityError('this WebAssembly build cannot explain a day');
    return { type: 'drivers', drivers: { index, ...session.explain(index) } };
  },

  async whatif({ vixClose, spxReturnPct }) {
    if (!session) throw new Error('load the market analysis before a what-if');
    if (!session.whatIf) throw new CapabilityError('this WebAssembly build has no what-if scoring');
    if (!(vixClose > 0))
      throw new RangeError(`VIX close must be a positive number, got ${vixClose}`);
    if (!(spxReturnPct > -100)) {
      throw new RangeError(`S&P 500 return must be above -100%, got ${spxReturnPct}`);
    }
    return { type: 'whatif', result: session.whatIf(vixClose, spxReturnPct) };
  },

  // The ticker view (web/js/ticker/): its code loads with the first request, never before.
  async ticker(request) {
    const loaded = await coreReady;
    if (!loaded) throw new Error('the WebAssembly core is not loaded');
    const { handleTicker } = await import('./ticker/worker_ticker.js');
    return handleTicker(loaded.vx, request);
  },

  async scoreCsv({ files }) {
    const loaded = await coreReady;
    if (!loaded) throw new Error('the WebAssembly core is not loaded');
    const parsed = [];
    for (const file of files) {
      try {
        const series = parsePriceCsv(loaded.vx, file.text, file.name);
        const dates = series.dates ?? []; // ISO, formatted by the core
        parsed.push({
          name: file.name,
          ok: true,
          format: series.format,
          rows: dates.length,
          first: dates.length ? dates[0] : null,
          last: dates.length ? dates[dates.length - 1] : null,
          text: file.text,
        });
      } catch (error) {
        const message = messageOf(error);
        const line = /:(\d+)(?::|\b)/.exec(
          message.startsWith(file.name) ? message.slice(file.name.length) : message,
        );
        parsed.push({ name: file.name, ok: false, message, line: line ? Number(line[1]) : null });
      }
    }
    const summary = parsed.map(({ text, ...rest }) => rest);
    const good = parsed.filter((p) => p.ok);
    if (good.length === 0) return { type: 'csv', files: summary, view: null };
    if (!session?.analyzeSeries) {
      return {
        type: 'csv',
        files: summary,
        view: null,
        note: 'files read; scoring them needs the market analysis loaded first',
      };
    }
    let view, partial;
    try {
      const analysis = session.analyzeSeries(good.map((p) => ({ name: p.name, text: p.text })));
      view = toAnalysisView(analysis);
      // A partial last day (a series or field the model reads is missing): the core's sentence
      // naming the detectors that scored and the series that would add the rest.
      partial = analysis.summary?.today?.partial ?? null;
    } catch (error) {
      // The files were read but cannot be scored together (e.g. no S&P 500 file, or a series the
      // model reads is missing): listed with the core's reason, not a failed request.
      return { type: 'csv', files: summary, view: null, note: `Not scored: ${messageOf(error)}` };
    }
    const note = partial ? `Latest day: ${partial.text}` : undefined;
    return { type: 'csv', files: summary, view, note, transfer: buffersOf(view) };
  },
};

scope.addEventListener('message', async (event) => {
  const request = event.data ?? {};
  const { type, id } = request;
  if (type === 'init') {
    receiveModule?.(request.module ?? null);
    if (request.scorer) connectScorer(request.scorer);
    return;
  }
  if (type === 'scorer-lost') {
    loseScorer();
    return;
  }
  const post = ({ transfer = [], ...message }) =>
    scope.postMessage({ id, request: type, ...message }, transfer);
  const handler = Object.hasOwn(handlers, type) ? handlers[type] : null;
  if (!handler) {
    post({ type: 'error', kind: 'protocol', message: `unknown request type: ${String(type)}` });
    return;
  }
  try {
    post(await handler(request, post));
  } catch (error) {
    const kind =
      error instanceof MissingDataError
        ? 'missing-data'
        : error instanceof CapabilityError
          ? 'capability'
          : 'core';
    post({ type: 'error', kind, message: messageOf(error) });
  }
});
