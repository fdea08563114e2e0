// The wasm wrapper turns every core failure into a JavaScript Error with the C++ message;
// nothing aborts. Run with: node --test wasm/test/
import test from 'node:test';
import assert from 'node:assert/strict';
import { loadVixray } from './load.mjs';
import { tinyForest as tiny } from './tiny_forest.mjs'; // 2 features, 1 tree of 3 nodes

const vx = await loadVixray();

test('a valid hand-built model scores: both leaves at depth 1, c(1) = 0, c(2) = 1', () => {
  const forest = vx.Forest.fromJSON(JSON.stringify(tiny));
  const scores = forest.score(new Float64Array([0, 0, 1, 1]), 2, 2);
  // E[h] = 1 for both rows, score = 2^(-1/c(2)) = 0.5 exactly.
  assert.deepEqual(Array.from(scores), [0.5, 0.5]);
  forest.delete();
});

test('corrupt JSON gives an Error naming the problem', () => {
  assert.throws(
    () => vx.Forest.fromJSON('{"format": "vixray-forest", "tre'),
    (e) => e instanceof Error && /not valid JSON/.test(e.message),
  );
});

test('a newer major format version is refused with both versions named', () => {
  const newer = { ...tiny, format_version: '3.0' }; // this build reads 1.x and 2.x
  assert.throws(
    () => vx.Forest.fromJSON(JSON.stringify(newer)),
    (e) => e instanceof Error && /3\.0/.test(e.message) && /2\.0/.test(e.message),
  );
});

test('a truncated tree is refused', () => {
  const broken = { ...tiny, trees: [{ feature: [0, -1], threshold: [0.5], leaf_size: [1] }] };
  assert.throws(() => vx.Forest.fromJSON(JSON.stringify(broken)), /truncated/);
});

test('NaN input gives an Error, not an abort, and the module keeps working', () => {
  const forest = vx.Forest.fromJSON(JSON.stringify(tiny));
  assert.throws(() => forest.score(new Float64Array([NaN, 0]), 1, 2), /finite/);
  assert.equal(forest.score(new Float64Array([0, 0]), 1, 2)[0], 0.5);
  forest.delete();
  assert.throws(() => forest.score(new Float64Array([0, 0]), 1, 2), /deleted/);
});

test('wrong column count gives an Error naming both counts', () => {
  const forest = vx.Forest.fromJSON(JSON.stringify(tiny));
  assert.throws(() => forest.score(new Float64Array([1, 2, 3]), 1, 3), /expected 2 columns, got 3/);
  forest.delete();
});

test('bad CSV gives an Error with source, line and column', () => {
  assert.throws(
    () => vx.parseNumericTable('a,b\n1,2\n3,x\n', 'mine.csv'),
    /mine\.csv:3: column 2 \("b"\): expected a finite number, got "x"/,
  );
});
