// vixray vs ONNX Runtime for `make bench` (bench/run.sh): the same forest, the same rows.
// usage: node bench/onnx_bench.mjs DIST MODEL.json DATA.csv LABEL_COL REPEATS
// Writes the vixray forest MODEL.json as an ONNX TreeEnsembleRegressor graph (onnx_forest.mjs)
// and scores DATA.csv (all columns but LABEL_COL, in the model's order; every value must be a
// float32, since ONNX Runtime reads float32) with onnxruntime-node (CPU) and onnxruntime-web (its
// WebAssembly backend, here under Node), one thread each, best of REPEATS, interleaved with
// vixray's WebAssembly build in the same process (vx_wasm_*). Both output the mean
// path length, checked against vixray's (the WebAssembly build's scores s, bit-identical to the
// native ones: mean = -c(psi) log2 s). Prints one key=value line: rows per CPU second and, per
// runtime, how many rows agree within 1e-4 (float32 sums of 100 path lengths near 10 round at
// ~1e-5; a different leaf in one tree moves the mean by at least leaf_gap = the smallest gap
// between two leaf weights of a tree / trees, printed), how many equal vixray's mean rounded to
// float32, and the max |diff|.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import * as ortWeb from 'onnxruntime-web';
import { loadVixray } from '../wasm/test/load.mjs';
import { bestOfInterleaved, modelRows, scoreFields } from './bench_util.mjs';
import { averagePathLength, forestToOnnx } from './onnx_forest.mjs';

const ortNode = createRequire(import.meta.url)('onnxruntime-node');
const [dist, modelPath, dataPath, labelCol, repeatsText] = process.argv.slice(2);
const repeats = Math.max(1, Number(repeatsText ?? 5));
const modelText = fs.readFileSync(modelPath, 'utf8');
const vx = await loadVixray(dist);
const forest = vx.Forest.fromJSON(modelText);
const { x, rows, cols } = modelRows(vx, forest, dataPath, labelCol);
const x32 = Float32Array.from(x);
const inexact = x.findIndex((v, i) => v !== x32[i]);
if (inexact >= 0) {
  throw new Error(
    `${dataPath}: row ${Math.floor(inexact / cols) + 1}, column ${forest.featureNames[inexact % cols]}` +
      ` is ${x[inexact]}; expected a float32 value (ONNX Runtime reads float32)`,
  );
}
const normaliser = averagePathLength(forest.sampleSize);
const vixrayMean = Array.from(forest.score(x, rows, cols), (s) => -normaliser * Math.log2(s));
const trees = forest.nTrees;
const onnxModel = forestToOnnx(JSON.parse(modelText));

// Rows within 1e-4 of vixray's mean path length, rows equal to it rounded to float32, max |diff|.
function parity(y) {
  let agree = 0;
  let exact = 0;
  let maxDiff = 0;
  for (let r = 0; r < rows; r++) {
    const diff = Math.abs(y[r] - vixrayMean[r]);
    if (diff <= 1e-4) agree++;
    if (y[r] === Math.fround(vixrayMean[r])) exact++;
    maxDiff = Math.max(maxDiff, diff);
  }
  return { agree, exact, maxDiff };
}

// A session of one runtime on the model, with its input tensor and last output.
async function session(ort, options) {
  const run = await ort.InferenceSession.create(onnxModel.bytes, options);
  const input = new ort.Tensor('float32', x32, [rows, cols]);
  const state = { y: null, release: () => run.release() };
  state.score = async () => {
    state.y = (await run.run({ X: input })).Y.data;
  };
  return state;
}

const one = { intraOpNumThreads: 1, interOpNumThreads: 1, executionMode: 'sequential' };
ortWeb.env.wasm.numThreads = 1;
const ortNodeSession = await session(ortNode, { ...one, executionProviders: ['cpu'] });
const ortWebSession = await session(ortWeb, { ...one, executionProviders: ['wasm'] });
// vixray's WebAssembly build beside them, in the same process, interleaved.
const timings = await bestOfInterleaved(repeats, {
  vx_wasm: () => forest.score(x, rows, cols),
  ort_node: ortNodeSession.score,
  ort_web: ortWebSession.score,
});
forest.delete();
const result = (name, s) => {
  const p = parity(s.y);
  return (
    `${scoreFields(name, rows, timings[name])} ${name}_agree=${p.agree} ` +
    `${name}_exact=${p.exact} ${name}_max_diff=${p.maxDiff.toExponential(2)}`
  );
};
console.log(
  `onnx rows=${rows} trees=${trees} leaf_gap=${(onnxModel.minLeafGap / trees).toExponential(2)} ` +
    `${scoreFields('vx_wasm', rows, timings.vx_wasm)} ${result('ort_node', ortNodeSession)} ` +
    `${result('ort_web', ortWebSession)} ort=${ortNode.env.versions.node}`,
);
await ortNodeSession.release();
await ortWebSession.release();
