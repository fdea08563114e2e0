// Native <-> WebAssembly parity of forest scores.
// usage: node forest_parity.mjs DIST MODEL.json DATA.csv NATIVE_SCORES.csv
// Scores DATA.csv (the model's columns, picked by name; others such as a label are ignored) with
// the wasm build and compares with the native `vixray forest score` output; prints
// max |difference| and exits 1 if it is above 1e-12. Both kernels of the build ("scalar" and
// "simd", SIMD128) must also give the same scores bit for bit (exit 1 if not).
import fs from 'node:fs';
import { loadVixray } from './load.mjs';

// The default in WebAssembly: the SIMD walk (the rank walk is native only: slower here).
const DEFAULT_KERNEL = 'simd128';
const [dist, modelPath, dataPath, nativePath] = process.argv.slice(2);
const vx = await loadVixray(dist);
const forest = vx.Forest.fromJSON(fs.readFileSync(modelPath, 'utf8'));
const table = vx.parseNumericTable(fs.readFileSync(dataPath, 'utf8'), dataPath);
// The model's feature columns, by name, row-major.
const names = forest.featureNames;
const index = names.map((n) => table.columns.indexOf(n));
if (index.some((i) => i < 0)) throw new Error(`${dataPath}: missing model columns`);
const rows = table.rows;
const x = new Float64Array(rows * names.length);
for (let r = 0; r < rows; r++) {
  for (let c = 0; c < names.length; c++)
    x[r * names.length + c] = table.values[r * table.cols + index[c]];
}
const t0 = performance.now();
const wasmScores = forest.score(x, rows, names.length);
const ms = performance.now() - t0;
const native = vx.parseNumericTable(fs.readFileSync(nativePath, 'utf8'), nativePath);
const scoreCol = native.columns.indexOf('score');
if (native.rows !== rows)
  throw new Error(`native scores have ${native.rows} rows, expected ${rows}`);
let maxDiff = 0;
let identical = 0;
for (let r = 0; r < rows; r++) {
  const d = Math.abs(wasmScores[r] - native.values[r * native.cols + scoreCol]);
  if (d === 0) identical++;
  if (!(d <= maxDiff)) maxDiff = d; // NaN-safe: a NaN difference becomes the max
}
// The kernels inside wasm: the default above is the SIMD one; the others must agree bit for bit.
const bits = (a) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
const kernelsAgree = ['scalar', 'simd'].every(
  (k) => Buffer.compare(bits(forest.score(x, rows, names.length, k)), bits(wasmScores)) === 0,
);
const kernel = forest.kernelName('auto');
forest.delete();
console.log(
  `forest parity ${dataPath}: ${rows} rows, max |wasm - native| = ${maxDiff}, ` +
    `bit-identical ${identical}/${rows}, wasm scoring (${kernel}) ` +
    `${((rows / ms) * 1000).toFixed(0)} rows/s, scalar = simd in wasm: ${kernelsAgree}`,
);
if (!kernelsAgree || kernel !== DEFAULT_KERNEL) {
  console.error(
    `FAIL: wasm kernels differ or the default kernel is ${kernel}, not ${DEFAULT_KERNEL}`,
  );
  process.exit(1);
}
if (!(maxDiff <= 1e-12)) {
  console.error('FAIL: parity above 1e-12');
  process.exit(1);
}
