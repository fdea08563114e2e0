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
//
// Every failure of the core arrives as a JavaScript Error carrying the C++ message. The page's
// build (vixray_core.wasm) has only what the dashboard calls: no Forest, feature library or
// simulator, and of EnsembleModel no analyze/explain/analyzeMarket/analyzeFiles/documents
// (JSON-text results) or toJSON; vixray_core_full.wasm has everything (wasm/CMakeLists.txt).
import createVixrayCore from './vixray_core.mjs';

/**
 * Wraps every binding of the core (Embind functions, class methods, static functions and
 * constructors) so that a failure reaches JavaScript as an Error thrown here, after the call has
 * returned. A binding never throws through the module's frames (wasm/guarded.hpp: that leaked
 * stack and heap on every failing call until the module died): it returns normally and leaves
 * its message for takeError. A JavaScript exception raised inside a call anyway (Embind refusing
 * a value of the wrong type) gets the stack pointer put back. Returns `core`, wrapped in place.
 */
function guardCore(core) {
  const { takeError, stackSave, stackRestore } = core;
  const guard = (fn) =>
    function guarded(...args) {
      const stack = stackSave();
      let result;
      try {
        result = fn.apply(this, args);
      } catch (error) {
        stackRestore(stack);
        takeError();
        throw error;
      }
      const message = takeError();
      if (message === null) return result;
      result?.delete?.(); // an object made before the failure (a constructor's)
      throw new Error(message);
    };
  for (const [name, value] of Object.entries(core)) {
    if (typeof value !== 'function' || name === 'takeError') continue;
    if (typeof value.prototype?.isAliasOf === 'function') {
      // An Embind class: its methods, its static functions and its constructor.
      for (const key of Object.getOwnPropertyNames(value.prototype))
        if (key !== 'constructor' && typeof value.prototype[key] === 'function')
          value.prototype[key] = guard(value.prototype[key]);
      for (const key of Object.getOwnPropertyNames(value))
        if (typeof value[key] === 'function') value[key] = guard(value[key]);
      const construct = guard((...args) => new value(...args));
      core[name] = new Proxy(value, { construct: (_, args) => construct(...args) });
    } else if (value.argCount !== undefined) {
      core[name] = guard(value); // an Embind function
    }
  }
  return core;
}

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

    /** Scores rows x cols values (row-major); returns a new Float64Array of `rows` scores. */
    score(data, rows, cols) {
      if (!(data instanceof Float64Array)) data = Float64Array.from(data);
      if (data.length !== rows * cols) {
        throw new Error(`score: expected rows x cols = ${rows * cols} values, got ${data.length}`);
      }
      // The view is fetched after the allocation (memory growth invalidates older views), and
      // the result is sliced before the next call reuses the buffer.
      this._live().inputBuffer(rows, cols).set(data);
      return this._live().score(rows, cols).slice();
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

  // The per-day columns of EnsembleModel.columns(), as the core defines them
  // (analysis_columns.hpp analysis_column_list): [{name, type: 'Float64' | 'Int32' | 'Int8',
  // blocks: 'day' | 'detector' | 'domain'}].
  let columnList = null;
  const analysisColumns = () => (columnList ??= core.analysisColumns());

  // UTF-8 bytes handed to the core through a TextBuffer (one copy, then freed).
  function withText(bytes, body) {
    const buffer = new core.TextBuffer(bytes.length);
    try {
      buffer.view().set(bytes); // the view is fetched right after the allocation
      return body(buffer);
    } finally {
      buffer.delete();
    }
  }

  class EnsembleModel extends CoreHandle {
    static kind = 'EnsembleModel';

    /**
     * Loads a vixray-model bundle from its JSON text or UTF-8 bytes (Uint8Array: copied into the
     * core at once, no string conversion). Error on a bad or newer-format bundle.
     */
    /**
     * The bundle's stated content_sha256 (null when absent) and its canonical content (the text
     * whose SHA-256 it must be), read by the core: {stored, content}. The caller hashes it.
     */
    static contentOf(text) {
      const bytes = text instanceof Uint8Array ? text : new TextEncoder().encode(String(text));
      return withText(bytes, (b) => core.bundleContent(b));
    }

    static fromJSON(text) {
      if (text instanceof Uint8Array)
        return new EnsembleModel(withText(text, (b) => core.EnsembleModel.fromBuffer(b)));
      if (typeof text !== 'string')
        throw new TypeError('EnsembleModel.fromJSON expects the bundle text');
      return new EnsembleModel(core.EnsembleModel.fromJSON(text));
    }

    /**
     * The whole Analysis (the same JSON object as `vixray ensemble analyze`).
     * input: {dates: ISO strings or day numbers, featureNames: [...], features: Float64Array
     * (rows x featureNames.length, row-major, NaN = missing), vixClose, spxClose}.
     */
    analyze(input) {
      const [rows, cols] = this._load(input);
      return JSON.parse(this._live().analyze(rows, cols));
    }

    /** TreeSHAP contributions of every detector on row `day` of the input (path-length units). */
    explain(input, day) {
      const [rows, cols] = this._load(input);
      return JSON.parse(this._live().explain(rows, cols, day));
    }

    // ---- market session: raw prices in (market.json or the reader's CSV files); features,
    // Analysis, explanations and what-ifs all computed by the core ---------------------------

    /** The Analysis of market.json (text); later calls (explainDay, whatIf) use this market. */
    analyzeMarket(marketText) {
      if (typeof marketText !== 'string')
        throw new TypeError('analyzeMarket expects the market.json text');
      return JSON.parse(this._live().analyzeMarket(marketText));
    }

    /**
     * The Analysis of the reader's own CSV files, [{name: 'vix.csv', text}, {name: 'spx.csv',
     * text}, ...] (series told by the file name); they become the current market. Read in the
     * page only: nothing is uploaded.
     */
    analyzeFiles(files) {
      return JSON.parse(
        this._live().analyzeFiles(
          files.map((f) => ({ name: String(f.name), text: String(f.text) })),
        ),
      );
    }

    /**
     * The Analysis of market.json (text or UTF-8 bytes) for a page: the same numbers as
     * analyzeMarket, with the per-day figures as typed arrays instead of JSON (see columns());
     * the market becomes the current one. Also returns {timings: {featuresMs, analysisMs, exportMs}}: reading the
     * prices and computing the features, the Analysis, and the summary + array copies.
     */
    analyzeMarketColumns(marketText) {
      return this._staged(() => this._loadMarket(marketText, 'analyzeMarketColumns'));
    }

    /**
     * Scores some detectors (indices in model order) on market.json (text or bytes), for another
     * instance's analyzeMarketColumnsSplit (e.g. in a second worker, so two cores score the
     * forests). Returns {days, detectors, scores: Float64Array, one block of `days` values per
     * detector in `detectors` order, timings: {featuresMs, scoringMs}}. The current market (if
     * any) stays the current one.
     */
    scoreMarket(marketText, detectors) {
      const t0 = performance.now();
      const list = Array.from(detectors, Number);
      // Only the features these detectors read are computed.
      const bytes =
        typeof marketText === 'string' ? new TextEncoder().encode(marketText) : marketText;
      if (!(bytes instanceof Uint8Array))
        throw new TypeError('scoreMarket expects the market.json text or bytes');
      const days = withText(bytes, (b) => this._live().loadMarketBufferFor(b, list));
      const t1 = performance.now();
      const scores = new Float64Array(list.length * days);
      // Each view is copied before the next call (a later allocation may move the memory).
      list.forEach((k, i) => scores.set(this._live().scoreLoaded(k), i * days));
      return {
        days,
        detectors: list,
        scores,
        timings: { featuresMs: t1 - t0, scoringMs: performance.now() - t1 },
      };
    }

    /**
     * analyzeMarketColumns with the detectors `remote.detectors` scored elsewhere:
     * `remote.scores` is a promise of scoreMarket's result from another instance of the core
     * with the same bundle and market. This instance scores the other detectors meanwhile. If the
     * promise rejects or its result does not fit (other days or detectors), those detectors are
     * scored here: the Analysis is the same in every case. Resolves to analyzeMarketColumns's
     * result; its timings add scoringMs (the detectors scored here), waitMs (waiting for the
     * others), and remote: true when their scores were used.
     */
    async analyzeMarketColumnsSplit(marketText, remote) {
      const t0 = performance.now();
      const days = this._loadMarket(marketText, 'analyzeMarketColumnsSplit');
      const t1 = performance.now();
      const elsewhere = Array.from(remote.detectors, Number);
      const count = this._live().nDetectors();
      for (let k = 0; k < count; k++) if (!elsewhere.includes(k)) this._live().scoreLoaded(k);
      const t2 = performance.now();
      const result = await Promise.resolve(remote.scores).catch(() => null);
      const t3 = performance.now();
      const fits =
        result?.days === days &&
        result.scores?.length === elsewhere.length * days &&
        elsewhere.every((k, i) => result.detectors?.[i] === k);
      if (fits) {
        elsewhere.forEach((k, i) =>
          this._live()
            .scoresFor(k)
            .set(result.scores.subarray(i * days, (i + 1) * days)),
        );
      }
      this._live().analyzeLoaded(); // scores here whatever has no scores yet
      const t4 = performance.now();
      const columns = this.columns();
      columns.timings = {
        featuresMs: t1 - t0,
        analysisMs: t4 - t1,
        exportMs: performance.now() - t4,
        scoringMs: t2 - t1,
        waitMs: t3 - t2,
        remote: fits,
        remoteTimings: fits ? (result.timings ?? null) : null,
      };
      return columns;
    }

    /** analyzeFiles with the result of analyzeMarketColumns. */
    analyzeFilesColumns(files) {
      return this._staged(() =>
        this._live().loadFiles(files.map((f) => ({ name: String(f.name), text: String(f.text) }))),
      );
    }

    /**
     * The current Analysis as {summary, days, columns}: summary = analysis_to_json without its
     * per-day arrays (names, persistence, regimes, thresholds, today, ...); columns = per-day
     * typed arrays, copied out of the core (Int32Array dates in days since 1970-01-01;
     * Float64Array vix_close, spx_close, ensemble_score, ensemble_std, ensemble_min,
     * ensemble_max, forward_return with NaN = missing; Int8Array level, -1 = unavailable;
     * Int32Array regime, detectors_at_high, streak, regime_days, domains_at_high;
     * detector_scores / domain_scores (Float64Array) and domain_levels (Int8Array), one block of
     * `days` values per detector / domain in summary.detectors / summary.domains order).
     */
    columns() {
      const h = this._live();
      const summary = JSON.parse(h.summary());
      const columns = {};
      // Each view is sliced before the next call (a later allocation may move the memory).
      for (const { name } of analysisColumns()) columns[name] = h.column(name).slice();
      return { summary, days: columns.dates.length, columns };
    }

    /** Reads market.json (text or UTF-8 bytes) and computes the features; returns the days. */
    _loadMarket(marketText, caller) {
      if (marketText instanceof Uint8Array) {
        return withText(marketText, (b) => this._live().loadMarketBuffer(b));
      }
      if (typeof marketText !== 'string')
        throw new TypeError(`${caller} expects the market.json text or bytes`);
      return this._live().loadMarket(marketText);
    }

    _staged(load) {
      const t0 = performance.now();
      load();
      const t1 = performance.now();
      this._live().analyzeLoaded();
      const t2 = performance.now();
      const result = this.columns();
      const t3 = performance.now();
      result.timings = { featuresMs: t1 - t0, analysisMs: t2 - t1, exportMs: t3 - t2 };
      return result;
    }

    /**
     * The explanation of day `index` of the current market (core explain.hpp explanation_json):
     * the features that pushed its score, largest first, with labels, and the TreeSHAP values of
     * every detector.
     */
    explainDay(index) {
      // Embind would silently turn a non-number into day 0.
      if (!Number.isInteger(index))
        throw new TypeError(`explainDay expects a day index, got ${JSON.stringify(index)}`);
      return JSON.parse(this._live().explainDay(index));
    }

    /**
     * What the page shows about the model, with labels (core model_facts.hpp): {training,
     * forward_return_horizon, domains, coverage, detectors, inactive_detectors, features}.
     */
    modelFacts() {
      return JSON.parse(this._live().modelFacts());
    }

    /**
     * Where the current market's prices came from (core data_source.hpp): {kind, simulated,
     * seed?, files, last_date, description}.
     */
    dataSource() {
      return JSON.parse(this._live().dataSource());
    }

    /** Tomorrow with this VIX close and S&P 500 return (%): {date, ensemble, level, domains, drivers, ...}. */
    whatIf(vixClose, spxReturnPct) {
      return JSON.parse(this._live().whatIf(vixClose, spxReturnPct));
    }

    /** The eight seed-000 documents of the current market, {"anomaly_report.json": {...}, ...}. */
    documents(timestamp = new Date().toISOString(), trainingDate = '') {
      return JSON.parse(this._live().documents(timestamp, trainingDate));
    }

    get nDetectors() {
      return this._live().nDetectors();
    }
    get featureNames() {
      return this._live().featureNames();
    }
    toJSON() {
      return this._live().toJSON();
    }

    _load(input) {
      const rows = input.dates.length;
      const cols = input.featureNames.length;
      const features =
        input.features instanceof Float64Array ? input.features : Float64Array.from(input.features);
      if (features.length !== rows * cols) {
        throw new Error(
          `analyze: expected rows x cols = ${rows * cols} feature values, got ${features.length}`,
        );
      }
      const h = this._live();
      h.setFeatureNames(input.featureNames);
      // Each view is fetched right before it is filled (memory growth invalidates older views).
      h.buffer('dates', rows).set(Float64Array.from(toDays(input.dates)));
      h.buffer('vix', rows).set(Float64Array.from(input.vixClose));
      h.buffer('spx', rows).set(Float64Array.from(input.spxClose));
      h.buffer('features', rows * cols).set(features);
      return [rows, cols];
    }
  }

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
    core,
  };
}

export default createVixray;
