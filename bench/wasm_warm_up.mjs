// What the page workers' warm-up (web/js/core_api.js warmUpCore) buys, in a fresh Node process
// (the same V8 as Chromium): ROUNDS warm-up rounds on WARMUP_DIR's model and market (`make site`
// writes them to <site>/wasm/warmup/, tools/warmup_data.py), then the first worker's calls on the
// site's data: the bundle read (EnsembleModel.openBundle) and the whole Analysis
// (analyzeMarketColumns: features, forests, arrays). Prints one JSON line: ms of wall and CPU.
// Run it once per fresh process; compare ROUNDS 0 (a cold core) with 3 (the page's), and with
// `node --no-liftoff --no-wasm-lazy-compilation` (every function optimised before the first
// call: the floor that no warm-up can beat).
//
//   node bench/wasm_warm_up.mjs DIST DATA_DIR WARMUP_DIR ROUNDS
import fs from 'node:fs';
import path from 'node:path';
import { loadVixray } from '../wasm/test/load.mjs';
import { warmUpCore } from '../web/js/core_api.js';

const [dist, dataDir, warmUpDir, roundsText = '3'] = process.argv.slice(2);
if (!dist || !dataDir || !warmUpDir) {
  console.error('usage: node bench/wasm_warm_up.mjs DIST DATA_DIR WARMUP_DIR ROUNDS');
  process.exit(2);
}
const read = (dir, name) => new Uint8Array(fs.readFileSync(path.join(dir, name)));
const vx = await loadVixray(dist, { build: 'page' });
// As the page: the heap written before the data arrives (core_api.js reserveAnalysisHeap).
for (let mb = 4; mb <= 24; mb += 4) vx.reserveHeap(mb);
const files = { model: read(warmUpDir, 'model.json'), market: read(warmUpDir, 'market.json') };
const bundle = read(dataDir, 'model.json');
const market = read(dataDir, 'market.json');
const cpuMs = (since) => {
  const { user, system } = process.cpuUsage(since);
  return (user + system) / 1000;
};
const round = (x) => Number(x.toFixed(1));

let cpu = process.cpuUsage();
let wall = performance.now();
const warmed = await warmUpCore(vx, files, () => true, Number(roundsText));
const warmUp = { rounds: warmed.rounds, wallMs: round(performance.now() - wall) };
warmUp.cpuMs = round(cpuMs(cpu));
// The page's data arrives later: V8's optimising compiles finish in the background meanwhile.
await new Promise((resolve) => setTimeout(resolve, 50));

cpu = process.cpuUsage();
wall = performance.now();
const { model } = vx.EnsembleModel.openBundle(bundle);
const bundleMs = performance.now() - wall;
const result = model.analyzeMarketColumns(market);
const { featuresMs, analysisMs, exportMs } = result.timings;
console.log(
  JSON.stringify({
    rounds: warmUp.rounds,
    warmUp,
    bundleMs: round(bundleMs),
    featuresMs: round(featuresMs),
    analysisMs: round(analysisMs),
    exportMs: round(exportMs),
    analyzeMs: round(featuresMs + analysisMs + exportMs),
    cpuMs: round(cpuMs(cpu)),
  }),
);
model.delete();
