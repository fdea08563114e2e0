// vixray for JavaScript: the C++ core compiled to WebAssembly, with a friendly API.
//
//   import { createVixray } from './vixray.mjs';
//   const vx = await createVixray();                       // browser: fetches vixray_core.wasm
//   const vx = await createVixray({ wasmBinary: bytes });  // Node: pass the .wasm bytes
//   const forest = vx.Forest.fromJSON(modelText);
//   const scores = forest.score(new Float64Array(rows * cols), rows, cols);  // Float64Array
//   forest.delete();
//   const model = vx.EnsembleModel.fromJSON(bundleText);     // vixray-model bundle
//   const analysis = model.analyze({dates, featureNames, features, vixClose, spxClose});
//   const shap = model.explain(input, dayIndex);
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

  // Days since 1970-01-01 from an ISO date "YYYY-MM-DD" (or a number of days, unchanged).
  const toDay = (d) => {
    if (typeof d === 'number') return d;
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(d);
    if (!m) throw new Error(`date: expected YYYY-MM-DD, got "${d}"`);
    return Date.UTC(+m[1], +m[2] - 1, +m[3]) / 86400000;
  };

  class EnsembleModel {
    constructor(handle) {
      this._handle = handle;
    }

    /** Loads a vixray-model bundle from its JSON text (Error on a bad or newer-format bundle). */
    static fromJSON(text) {
      if (typeof text !== 'string') throw new TypeError('EnsembleModel.fromJSON expects the bundle text');
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

    get nDetectors() { return this._live().nDetectors(); }
    get featureNames() { return this._live().featureNames(); }
    toJSON() { return this._live().toJSON(); }

    delete() {
      if (this._handle) this._handle.delete();
      this._handle = null;
    }

    _load(input) {
      const rows = input.dates.length;
      const cols = input.featureNames.length;
      const features = input.features instanceof Float64Array ? input.features : Float64Array.from(input.features);
      if (features.length !== rows * cols) {
        throw new Error(`analyze: expected rows x cols = ${rows * cols} feature values, got ${features.length}`);
      }
      const h = this._live();
      h.setFeatureNames(input.featureNames);
      // Each view is fetched right before it is filled (memory growth invalidates older views).
      h.buffer('dates', rows).set(Float64Array.from(input.dates, toDay));
      h.buffer('vix', rows).set(Float64Array.from(input.vixClose));
      h.buffer('spx', rows).set(Float64Array.from(input.spxClose));
      h.buffer('features', rows * cols).set(features);
      return [rows, cols];
    }

    _live() {
      if (!this._handle) throw new Error('this EnsembleModel was deleted');
      return this._handle;
    }
  }

  return {
    Forest,
    EnsembleModel,
    /** Parses numeric CSV text with a header: {columns, rows, cols, values: Float64Array}. */
    parseNumericTable: (text, source = 'input') => core.parseNumericTable(text, source),
    core,
  };
}

export default createVixray;
