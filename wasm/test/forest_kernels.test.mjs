// Inside WebAssembly the SIMD128 walk gives the scalar kernel's scores bit for bit, on random
// forests (written here as vixray-forest JSON) and rows sitting on, 1 ulp above and 1 ulp below
// their thresholds, and values float32 cannot hold. Native parity: forest_parity.mjs (make
// test-wasm). Run with: node --test wasm/test/
import test from 'node:test';
import assert from 'node:assert/strict';
import { loadVixray } from './load.mjs';

const vx = await loadVixray();

// A small deterministic generator (mulberry32), so a failure is reproducible.
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const bits = new DataView(new ArrayBuffer(8));
// The next double above x (x finite).
function nextUp(x) {
  if (x === 0) return Number.MIN_VALUE;
  bits.setFloat64(0, x);
  bits.setBigInt64(0, bits.getBigInt64(0) + (x > 0 ? 1n : -1n));
  return bits.getFloat64(0);
}
const nextDown = (x) => -nextUp(-x);

const FLT_MAX = 3.4028234663852886e38;
// Thresholds must be float32 values; rows get these and doubles between or beyond floats.
const awkwardThresholds = [0, 0.5, Math.fround(0.1), Math.fround(1e-40), FLT_MAX, -FLT_MAX, -2.5];
const awkwardValues = [0, -0, 0.1, -0.1, 1e-310, -1e-310, 3.5e38, -3.5e38, 1e300, -1e300, 1 / 3];

// One tree of `size` training rows in the JSON form (pre-order features, split thresholds,
// leaf sizes), split at random up to the height limit.
function growTree(rand, cols, size, heightLimit) {
  const tree = { feature: [], threshold: [], leaf_size: [] };
  const grow = (n, depth) => {
    if (depth >= heightLimit || n <= 1 || rand() < 0.15) {
      tree.feature.push(-1);
      tree.leaf_size.push(n);
      return;
    }
    tree.feature.push(Math.floor(rand() * cols));
    tree.threshold.push(
      rand() < 0.4
        ? awkwardThresholds[Math.floor(rand() * awkwardThresholds.length)]
        : Math.fround((rand() - 0.5) * 20),
    );
    const left = Math.floor(rand() * (n + 1));
    grow(left, depth + 1);
    grow(n - left, depth + 1);
  };
  grow(size, 0);
  return tree;
}

function randomForest(rand, cols, nTrees) {
  const sampleSize = 64;
  const trees = [];
  for (let t = 0; t < nTrees; t++) trees.push(growTree(rand, cols, sampleSize, 6));
  return {
    format: 'vixray-forest',
    format_version: '1.0',
    n_features: cols,
    feature_names: Array.from({ length: cols }, (_, c) => `f${c}`),
    n_trees: nTrees,
    sample_size: sampleSize,
    height_limit: 6,
    seed: 1,
    contamination: null,
    offset: 0.5,
    trees,
  };
}

// Row values: a threshold of the forest, 1 ulp (double) above or below one, awkward, or random.
function rowsNear(rand, model, rows) {
  const thresholds = model.trees.flatMap((t) => t.threshold);
  const x = new Float64Array(rows * model.n_features);
  for (let i = 0; i < x.length; i++) {
    const pick = Math.floor(rand() * 6);
    const t = thresholds.length ? thresholds[Math.floor(rand() * thresholds.length)] : 0;
    if (pick === 0) x[i] = t;
    else if (pick === 1) x[i] = nextUp(t);
    else if (pick === 2) x[i] = nextDown(t);
    else if (pick === 3) x[i] = awkwardValues[Math.floor(rand() * awkwardValues.length)];
    else x[i] = (rand() - 0.5) * 20;
  }
  return x;
}

// The default in WebAssembly: the SIMD walk. The rank walk is native only (it measured slower
// in WebAssembly, bench/RESULTS.md), so "rank" runs the SIMD walk here.
const DEFAULT_KERNEL = 'simd128';

const sameBits = (a, b) =>
  Buffer.compare(
    new Uint8Array(a.buffer, a.byteOffset, a.byteLength),
    new Uint8Array(b.buffer, b.byteOffset, b.byteLength),
  ) === 0;

test('the default kernel in WebAssembly is the SIMD128 walk ("rank" too); scalar on request', () => {
  const forest = vx.Forest.fromJSON(JSON.stringify(randomForest(random(1), 2, 2)));
  assert.equal(forest.kernelName(), DEFAULT_KERNEL);
  assert.equal(forest.kernelName('rank'), 'simd128');
  assert.equal(forest.kernelName('simd'), 'simd128');
  assert.equal(forest.kernelName('scalar'), 'scalar');
  assert.throws(
    () => forest.kernelName('avx2'),
    /kernel: expected "auto", "scalar", "simd" or "rank"/,
  );
  forest.delete();
});

test('SIMD128 scores equal the scalar scores bit for bit (tails, 1 to 60 features)', () => {
  const rand = random(14);
  for (const cols of [1, 3, 8, 60]) {
    const model = randomForest(rand, cols, 10);
    const forest = vx.Forest.fromJSON(JSON.stringify(model));
    for (const rows of [1, 7, 15, 17, 129, 1000]) {
      const x = rowsNear(rand, model, rows);
      const scalar = forest.score(x, rows, cols, 'scalar');
      const simd = forest.score(x, rows, cols, 'simd');
      assert.ok(sameBits(scalar, simd), `${cols} features, ${rows} rows: kernels differ`);
      assert.ok(sameBits(simd, forest.score(x, rows, cols)), 'the default is the SIMD kernel');
    }
    forest.delete();
  }
});
