// vixray for JavaScript: the C++ core compiled to WebAssembly, with a friendly API.
//
//   import { createVixray } from './vixray.mjs';
//   const vx = await createVixray();                       // browser: fetches vixray_core.wasm
//   const vx = await createVixray({ wasmBinary: bytes });  // Node: pass the .wasm bytes
//   const forest = vx.Forest.fromJSON(modelText);
//   const scores = forest.score(new Float64Array(rows * cols), rows, cols);  // Float64Array
//   forest.delete();
//   const vix = vx.parsePriceCsv(csvText, 'vix.csv');      // a user's CSV, read in the page
//   const market = vx.alignMarket({ spx: spxText, vix });   // Frame: {dates, columns, report}
//   const f = vx.computeFeatures({ dates, columns: { 'vix.close': vix, ... } });  // features
//   const market = vx.simulate({ seed: 42, start: '1990-01-02', end: '2025-12-31' });
//   market.vix, market.spx, ..., market.events                // CSV texts
//   const model = vx.EnsembleModel.fromJSON(bundleText);     // vixray-model bundle
//   const analysis = model.analyze({dates, featureNames, features, vixClose, spxClose});
//   const { summary, columns } = model.analyzeMarketColumns(marketText);  // typed arrays
//   const shap = model.explain(input, dayIndex);
//   const { TickerSession, reviewConvert } = await vx.openTickers();  // vixray_ticker.wasm
//
// Every failure of the core arrives as a JavaScript Error carrying the C++ message. The page's
// build (vixray_core.wasm) has only what the dashboard calls: no Forest, feature library or
// simulator, and of EnsembleModel no analyze/explain/analyzeMarket/analyzeFiles/documents
// (JSON-text results) or toJSON; vixray_core_full.wasm has everything (wasm/CMakeLists.txt).
import createVixrayCore from './vixray_core.mjs';
import { ensembleModelClass } from './ensemble_model.mjs';
import { guardCore } from './guard_core.mjs';

/**
 * Loads the core. `options` go to Emscripten's factory (e.g. wasmBinary under Node); the page
 * uses this folder's vixray_core.mjs, and `options.createCore` names another build's factory
 * (the Node tests pass vixray_core_full.mjs's: see wasm/CMakeLists.txt).
 */
export async function createVixray({ createCore = createVixrayCore, ...options } = {}) {
  const core = guardCore(await createCore(options));

  // An object of the core held from JavaScript: its methods throw once delete() freed it.
  class CoreHandle {
    constructor(handle) {
      this._handle = handle;
    }

    /** Frees the WebAssembly memory of this object. */
    delete() {
      if (this._handle) this._handle.delete();
      this._handle = null;
    }

    _live() {
      if (!this._handle) throw new Error(`this ${this.constructor.kind} was deleted`);
      return this._handle;
    }
  }

  class Forest extends CoreHandle {
    static kind = 'Forest'; // for messages (bundlers may rename classes)

    /** Loads a forest from its JSON text (throws Error on a bad or newer-format model). */
    static fromJSON(text) {
      if (typeof text !== 'string') throw new TypeError('Forest.fromJSON expects the model text');
      return new Forest(core.Forest.fromJSON(text));
    }

    /**
     * Scores rows x cols values (row-major); returns a new Float64Array of `rows` scores.
     * `kernel` ("auto", "scalar", "simd" or "rank") picks the loop; all give the same scores bit
     * for bit.
     */
    score(data, rows, cols, kernel = 'auto') {
      if (!(data instanceof Float64Array)) data = Float64Array.from(data);
      if (data.length !== rows * cols) {
        throw new Error(`score: expected rows x cols = ${rows * cols} values, got ${data.length}`);
      }
      // The view is fetched after the allocation (memory growth invalidates older views), and
      // the result is sliced before the next call reuses the buffer.
      this._live().inputBuffer(rows, cols).set(data);
      return this._live().scoreWith(rows, cols, kernel).slice();
    }

    /** The loop `kernel` runs in this build: "simd128" (also for "rank") or "scalar". */
    kernelName(kernel = 'auto') {
      return this._live().kernelName(kernel);
    }

    get nFeatures() {
      return this._live().nFeatures();
    }
    get nTrees() {
      return this._live().nTrees();
    }
    get sampleSize() {
      return this._live().sampleSize();
    }
    get offset() {
      return this._live().offset();
    }
    get featureNames() {
      return this._live().featureNames();
    }
    toJSON() {
      return this._live().toJSON();
    }
  }

  // Day numbers (days since 1970-01-01, the core's Day) as "YYYY-MM-DD" strings: the core
  // formats them all in one call (format_iso) and they cross as one string, sliced here.
  const isoDates = (days) => {
    const text = core.isoDays(days);
    const out = new Array(days.length);
    for (let i = 0; i < out.length; i++) out[i] = text.slice(10 * i, 10 * i + 10);
    return out;
  };
  const isoDate = (day) => isoDates([day])[0];

  /**
   * Reads a daily price CSV (CBOE, Yahoo, Stooq or date,value; detected from the header):
   * {format, source, days: Int32Array, dates: ['YYYY-MM-DD'...], open, high, low, close, adjClose,
   * volume: Float64Array (NaN = absent or repaired), report: {rows, first, last, warnings:
   * [{kind, count, examples: ['file:line'...]}]}, warnings}. Throws an Error naming file:line.
   */
  function parsePriceCsv(text, source = 'input') {
    if (typeof text !== 'string') throw new TypeError('parsePriceCsv expects the CSV text');
    const parsed = core.parsePriceCsv(text, String(source));
    parsed.source = String(source);
    parsed.report = JSON.parse(parsed.report);
    parsed.warnings = parsed.report.warnings;
    parsed.dates = isoDates(parsed.days);
    return parsed;
  }

  /**
   * Joins series on the trading days of the primary (default spx, else ticker). `series` maps a
   * name (spx, vix, vix9d, vix3m, vvix, skew, ticker) to CSV text or a parsePriceCsv result.
   * Returns {days, dates, names, columns: {'vix.close': Float64Array, ...}, report, reads}
   * where reads holds the read report of each series given as text.
   */
  function alignMarket(series, { primary, maxFillDays = 5 } = {}) {
    const names = Object.keys(series ?? {});
    const chosen = primary ?? (names.includes('spx') ? 'spx' : 'ticker');
    const reads = {};
    const list = names.map((name) => {
      let item = series[name];
      if (typeof item === 'string') {
        item = parsePriceCsv(item, name);
        reads[name] = item.report;
      } else if (item?.report) {
        reads[name] = item.report;
      }
      return { ...item, name };
    });
    const aligned = core.alignSeries(list, chosen, maxFillDays);
    const columns = {};
    aligned.names.forEach((name, i) => {
      columns[name] = aligned.columns[i];
    });
    return {
      days: aligned.days,
      dates: isoDates(aligned.days),
      names: aligned.names,
      columns,
      report: JSON.parse(aligned.report),
      reads,
    };
  }

  // ---- features -------------------------------------------------------------------------------

  // Days since 1970-01-01 from numbers (passed through) or ISO "YYYY-MM-DD" strings (parsed by
  // the core's parse_date, which also accepts MM/DD/YYYY and rejects impossible dates).
  function toDays(dates) {
    if (dates instanceof Int32Array) return dates;
    const list = Array.from(dates);
    if (list.every((d) => typeof d === 'number')) return Int32Array.from(list);
    return core.parseDays(list.map(String)).slice();
  }

  function specText(spec) {
    if (spec === undefined || spec === null) return null;
    return typeof spec === 'string' ? spec : JSON.stringify(spec);
  }

  function withBuilder(frame, body) {
    const builder = new core.FrameBuilder();
    try {
      if (typeof frame === 'string') {
        builder.loadCsv(frame, 'frame');
      } else {
        const days = toDays(frame.dates);
        // Each view is fetched right after its allocation and filled at once (memory growth
        // invalidates older views).
        builder.datesBuffer(days.length).set(days);
        for (const [name, values] of Object.entries(frame.columns ?? {})) {
          const array =
            values instanceof Float64Array
              ? values
              : Float64Array.from(values, (v) => (v === null ? NaN : v));
          builder.columnBuffer(name, array.length).set(array);
        }
      }
      return body(builder);
    } finally {
      builder.delete();
    }
  }

  /**
   * Computes features on a frame, exactly as the native core does (bit for bit).
   *   frame: { dates: Int32Array | number[] (days since 1970-01-01) | string[] ("YYYY-MM-DD"),
   *            columns: { 'vix.close': Float64Array | number[], ... } }  (NaN or null = missing)
   *          or the text of a wide frame CSV (date,<series>.<field>,...).
   *   spec:  a feature spec (object or JSON text); omitted = the market catalogue restricted to
   *          the frame's columns.
   * Returns { names, rows, cols, values: Float64Array (row-major), warmup: Int32Array,
   *           column(name): Float64Array }.
   */
  function computeFeatures(frame, spec) {
    const result = withBuilder(frame, (builder) =>
      builder.computeFeatures(specText(spec) ?? builder.marketCatalogue()),
    );
    result.column = (name) => {
      const c = result.names.indexOf(name);
      if (c < 0) throw new Error(`features: no feature "${name}"`);
      const out = new Float64Array(result.rows);
      for (let r = 0; r < result.rows; r++) out[r] = result.values[r * result.cols + c];
      return out;
    };
    return result;
  }

  /** Parses a wide frame CSV: { dates: Int32Array, columns: { name: Float64Array } }. */
  function parseFrameCsv(text, source = 'frame') {
    const builder = new core.FrameBuilder();
    try {
      builder.loadCsv(text, source);
      const columns = {};
      for (const name of builder.columnNames()) columns[name] = builder.column(name);
      return { dates: builder.dates(), columns };
    } finally {
      builder.delete();
    }
  }

  /** The market feature catalogue (spec object); restricted to `columns` when given. */
  const marketFeatureCatalogue = (columns) =>
    JSON.parse(core.marketFeatureCatalogue(columns ?? null));
  /** Seed 001's 14 indicators on ticker.* columns (priceRelative divides price units by close). */
  const tickerFeatureCatalogue = ({ priceRelative = false } = {}) =>
    JSON.parse(core.tickerFeatureCatalogue(priceRelative));
  /** Validates a spec (object or text); returns its canonical object form or throws Error. */
  const validateFeatureSpec = (spec) => JSON.parse(core.validateFeatureSpec(specText(spec) ?? ''));

  const { EnsembleModel, analysisColumns } = ensembleModelClass({ core, CoreHandle, toDays });
  let tickers = null; // openTickers()' API, once loaded

  return {
    Forest,
    EnsembleModel,
    computeFeatures,
    parseFrameCsv,
    marketFeatureCatalogue,
    tickerFeatureCatalogue,
    validateFeatureSpec,
    featureKinds: () => core.featureKinds(),
    parsePriceCsv,
    alignMarket,
    isoDate,
    isoDates,
    analysisColumns,
    /** The core's build id ("<version>-<16 hex digits>", a hash of its sources): two cores with
     * the same id compute the same numbers, so a kept Analysis state is keyed by it. */
    buildId: () => core.buildId(),
    /** Grows the core's memory to hold `megabytes` more and writes it once, so a later call that
     * needs that much finds its pages mapped (a page calls it while it waits for its data).
     * False if the memory cannot be had. */
    reserveHeap: (megabytes) => core.reserveHeap(megabytes),
    /**
     * Simulates a market (the embedded default data): the CSV texts `vixray simulate` writes,
     * byte for byte. Returns {days, vix, spx, vix9d, vix3m, vvix, skew, events}.
     */
    simulate: ({ seed = 42, start = '1990-01-02', end = '2025-12-31' } = {}) =>
      core.simulateMarket(seed, start, end),
    /** One-line descriptions (with units) of a spec's features, in spec order. */
    describeFeatures: (spec) => core.describeFeatures(specText(spec) ?? ''),
    /** Parses numeric CSV text with a header: {columns, rows, cols, values: Float64Array}. */
    parseNumericTable: (text, source = 'input') => core.parseNumericTable(text, source),
    /**
     * The ticker view's API, a module of its own (ticker.mjs and vixray_ticker.mjs/.wasm, loaded
     * on the first call only): {TickerSession, reviewConvert}. `options` go to its Emscripten
     * factory (under Node: {wasmBinary: the bytes of vixray_ticker.wasm}).
     */
    openTickers: (options = {}) =>
      (tickers ??= import('./ticker.mjs').then(({ tickerApi }) =>
        tickerApi({ CoreHandle, options }),
      )),
    core,
  };
}

export default createVixray;
