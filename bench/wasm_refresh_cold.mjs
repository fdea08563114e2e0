// The return visit and the refresh with one new day in a fresh Node process, as a page's worker
// meets them: the core just loaded, its code cold (V8's baseline tier) and its memory unwritten.
// `save` keeps a build's state of market.json in a file; `restore` / `extend` then time, in a new
// process, the bundle read, restoreMarketColumns (same market) or extendMarketColumns (one more
// day, e2e/one_more_day.mjs) and the explanation of today after it. Prints one JSON line (ms).
// A state is of one build: save it with the same DIST. Run builds alternately, many times.
//
//   node bench/wasm_refresh_cold.mjs save DIST DATA_DIR STATE_FILE
//   node bench/wasm_refresh_cold.mjs restore|extend DIST DATA_DIR STATE_FILE
import fs from 'node:fs';
import path from 'node:path';
import { loadVixray } from '../wasm/test/load.mjs';
import { withOneMoreDay } from '../e2e/one_more_day.mjs';

const [mode, dist, dataDir, stateFile] = process.argv.slice(2);
if (!['save', 'restore', 'extend'].includes(mode) || !dist || !dataDir || !stateFile) {
  console.error('usage: node bench/wasm_refresh_cold.mjs save|restore|extend DIST DATA_DIR STATE');
  process.exit(2);
}
const vx = await loadVixray(dist, { build: 'page' });
const bundle = new Uint8Array(fs.readFileSync(path.join(dataDir, 'model.json')));
const marketText = fs.readFileSync(path.join(dataDir, 'market.json'), 'utf8');
const encode = (text) => new TextEncoder().encode(text);
let t0 = performance.now();
const model = vx.EnsembleModel.fromJSON(bundle);
const bundleMs = performance.now() - t0;
if (mode === 'save') {
  model.analyzeMarketColumns(encode(marketText));
  fs.writeFileSync(stateFile, model.analysisState());
} else {
  const state = new Uint8Array(fs.readFileSync(stateFile));
  const result =
    mode === 'extend'
      ? model.extendMarketColumns(state, encode(withOneMoreDay(marketText)))
      : model.restoreMarketColumns(state, encode(marketText));
  t0 = performance.now();
  model.explainDay(result.summary.today.index);
  const explainMs = performance.now() - t0;
  const round = (ms) => Number(ms.toFixed(2));
  console.log(
    JSON.stringify({
      bundleMs: round(bundleMs),
      analysisMs: round(result.timings.analysisMs),
      exportMs: round(result.timings.exportMs),
      explainMs: round(explainMs),
    }),
  );
}
