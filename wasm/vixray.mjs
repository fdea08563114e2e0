// vixray for JavaScript: the C++ core compiled to WebAssembly, with a friendly API.
//
//   import { createVixray } from './vixray.mjs';
//   const vx = await createVixray();                       // browser: fetches vixray_core.wasm
//   const vx = await createVixray({ wasmBinary: bytes });  // Node: pass the .wasm bytes
//   const forest = vx.Forest.fromJSON(modelText);
//   const scores = forest.score(new Float64Array(rows * cols), rows, cols);  // Float64Array
//   forest.delete();
//   const f = vx.computeFeatures({ dates, columns: { 'vix.close': vix, ... } });  // features
//
// Every failure of the core arrives as a JavaScript Error carrying the C++ message.
import createVixrayCore from './vixray_core.mjs';

export async function createVixray(options = {}) {
  const core = await createVixrayCore(options);

  class Forest {
    constructor(handle) {
      this._handle = handle;
    }

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

    get nFeatures() { return this._live().nFeatures(); }
    get nTrees() { return this._live().nTrees(); }
    get sampleSize() { return this._live().sampleSize(); }
    get offset() { return this._live().offset(); }
    get featureNames() { return this._live().featureNames(); }
    toJSON() { return this._live().toJSON(); }

    /** Frees the WebAssembly memory of this forest. */
    delete() {
      if (this._handle) this._handle.delete();
      this._handle = null;
    }

    _live() {
      if (!this._handle) throw new Error('this Forest was deleted');
      return this._handle;
    }
  }


  // ---- features -------------------------------------------------------------------------------

  // Days since 1970-01-01 from numbers (passed through) or ISO "YYYY-MM-DD" strings.
  function toDays(dates) {
    if (dates instanceof Int32Array) return dates;
    return Int32Array.from(dates, (d) => {
      if (typeof d === 'number') return d;
      const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(d));
      if (!m) throw new Error(`frame dates: expected days since 1970-01-01 or "YYYY-MM-DD", got "${d}"`);
      return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / 86400000;
    });
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
          const array = values instanceof Float64Array ? values : Float64Array.from(values, (v) => (v === null ? NaN : v));
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
      builder.computeFeatures(specText(spec) ?? builder.marketCatalogue()));
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
  const marketFeatureCatalogue = (columns) => JSON.parse(core.marketFeatureCatalogue(columns ?? null));
  /** Seed 001's 14 indicators on ticker.* columns (priceRelative divides price units by close). */
  const tickerFeatureCatalogue = ({ priceRelative = false } = {}) =>
    JSON.parse(core.tickerFeatureCatalogue(priceRelative));
  /** Validates a spec (object or text); returns its canonical object form or throws Error. */
  const validateFeatureSpec = (spec) => JSON.parse(core.validateFeatureSpec(specText(spec) ?? ''));

  return {
    Forest,
    computeFeatures,
    parseFrameCsv,
    marketFeatureCatalogue,
    tickerFeatureCatalogue,
    validateFeatureSpec,
    featureKinds: () => core.featureKinds(),
    /** One-line descriptions (with units) of a spec's features, in spec order. */
    describeFeatures: (spec) => core.describeFeatures(specText(spec) ?? ''),
    /** Parses numeric CSV text with a header: {columns, rows, cols, values: Float64Array}. */
    parseNumericTable: (text, source = 'input') => core.parseNumericTable(text, source),
    core,
  };
}

export default createVixray;
