// WebAssembly-in-Node scoring throughput for `make bench` (bench/run.sh).
// usage: node bench/wasm_bench.mjs DIST MODEL.json DATA.csv LABEL_COL REPEATS
// Scores DATA.csv (all columns but LABEL_COL, in the model's order) with the browser build,
// best of REPEATS runs, and prints one key=value line (rows per CPU second of the Node process,
// as the native and scikit-learn sides measure CPU time; wall-clock time beside it), then one
// `wasm_kernel=` line per kernel (scalar, simd128), timed interleaved, with rows per CPU second,
// CPU nanoseconds per (row, tree) and whether the scores equal the scalar ones bit for bit.
import fs from 'node:fs';
import { loadVixray } from '../wasm/test/load.mjs';

const [dist, modelPath, dataPath, labelCol, repeatsText] = process.argv.slice(2);
const repeats = Math.max(1, Number(repeatsText ?? 5));
const vx = await loadVixray(dist);
const forest = vx.Forest.fromJSON(fs.readFileSync(modelPath, 'utf8'));
const table = vx.parseNumericTable(fs.readFileSync(dataPath, 'utf8'), dataPath);
const names = forest.featureNames;
const index = names.map((n) => table.columns.indexOf(n));
if (index.some((i) => i < 0) || table.columns.indexOf(labelCol) < 0) {
  throw new Error(`${dataPath}: missing model or label columns`);
}
const rows = table.rows;
const cols = names.length;
const x = new Float64Array(rows * cols);
for (let r = 0; r < rows; r++) {
  for (let c = 0; c < cols; c++) x[r * cols + c] = table.values[r * table.cols + index[c]];
}
forest.score(x, rows, cols); // warm-up (JIT tiers, memory growth)
let best = Infinity;
let bestWall = Infinity;
for (let i = 0; i < repeats; i++) {
  const wall = performance.now();
  const cpu = process.cpuUsage();
  forest.score(x, rows, cols);
  const used = process.cpuUsage(cpu);
  best = Math.min(best, (used.user + used.system) / 1e6);
  bestWall = Math.min(bestWall, (performance.now() - wall) / 1000);
}
// Scalar vs SIMD128 on the same rows, interleaved.
const kernels = ['scalar', 'simd'];
const bestKernel = [Infinity, Infinity];
const bestKernelWall = [Infinity, Infinity];
const kernelScores = kernels.map((k) => forest.score(x, rows, cols, k)); // warm-up
for (let i = 0; i < repeats; i++) {
  kernels.forEach((k, n) => {
    const wall = performance.now();
    const cpu = process.cpuUsage();
    kernelScores[n] = forest.score(x, rows, cols, k);
    const used = process.cpuUsage(cpu);
    bestKernel[n] = Math.min(bestKernel[n], (used.user + used.system) / 1e6);
    bestKernelWall[n] = Math.min(bestKernelWall[n], (performance.now() - wall) / 1000);
  });
}
const bytes = (a) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
const identical = Buffer.compare(bytes(kernelScores[0]), bytes(kernelScores[1])) === 0;
const kernelNames = kernels.map((k) => forest.kernelName(k));
const walks = rows * forest.nTrees;
forest.delete();
console.log(
  `wasm rows=${rows} score_s=${best.toFixed(6)} ` +
    `score_rows_per_s=${(rows / best).toFixed(0)} score_wall_s=${bestWall.toFixed(6)} ` +
    `node=${process.version}`,
);
kernels.forEach((k, n) => {
  console.log(
    `wasm_kernel=${kernelNames[n]} kernel_s=${bestKernel[n].toFixed(6)} ` +
      `kernel_rows_per_s=${(rows / bestKernel[n]).toFixed(0)} ` +
      `ns_per_row_tree=${((1e9 * bestKernel[n]) / walks).toFixed(3)} ` +
      `kernel_wall_s=${bestKernelWall[n].toFixed(6)} ` +
      `speedup_vs_scalar=${(bestKernel[0] / bestKernel[n]).toFixed(2)} ` +
      `identical=${identical ? 'yes' : 'NO'}`,
  );
});
if (!identical) process.exit(1);
