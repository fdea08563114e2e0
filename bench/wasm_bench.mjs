// WebAssembly-in-Node scoring throughput for `make bench` (bench/run.sh).
// usage: node bench/wasm_bench.mjs DIST MODEL.json DATA.csv LABEL_COL REPEATS
// Scores DATA.csv (all columns but LABEL_COL, in the model's order) with the browser build,
// best of REPEATS runs, and prints one key=value line (rows per CPU second of the Node process,
// as the native and scikit-learn sides measure CPU time; wall-clock time beside it). When the
// build has scoring kernels (forest.kernelName: the simd branch), one `wasm_kernel=` line per
// kernel (scalar, simd128; the rank walk is native only) follows, timed interleaved, with rows per CPU second, CPU nanoseconds
// per (row, tree) and whether the scores equal the scalar ones bit for bit (exit 1 if not).
import fs from 'node:fs';
import { loadVixray } from '../wasm/test/load.mjs';
import { bestOf, bestOfInterleaved, modelRows, scoreFields } from './bench_util.mjs';

const [dist, modelPath, dataPath, labelCol, repeatsText] = process.argv.slice(2);
const repeats = Math.max(1, Number(repeatsText ?? 5));
const vx = await loadVixray(dist);
const forest = vx.Forest.fromJSON(fs.readFileSync(modelPath, 'utf8'));
const { x, rows, cols } = modelRows(vx, forest, dataPath, labelCol);
const timing = await bestOf(repeats, () => forest.score(x, rows, cols));
console.log(`wasm rows=${rows} ${scoreFields('', rows, timing)} node=${process.version}`);

// Scalar vs SIMD128 on the same rows, interleaved.
let identical = true;
if (typeof forest.kernelName === 'function') {
  const kernels = ['scalar', 'simd'];
  const scores = {};
  const best = await bestOfInterleaved(
    repeats,
    Object.fromEntries(kernels.map((k) => [k, () => (scores[k] = forest.score(x, rows, cols, k))])),
  );
  const bytes = (a) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  identical = kernels.every((k) => Buffer.compare(bytes(scores.scalar), bytes(scores[k])) === 0);
  const walks = rows * forest.nTrees;
  for (const k of kernels) {
    console.log(
      `wasm_kernel=${forest.kernelName(k)} kernel_s=${best[k].cpu.toFixed(6)} ` +
        `kernel_rows_per_s=${(rows / best[k].cpu).toFixed(0)} ` +
        `ns_per_row_tree=${((1e9 * best[k].cpu) / walks).toFixed(3)} ` +
        `kernel_wall_s=${best[k].wall.toFixed(6)} ` +
        `speedup_vs_scalar=${(best.scalar.cpu / best[k].cpu).toFixed(2)} ` +
        `identical=${identical ? 'yes' : 'NO'}`,
    );
  }
}
forest.delete();
if (!identical) process.exit(1);
