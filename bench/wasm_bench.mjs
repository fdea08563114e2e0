// WebAssembly-in-Node scoring throughput for `make bench` (bench/run.sh).
// usage: node bench/wasm_bench.mjs DIST MODEL.json DATA.csv LABEL_COL REPEATS
// Scores DATA.csv (all columns but LABEL_COL, in the model's order) with the browser build,
// best of REPEATS runs, and prints one key=value line (rows per CPU second of the Node process,
// as the native and scikit-learn sides measure CPU time; wall-clock time beside it).
import fs from 'node:fs';
import { loadVixray } from '../wasm/test/load.mjs';
import { bestOf, modelRows, scoreFields } from './bench_util.mjs';

const [dist, modelPath, dataPath, labelCol, repeatsText] = process.argv.slice(2);
const repeats = Math.max(1, Number(repeatsText ?? 5));
const vx = await loadVixray(dist);
const forest = vx.Forest.fromJSON(fs.readFileSync(modelPath, 'utf8'));
const { x, rows, cols } = modelRows(vx, forest, dataPath, labelCol);
const timing = await bestOf(repeats, () => forest.score(x, rows, cols));
forest.delete();
console.log(`wasm rows=${rows} ${scoreFields('', rows, timing)} node=${process.version}`);
