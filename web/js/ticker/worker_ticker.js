// The ticker view's side of the worker (worker.js imports it on the first 'ticker' request only):
// the site's ticker models and demo tickers (tickers/index.json), the reader's model bundles and
// bar files, all read, routed, scored and explained by the core (wasm/ticker.mjs TickerSession).
// Requests: {op: 'init' | 'addModel' | 'open' | 'extra' | 'explain' | 'review', ...}.
import { checkBundle } from '../bundle_check.js';
import { fetchFile } from '../host.js';

export const TICKER_INDEX = 'tickers/index.json';

let api = null; // {TickerSession, reviewConvert}
let session = null;
const models = []; // [{market, interval, content_sha256, tickers, source}]
let index = null; // the site's tickers/index.json, once read ({} when absent)

const siteUrl = (path) => new URL(`../../${path}`, import.meta.url).href;

async function fetchText(path, what) {
  let response;
  try {
    response = await fetchFile(siteUrl(path), { cache: 'no-cache' });
  } catch (error) {
    throw new Error(`${what} could not be fetched from ${path}: ${error.message ?? error}`, {
      cause: error,
    });
  }
  if (!response.ok) throw new Error(`${what} at ${path}: HTTP ${response.status}`);
  return response.text();
}

/** A path of the index's entries: a string, or an object's path / file / url. */
const pathOf = (entry) =>
  typeof entry === 'string' ? entry : String(entry?.path ?? entry?.file ?? entry?.url ?? '');

/** Relative to the index's folder unless absolute from the site's root. */
const underIndex = (path) => (path.startsWith('tickers/') ? path : `tickers/${path}`);

async function addModel(vx, text, source) {
  await checkBundle(vx, text, `the ticker model ${source}`);
  const info = session.addModel(text);
  const entry = { ...info, source };
  // The core replaced a model of the same market and interval: so does this list.
  const same = models.findIndex((m) => m.market === info.market && m.interval === info.interval);
  if (same >= 0) models.splice(same, 1);
  models.push(entry);
  return entry;
}

/** The demo tickers the index lists: [{ticker, market, interval, path, simulated}]. */
function demosOf(list) {
  if (!Array.isArray(list)) return [];
  return list
    .map((entry) => ({
      ticker: String(entry?.ticker ?? pathOf(entry)),
      market: entry?.market ? String(entry.market) : null,
      interval: entry?.interval ? String(entry.interval) : null,
      path: underIndex(pathOf(entry)),
      simulated: entry?.simulated !== false,
    }))
    .filter((d) => d.path !== 'tickers/');
}

async function init(vx) {
  if (!api) api = await vx.openTickers();
  if (!session) session = new api.TickerSession();
  const notes = [];
  if (index === null) {
    index = {};
    try {
      const response = await fetchFile(siteUrl(TICKER_INDEX), { cache: 'no-cache' });
      if (response.ok) index = await response.json();
      else notes.push('This site has no demo tickers (tickers/index.json).');
    } catch {
      notes.push('This site has no demo tickers (tickers/index.json).');
    }
    for (const entry of Array.isArray(index.models) ? index.models : []) {
      const path = underIndex(pathOf(entry));
      try {
        await addModel(vx, await fetchText(path, 'the ticker model'), path);
      } catch (error) {
        notes.push(`${path}: ${error.message ?? error}`);
      }
    }
  }
  return { models, demos: demosOf(index.tickers), notes };
}

const handlers = {
  init: (vx) => init(vx),
  async addModel(vx, { name, text }) {
    await init(vx);
    return { model: await addModel(vx, text, name), models };
  },
  async open(vx, { name, text, path, extra }) {
    await init(vx);
    const csv = text ?? (await fetchText(path, name));
    const view = session.open(name, csv, extra ?? []);
    const model = models.find((m) => m.market === view.market && m.interval === view.interval);
    view.model_sha256 = model?.content_sha256 ?? null;
    return { view, transfer: Object.values(view.columns).map((c) => c.buffer) };
  },
  async extra(vx, { extra }) {
    await init(vx);
    return { view: session.setExtraTimes(extra ?? []) };
  },
  async explain(vx, { bar }) {
    await init(vx);
    return { explanation: session.explainBar(bar) };
  },
  async review(vx, { text, format, source }) {
    await init(vx);
    return { text: api.reviewConvert(text, format, source) };
  },
};

// One request at a time, in the order they came: the session holds one open file, which an
// 'explain' or 'extra' request reads, so a slow 'open' (a demo being fetched) must not finish
// after a later one.
let queue = Promise.resolve();

async function answer(vx, request) {
  const handler = Object.hasOwn(handlers, request.op) ? handlers[request.op] : null;
  if (!handler) throw new Error(`unknown ticker request: ${String(request.op)}`);
  const { transfer = [], ...result } = await handler(vx, request);
  return { type: 'ticker', op: request.op, result, transfer };
}

/** Answers one 'ticker' request of worker.js with the loaded core `vx`. */
export function handleTicker(vx, request) {
  const run = queue.then(() => answer(vx, request));
  queue = run.catch(() => {});
  return run;
}
