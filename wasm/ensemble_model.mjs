// EnsembleModel, the JavaScript face of the core's ensemble (a vixray-model bundle): imported by
// vixray.mjs, which passes the loaded core and its shared helpers.

/**
 * The EnsembleModel class over `core`, and analysisColumns (the core's per-day column list).
 * `CoreHandle` is vixray.mjs's base of objects held in the core; `toDays` turns ISO dates into
 * day numbers.
 */
export function ensembleModelClass({ core, CoreHandle, toDays }) {
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

  // market.json as UTF-8 bytes: text is encoded, anything else is a TypeError naming `caller`.
  function marketBytes(marketText, caller) {
    const bytes =
      typeof marketText === 'string' ? new TextEncoder().encode(marketText) : marketText;
    if (!(bytes instanceof Uint8Array))
      throw new TypeError(`${caller} expects the market.json text or bytes`);
    return bytes;
  }

  // Copies views of the core's memory into `output` (an ArrayBuffer, or null) one after the
  // other, each at an 8-byte boundary; a view that does not fit is sliced into a buffer of its own.
  function placer(output) {
    let offset = 0;
    return (view) => {
      const start = Math.ceil(offset / 8) * 8;
      if (!output || start + view.byteLength > output.byteLength) return view.slice();
      const copy = new view.constructor(output, start, view.length);
      copy.set(view);
      offset = start + view.byteLength;
      return copy;
    };
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

    /**
     * Reads a vixray-model bundle (UTF-8 bytes) once, for the model and for its content check:
     * {model, stored, hashText}. `stored` is its content_sha256 (null when absent); `hashText`
     * (a Uint8Array, or null) the bundle without that member, which hashes to `stored` for a
     * bundle as vixray writes it (core/include/vixray/ensemble/bundle_read.hpp). The caller
     * hashes it and, if that does not match, contentOf(bytes) (a bundle re-indented by hand),
     * and deletes the model if neither does. Error on a bad or newer-format bundle.
     * `hashView(view)`: called with the hash text as a view valid during the call only; its
     * result is returned as `hashed` in place of `hashText` (vixray.d.ts).
     */
    static openBundle(bytes, { hashView = null } = {}) {
      if (!(bytes instanceof Uint8Array))
        throw new TypeError('EnsembleModel.openBundle expects the bundle bytes (Uint8Array)');
      const model = new EnsembleModel(withText(bytes, (b) => core.EnsembleModel.fromBundle(b)));
      const live = model._live();
      try {
        const { stored, text } = live.bundleSeal();
        if (hashView) return { model, stored, hashed: text === null ? null : hashView(text) };
        return { model, stored, hashText: text === null ? null : text.slice() };
      } finally {
        live.dropBundleSeal();
      }
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
     * `output`, here and in the other *Columns calls: see columns().
     */
    analyzeMarketColumns(marketText, { output = null } = {}) {
      return this._staged(() => this._loadMarket(marketText, 'analyzeMarketColumns'), output);
    }

    /**
     * Scores some detectors (indices in model order) on market.json (text or bytes), for another
     * instance's analyzeMarketColumnsSplit (e.g. in a second worker, so two cores score the
     * forests). Returns {days, detectors, scores: Float64Array, one block of `days` values per
     * detector in `detectors` order, timings: {featuresMs, scoringMs}}. The current market (if
     * any) stays the current one. `output`: as columns()'s, the memory for `scores`.
     */
    scoreMarket(marketText, detectors, { output = null } = {}) {
      const t0 = performance.now();
      const list = Array.from(detectors, Number);
      // Only the features these detectors read are computed.
      const days = withText(marketBytes(marketText, 'scoreMarket'), (b) =>
        this._live().loadMarketBufferFor(b, list),
      );
      const t1 = performance.now();
      const length = list.length * days;
      const scores =
        output && output.byteLength >= 8 * length
          ? new Float64Array(output, 0, length)
          : new Float64Array(length);
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
     * scored here: the Analysis is the same in every case. Only the features of the detectors
     * scored here are computed (the core computes the others when it must score those detectors,
     * or an explanation needs them). Resolves to analyzeMarketColumns's
     * result; its timings add scoringMs (the detectors scored here), waitMs (waiting for the
     * others), and remote: true when their scores were used.
     */
    async analyzeMarketColumnsSplit(marketText, remote, { output = null } = {}) {
      const t0 = performance.now();
      const elsewhere = Array.from(remote.detectors, Number);
      const count = this._live().nDetectors();
      const here = [];
      for (let k = 0; k < count; k++) if (!elsewhere.includes(k)) here.push(k);
      const days = withText(marketBytes(marketText, 'analyzeMarketColumnsSplit'), (b) =>
        this._live().loadMarketBufferFor(b, here),
      );
      const t1 = performance.now();
      for (const k of here) this._live().scoreLoaded(k);
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
      const columns = this.columns(output);
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

    // ---- the state kept between visits (core analysis_state.hpp): bytes the page stores in
    // IndexedDB, keyed by the bundle's content_sha256, the market's SHA-256 and buildId() --------

    /** The current market's state: a Uint8Array (a copy) to keep, read back by the two below. */
    analysisState() {
      return this._live().state().slice();
    }

    /**
     * analyzeMarketColumns's result from a kept state of this very market.json (text or bytes):
     * no features and no forests; the market text is read only when explainDay, whatIf or
     * documents need it. Throws (the current market unchanged) when the state is damaged or of
     * another build or model. timings: {featuresMs: 0, analysisMs, exportMs}.
     */
    restoreMarketColumns(state, marketText, { output = null } = {}) {
      return this._fromState('restoreState', state, marketText, output);
    }

    /**
     * analyzeMarketColumns's result for a market.json that extends the kept state's market by
     * days at the end: the features of the new days only are computed, the forests score only
     * those days, and the numbers are those of a full Analysis. Throws (the current market unchanged) as
     * restoreMarketColumns does, or when the market's earlier days are not the kept ones.
     * timings: {featuresMs: 0, analysisMs (features included), exportMs}.
     */
    extendMarketColumns(state, marketText, { output = null } = {}) {
      return this._fromState('extendState', state, marketText, output);
    }

    _fromState(method, state, marketText, output) {
      if (!(state instanceof Uint8Array)) throw new TypeError(`${method} expects the state bytes`);
      const market =
        typeof marketText === 'string' ? new TextEncoder().encode(marketText) : marketText;
      if (!(market instanceof Uint8Array))
        throw new TypeError(`${method} expects the market.json text or bytes`);
      const t0 = performance.now();
      withText(state, (s) => withText(market, (m) => this._live()[method](s, m)));
      const t1 = performance.now();
      const result = this.columns(output);
      result.timings = { featuresMs: 0, analysisMs: t1 - t0, exportMs: performance.now() - t1 };
      return result;
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
     * `output` (optional): an ArrayBuffer the columns are copied into, one after the other from
     * its start (each 8-byte aligned), so that they share it; a column that does not fit (or a
     * detached buffer) gets a buffer of its own, as without it. A page passes memory it wrote to
     * beforehand: the first write to fresh memory is what the copies cost there.
     */
    columns(output = null) {
      const h = this._live();
      const summary = JSON.parse(h.summary());
      const place = placer(output);
      const columns = {};
      // Each view is copied before the next call (a later allocation may move the memory).
      for (const { name } of analysisColumns()) columns[name] = place(h.column(name));
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

    _staged(load, output = null) {
      const t0 = performance.now();
      load();
      const t1 = performance.now();
      this._live().analyzeLoaded();
      const t2 = performance.now();
      const result = this.columns(output);
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

    /** Lays out these detectors' forests now, not on first use (vixray.d.ts). */
    layOut(detectors) {
      this._live().layOut(Array.from(detectors, Number));
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

  return { EnsembleModel, analysisColumns };
}
