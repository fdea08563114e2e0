// Native <-> wasm parity of ticker scores (issue 12 item 7): the page's ticker module
// (vixray_ticker.wasm) opens each bar file with the ticker model, as the ticker view does, and every bar's score
// must equal the one `vixray ticker score` wrote (max |diff| = 0, NaN where the CLI wrote null),
// and the flagged bars must be the CLI's anomalies.
//
//   node wasm/test/ticker_parity.mjs <dist> <ticker model.json> <anomalies.json> <bars.csv>...
import fs from 'node:fs';
import path from 'node:path';
import { loadVixray } from './load.mjs';

const [dist, modelPath, anomaliesPath, ...csvPaths] = process.argv.slice(2);
if (!dist || !modelPath || !anomaliesPath || csvPaths.length === 0) {
  console.error('usage: ticker_parity.mjs <dist> <model.json> <anomalies.json> <bars.csv>...');
  process.exit(2);
}

const vx = await loadVixray(dist, { build: 'page' });
// The module the ticker view loads (vixray_ticker.wasm), as the page does.
const { TickerSession } = await vx.openTickers({
  wasmBinary: fs.readFileSync(path.join(dist, 'vixray_ticker.wasm')),
});
const session = new TickerSession();
session.addModel(fs.readFileSync(modelPath, 'utf8'));
const native = JSON.parse(fs.readFileSync(anomaliesPath, 'utf8'));

let failures = 0;
const fail = (message) => {
  console.error(`ticker parity: ${message}`);
  failures++;
};

for (const csvPath of csvPaths) {
  const name = path.basename(csvPath);
  const view = session.open(name, fs.readFileSync(csvPath, 'utf8'));
  const expected = native.tickers.find((t) => t.ticker === view.ticker);
  if (!expected) {
    fail(`${name}: ticker ${view.ticker} is not in ${anomaliesPath}`);
    continue;
  }
  const wasm = view.columns.score;
  if (expected.score.length !== wasm.length) {
    fail(`${name}: ${expected.score.length} native scores, ${wasm.length} wasm scores`);
    continue;
  }
  let maxDiff = 0;
  let scored = 0;
  for (let i = 0; i < wasm.length; i++) {
    const n = expected.score[i];
    if (n === null) {
      if (!Number.isNaN(wasm[i])) fail(`${name} bar ${i}: native null, wasm ${wasm[i]}`);
      continue;
    }
    scored++;
    maxDiff = Math.max(maxDiff, Math.abs(n - wasm[i]));
    if (!(n === wasm[i])) fail(`${name} bar ${i}: native ${n}, wasm ${wasm[i]}`);
  }
  if (view.times.join() !== expected.time.join()) fail(`${name}: bar times differ`);
  const nativeFlags = native.anomalies
    .filter((a) => a.ticker === view.ticker)
    .map((a) => a.datetime)
    .sort();
  const wasmFlags = view.markers
    .filter((m) => m.flagged)
    .map((m) => m.datetime)
    .sort();
  if (nativeFlags.join() !== wasmFlags.join())
    fail(`${name}: flagged bars differ: native [${nativeFlags}], wasm [${wasmFlags}]`);
  console.log(
    `ticker parity ${name} (${view.ticker}, ${view.market} ${view.interval}): ${scored} scores, ` +
      `max |diff| = ${maxDiff}, ${wasmFlags.length} flagged bars identical`,
  );
}
session.delete();
if (failures) process.exit(1);
