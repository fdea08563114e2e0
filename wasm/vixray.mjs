// vixray for JavaScript: the C++ core compiled to WebAssembly, with a friendly API.
//
//   import { createVixray } from './vixray.mjs';
//   const vx = await createVixray();                       // browser: fetches vixray_core.wasm
//   const vx = await createVixray({ wasmBinary: bytes });  // Node: pass the .wasm bytes
//   const forest = vx.Forest.fromJSON(modelText);
//   const scores = forest.score(new Float64Array(rows * cols), rows, cols);  // Float64Array
//   forest.delete();
//   const market = vx.simulate({ seed: 42, start: '1990-01-02', end: '2025-12-31' });
//   market.vix, market.spx, ..., market.events                // CSV texts
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

  return {
    Forest,
    /**
     * Simulates a market (the embedded default data): the CSV texts `vixray simulate` writes,
     * byte for byte. Returns {days, vix, spx, vix9d, vix3m, vvix, skew, events}.
     */
    simulate: ({ seed = 42, start = '1990-01-02', end = '2025-12-31' } = {}) =>
      core.simulateMarket(seed, start, end),
    /** Parses numeric CSV text with a header: {columns, rows, cols, values: Float64Array}. */
    parseNumericTable: (text, source = 'input') => core.parseNumericTable(text, source),
    core,
  };
}

export default createVixray;
