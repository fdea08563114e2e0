// The ticker view's face of the core (issue 12): TickerSession (per-market ticker models, one bar
// file read, routed, scored and matched by the core) and the review statuses' CSV / JSON forms.
// They live in a WebAssembly module of their own (vixray_ticker.mjs/.wasm, the same core sources
// and flags as vixray_core), loaded only when asked for (vixray.mjs openTickers(): a dynamic
// import), so a page that never opens the ticker view downloads neither this file nor the module.
import { guardCore } from './guard_core.mjs';

const VIEW_COLUMNS = [
  'time',
  'open',
  'high',
  'low',
  'close',
  'volume',
  'score',
  'raw',
  'flagged',
  'vwap',
  'bb_mid',
  'bb_upper',
  'bb_lower',
];

/**
 * Loads the ticker module; resolves to {TickerSession, reviewConvert, core} (core: the raw
 * Embind module). `options` go to
 * Emscripten's factory (e.g. {wasmBinary} under Node); `CoreHandle` is vixray.mjs's base class.
 */
export async function tickerApi({ CoreHandle, options = {} }) {
  const { default: createTickerCore } = await import('./vixray_ticker.mjs');
  const core = guardCore(await createTickerCore(options));
  const texts = (list, what) => {
    if (list === undefined || list === null) return [];
    if (!Array.isArray(list)) throw new TypeError(`${what}: expected an array of time strings`);
    return list.map(String);
  };

  class TickerSession extends CoreHandle {
    static kind = 'TickerSession';

    constructor() {
      super(new core.TickerSession());
    }

    /**
     * Loads a vixray-ticker-model bundle (JSON text); returns {market, interval, content_sha256,
     * tickers}. Error on a bad or newer-format bundle.
     */
    addModel(text) {
      if (typeof text !== 'string') throw new TypeError('addModel expects the bundle text');
      return JSON.parse(this._live().addModel(text));
    }

    get nModels() {
      return this._live().nModels();
    }

    /**
     * Reads one bar CSV, routes it by its ticker to a model, scores it and matches the markers
     * (flagged bars and `extra` anomaly times, e.g. review entries' datetime). Returns the
     * summary (ticker_view_json: ticker, market, interval, labels, times, markers, unmatched,
     * check, report...) with `columns`: {time, open, high, low, close, volume, score, raw,
     * flagged, vwap, bb_mid, bb_upper, bb_lower} as typed arrays (copies; NaN = none).
     */
    open(name, text, extra = []) {
      if (typeof text !== 'string') throw new TypeError('open expects the CSV text');
      const view = JSON.parse(this._live().open(String(name), text, texts(extra, 'extra')));
      view.columns = this.columns();
      return view;
    }

    /** The open view's markers for other extra anomaly times (summary as open() returns). */
    setExtraTimes(extra) {
      return JSON.parse(this._live().setExtraTimes(texts(extra, 'extra')));
    }

    /** The open view's per-bar arrays, copied out of the core. */
    columns() {
      const out = {};
      for (const name of VIEW_COLUMNS) out[name] = this._live().column(name).slice();
      return out;
    }

    /** TreeSHAP of one bar of the open view (explain_ticker_bar JSON). */
    explainBar(bar) {
      return JSON.parse(this._live().explainBar(bar));
    }
  }

  /**
   * Review statuses (CSV `ticker,datetime,status,note` or the vixray-review JSON), read and
   * checked by the core and written as `format` ('csv' | 'json'). Errors name source and line.
   */
  const reviewConvert = (text, format, source = 'review') =>
    core.reviewConvert(String(text), String(source), String(format));

  return { TickerSession, reviewConvert, core };
}
