// The feature library in WebAssembly: a known answer, errors as JS Errors, and native <-> wasm
// parity. Parity: the native CLI writes a synthetic 9,000-day frame; this test punches NaN holes
// into it, writes it back as a wide CSV, has the native CLI compute every kind on it
// (`vixray features compute`), computes the same spec in WebAssembly, and requires identical bits
// (max |difference| = 0, NaN where the other side has NaN). The CLI is found at $VIXRAY_CLI or
// build/native/vixray (`make test-wasm` builds it first).
import test from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadVixray } from './load.mjs';

const vx = await loadVixray();
const cli = path.resolve(process.env.VIXRAY_CLI ?? 'build/native/vixray');

const isoOf = (day) => new Date(day * 86400000).toISOString().slice(0, 10);

function frameCsv(frame) {
  const names = Object.keys(frame.columns);
  const lines = [['date', ...names].join(',')];
  for (let r = 0; r < frame.dates.length; r++) {
    // String(v) is the shortest text that parses back to the same double.
    const fields = names.map((n) =>
      Number.isNaN(frame.columns[n][r]) ? '' : String(frame.columns[n][r]),
    );
    lines.push([isoOf(frame.dates[r]), ...fields].join(','));
  }
  return lines.join('\n') + '\n';
}

function parseFeatureCsv(text) {
  const lines = text.trimEnd().split('\n');
  const names = lines[0].split(',').slice(1);
  const rows = lines.length - 1;
  const values = new Float64Array(rows * names.length);
  for (let r = 0; r < rows; r++) {
    const fields = lines[r + 1].split(',');
    for (let c = 0; c < names.length; c++)
      values[r * names.length + c] = fields[c + 1] === '' ? NaN : Number(fields[c + 1]);
  }
  return { names, rows, values };
}

test('z-score over 3 days with the sample sd: {1,2,3} -> 1, {3,4,6} -> (5/3)/sqrt(7/3)', () => {
  const f = vx.computeFeatures(
    {
      dates: ['2020-01-02', '2020-01-03', '2020-01-06', '2020-01-07', '2020-01-08'],
      columns: { 'vix.close': [1, 2, 3, 4, 6] },
    },
    { features: [{ name: 'z', kind: 'zscore', input: 'vix.close', window: 3 }] },
  );
  assert.deepEqual(f.names, ['z']);
  assert.equal(f.rows, 5);
  assert.ok(Number.isNaN(f.values[0]) && Number.isNaN(f.values[1]));
  assert.equal(f.values[2], 1);
  assert.ok(Math.abs(f.values[4] - 5 / 3 / Math.sqrt(7 / 3)) < 1e-14);
  assert.deepEqual(Array.from(f.warmup), [2]);
  assert.deepEqual(Array.from(f.column('z').slice(2, 4)), [1, 1]);
});

test('catalogues: domains, the 14 seed-001 names, omission of absent inputs', () => {
  const full = vx.marketFeatureCatalogue();
  const domains = [...new Set(full.features.map((f) => f.domain))];
  assert.equal(domains.length, 10);
  const core = vx.marketFeatureCatalogue([
    'vix.close',
    'spx.open',
    'spx.high',
    'spx.low',
    'spx.close',
    'spx.volume',
  ]);
  assert.ok(core.features.length < full.features.length);
  assert.ok(
    !core.features.some((f) => f.domain === 'vix_term_structure' || f.domain === 'tail_risk'),
  );
  assert.equal(vx.tickerFeatureCatalogue().features.length, 14);
  assert.equal(
    vx.tickerFeatureCatalogue({ priceRelative: true }).features.find((f) => f.name === 'ATR_14')
      .relative,
    1,
  );
  const descriptions = vx.describeFeatures(full);
  assert.equal(descriptions.length, full.features.length);
  assert.equal(
    descriptions[full.features.findIndex((f) => f.name === 'vix_zscore_63d')],
    'z-score of vix.close against its 63-day mean (sample sd)',
  );
});

test('bad specs, missing columns and bad frames are JS Errors with the core message', () => {
  const frame = { dates: [1, 2, 3], columns: { 'vix.close': [1, 2, 3] } };
  assert.throws(
    () =>
      vx.computeFeatures(frame, {
        features: [{ name: 'a', kind: 'zscroe', input: 'vix.close', window: 3 }],
      }),
    /feature "a": unknown kind "zscroe"/,
  );
  assert.throws(
    () =>
      vx.computeFeatures(frame, {
        features: [{ name: 'r', kind: 'ratio', input: 'vix9d.close', input2: 'vix.close' }],
      }),
    /needs column "vix9d.close", which the frame lacks/,
  );
  assert.throws(() => vx.computeFeatures({ dates: [3, 2, 1], columns: {} }), /strictly increasing/);
  assert.throws(
    () => vx.computeFeatures({ dates: [1, 2], columns: { 'vix.close': [1] } }),
    /expected 2 values, got 1/,
  );
  assert.throws(() => vx.validateFeatureSpec('{"features": ['), /not valid JSON/);
  assert.throws(
    () => vx.parseFrameCsv('date,a\n2020-01-02,x\n', 'mine.csv'),
    /mine\.csv:2: column 2/,
  );
});

test('native and WebAssembly features are bit-identical on 9,000 days (every kind)', (t) => {
  if (!fs.existsSync(cli)) {
    t.skip(`native CLI absent at ${cli} (build it with make native or set VIXRAY_CLI)`);
    return;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vixray-features-'));
  try {
    execFileSync(cli, [
      'features',
      'synthetic',
      '--rows',
      '9000',
      '--seed',
      '7',
      '--out',
      path.join(dir, 'synthetic.csv'),
    ]);
    const frame = vx.parseFrameCsv(
      fs.readFileSync(path.join(dir, 'synthetic.csv'), 'utf8'),
      'synthetic.csv',
    );
    // Missing data as in real files: VIX close-only years, a missing VIX week, missing volumes.
    for (const c of ['vix.open', 'vix.high', 'vix.low']) frame.columns[c].fill(NaN, 0, 500);
    frame.columns['vix.close'].fill(NaN, 3000, 3005);
    for (let r = 17; r < 9000; r += 1013) frame.columns['spx.volume'][r] = NaN;
    const framePath = path.join(dir, 'frame.csv');
    fs.writeFileSync(framePath, frameCsv(frame));

    const spec = vx.marketFeatureCatalogue();
    spec.features.push(...vx.tickerFeatureCatalogue().features);
    spec.features.push(
      ...vx
        .tickerFeatureCatalogue({ priceRelative: true })
        .features.map((f) => ({ ...f, name: `${f.name}_rel` })),
    );
    spec.features.push(
      { name: 'vix_atr_14', kind: 'atr', input: 'vix', window: 14 },
      { name: 'vix_gap', kind: 'gap', input: 'vix' },
      { name: 'vix_wick_ratio', kind: 'candle_wick_ratio', input: 'vix' },
    );
    const kinds = new Set(spec.features.map((f) => f.kind));
    assert.deepEqual(
      vx.featureKinds().filter((k) => !kinds.has(k)),
      [],
      'every kind is covered',
    );
    const specPath = path.join(dir, 'spec.json');
    fs.writeFileSync(specPath, JSON.stringify(spec));

    const nativePath = path.join(dir, 'native.csv');
    execFileSync(cli, [
      'features',
      'compute',
      '--frame',
      framePath,
      '--spec',
      specPath,
      '--out',
      nativePath,
    ]);
    const native = parseFeatureCsv(fs.readFileSync(nativePath, 'utf8'));

    const t0 = performance.now();
    const wasm = vx.computeFeatures(frame, spec);
    const ms = performance.now() - t0;
    assert.deepEqual(wasm.names, native.names);
    assert.equal(wasm.rows, native.rows);
    let maxDiff = 0;
    let different = 0;
    let nanMismatch = 0;
    let finite = 0;
    for (let i = 0; i < wasm.values.length; i++) {
      const a = wasm.values[i];
      const b = native.values[i];
      if (Number.isNaN(a) || Number.isNaN(b)) {
        if (Number.isNaN(a) !== Number.isNaN(b)) nanMismatch++;
        continue;
      }
      finite++;
      maxDiff = Math.max(maxDiff, Math.abs(a - b));
      if (!Object.is(a, b)) different++;
    }
    t.diagnostic(
      `features parity: ${wasm.cols} features x ${wasm.rows} days, ${finite} finite values, ` +
        `max |diff| = ${maxDiff}, non-identical = ${different}, NaN mismatches = ${nanMismatch}; ` +
        `wasm compute ${ms.toFixed(1)} ms`,
    );
    assert.equal(nanMismatch, 0);
    assert.equal(maxDiff, 0);
    assert.equal(different, 0);
    assert.ok(finite > 0.9 * wasm.values.length);
    // The CSV text path of the wasm build gives the same bits.
    const fromText = vx.computeFeatures(fs.readFileSync(framePath, 'utf8'), spec);
    assert.ok(fromText.values.every((v, i) => Object.is(v, wasm.values[i])));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
