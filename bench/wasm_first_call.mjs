// First-call vs warm cost of the browser build's market Analysis, in Node (the same V8 as
// Chromium): reads a model bundle, then computes the Analysis of market.json three times and
// prints each call's stages (reading prices + features, the Analysis, summary + typed arrays).
// The first call shows what a page pays once, in V8's baseline WebAssembly tier.
//
//   node bench/wasm_first_call.mjs DATA_DIR [DIST]   (DATA_DIR from `vixray export`)
import fs from 'node:fs';
import path from 'node:path';
import { loadVixray } from '../wasm/test/load.mjs';

const [dir, dist = 'build/wasm/dist'] = process.argv.slice(2);
if (!dir) {
  console.error('usage: node bench/wasm_first_call.mjs DATA_DIR [DIST]');
  process.exit(2);
}
const vx = await loadVixray(path.resolve(dist));
const bundle = fs.readFileSync(path.join(dir, 'model.json'), 'utf8');
const market = fs.readFileSync(path.join(dir, 'market.json'));
const started = performance.now();
const model = vx.EnsembleModel.fromJSON(bundle);
console.log(`model bundle read ${(performance.now() - started).toFixed(1)} ms`);
for (let call = 1; call <= 3; call++) {
  const { timings } = model.analyzeMarketColumns(new Uint8Array(market));
  console.log(
    `call ${call}: features ${timings.featuresMs.toFixed(1)} ms, Analysis ` +
      `${timings.analysisMs.toFixed(1)} ms, summary + arrays ${timings.exportMs.toFixed(1)} ms`,
  );
}
model.delete?.();
