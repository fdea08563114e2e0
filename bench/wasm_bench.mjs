// WebAssembly-in-Node scoring throughput for `make bench` (bench/run.sh).
// usage: node bench/wasm_bench.mjs DIST MODEL.json DATA.csv LABEL_COL REPEATS
// Scores DATA.csv (all columns but LABEL_COL, in the model's order) with the browser build,
// best of REPEATS runs, and prints one key=value line (rows per CPU second of the Node process,
// as the native and scikit-learn sides measure CPU time; wall-clock time beside it).
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
forest.score(x, rows, cols);  // warm-up (JIT tiers, memory growth)
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
forest.delete();
console.log(`wasm rows=${rows} score_s=${best.toFixed(6)} ` +
            `score_rows_per_s=${(rows / best).toFixed(0)} score_wall_s=${bestWall.toFixed(6)} ` +
            `node=${process.version}`);
