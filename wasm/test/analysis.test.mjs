// Native <-> WebAssembly parity of the whole Analysis. The native CLI generates inputs, trains a
// model and writes its Analysis; the wasm build loads the same bundle, computes the Analysis from
// typed arrays and must agree: every number within 1e-12 (bit-identical expected), every level,
// streak and episode identical. Run with: node --test wasm/test/ (after make native wasm).
import test from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadVixray } from './load.mjs';

const cli = path.resolve(process.env.VIXRAY_CLI ?? 'build/native/vixray');
const haveCli = fs.existsSync(cli);
const vx = await loadVixray();

// Parses the generic CSV (date, vix.close, spx.close, features; empty = missing) in JavaScript,
// so the wasm side gets its input as typed arrays exactly as a page would.
function readInputs(file) {
  const lines = fs.readFileSync(file, 'utf8').trim().split('\n');
  const header = lines[0].split(',');
  const vixCol = header.indexOf('vix.close');
  const spxCol = header.indexOf('spx.close');
  const featureCols = header.map((_, i) => i).filter((i) => i > 0 && i !== vixCol && i !== spxCol);
  const rows = lines.length - 1;
  const input = {
    dates: [],
    featureNames: featureCols.map((i) => header[i]),
    features: new Float64Array(rows * featureCols.length),
    vixClose: new Float64Array(rows),
    spxClose: new Float64Array(rows),
  };
  const num = (s) => (s === '' ? NaN : Number(s));
  for (let r = 0; r < rows; r++) {
    const f = lines[r + 1].split(',');
    input.dates.push(f[0]);
    input.vixClose[r] = num(f[vixCol]);
    input.spxClose[r] = num(f[spxCol]);
    featureCols.forEach((c, k) => {
      input.features[r * featureCols.length + k] = num(f[c]);
    });
  }
  return input;
}

// Walks two JSON values; numbers may differ by at most `tolerance`, everything else must be equal.
function compare(a, b, where, stats, tolerance) {
  if (typeof a === 'number' && typeof b === 'number') {
    const d = Math.abs(a - b);
    stats.numbers++;
    if (d === 0) stats.identical++;
    if (d > stats.maxDiff) stats.maxDiff = d;
    if (!(d <= tolerance)) assert.fail(`${where}: native ${a} vs wasm ${b}`);
    return;
  }
  if (Array.isArray(a)) {
    assert.ok(Array.isArray(b), `${where}: array expected`);
    assert.equal(a.length, b.length, `${where}: lengths differ`);
    a.forEach((x, i) => compare(x, b[i], `${where}[${i}]`, stats, tolerance));
    return;
  }
  if (a !== null && typeof a === 'object') {
    assert.ok(b !== null && typeof b === 'object', `${where}: object expected`);
    assert.deepEqual(Object.keys(a).sort(), Object.keys(b).sort(), `${where}: keys differ`);
    for (const k of Object.keys(a)) compare(a[k], b[k], `${where}.${k}`, stats, tolerance);
    return;
  }
  assert.equal(a, b, `${where}: values differ`);
}

test(
  'wasm Analysis equals the native Analysis on generated inputs',
  { skip: !haveCli && `${cli} not built` },
  () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vixray-analysis-'));
    const features = path.join(dir, 'features.csv');
    const model = path.join(dir, 'model.json');
    const nativeOut = path.join(dir, 'analysis.json');
    const run = (...args) => execFileSync(cli, args, { encoding: 'utf8' });
    run(
      'ensemble',
      'generate',
      '--days',
      '2500',
      '--seed',
      '3',
      '--without-vvix',
      '--out',
      features,
    );
    run('ensemble', 'train', '--features', features, '--out', model);
    run('ensemble', 'analyze', '--model', model, '--features', features, '--out', nativeOut);
    const native = JSON.parse(fs.readFileSync(nativeOut, 'utf8'));

    const ensemble = vx.EnsembleModel.fromJSON(fs.readFileSync(model, 'utf8'));
    const input = readInputs(features);
    const t0 = performance.now();
    const wasm = ensemble.analyze(input);
    const ms = performance.now() - t0;

    // Levels, streaks and episodes: identical.
    assert.deepEqual(wasm.level, native.level);
    assert.deepEqual(wasm.domain_levels, native.domain_levels);
    assert.deepEqual(wasm.persistence, native.persistence);
    assert.deepEqual(wasm.regimes, native.regimes);
    assert.deepEqual(wasm.contamination_flag, native.contamination_flag);
    // Every number within 1e-12.
    const stats = { numbers: 0, identical: 0, maxDiff: 0 };
    compare(native, wasm, 'analysis', stats, 1e-12);
    console.log(
      `analysis parity: ${stats.numbers} numbers, max |wasm - native| = ${stats.maxDiff}, ` +
        `bit-identical ${stats.identical}/${stats.numbers}, wasm analysis ${ms.toFixed(0)} ms`,
    );
    // Warm-up days are null, never 0; the last 10 forward returns are null.
    assert.equal(native.ensemble.score[0], null);
    assert.deepEqual(native.forward_return.slice(-10), new Array(10).fill(null));

    // TreeSHAP in the browser: contributions + expected value = path length, for every detector.
    const shap = ensemble.explain(input, input.dates.length - 1);
    for (const [name, e] of Object.entries(shap.detectors)) {
      assert.ok(e, `${name}: explanation expected on the last day`);
      const total = e.phi.reduce((s, v) => s + v, e.expected_value);
      assert.ok(
        Math.abs(total - e.path_length) < 1e-9,
        `${name}: additivity ${total} vs ${e.path_length}`,
      );
    }
    ensemble.delete();
    fs.rmSync(dir, { recursive: true, force: true });
  },
);

test('a bad bundle or input gives a readable Error', () => {
  assert.throws(() => vx.EnsembleModel.fromJSON('{"format":"vixray-model"'), /not valid JSON/);
  assert.throws(
    () => vx.EnsembleModel.fromJSON('{"format":"vixray-model","format_version":"3.0"}'),
    // Both versions named: the bundle's and this build's "(MAJOR.MINOR)".
    (e) => e instanceof Error && /3\.0/.test(e.message) && /\(2\.\d+\)/.test(e.message),
  );
  assert.throws(
    () => vx.EnsembleModel.fromJSON('{"format":"vixray-forest","format_version":"1.0"}'),
    /model\.format/,
  );
});
