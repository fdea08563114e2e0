// The whole pipeline, native against WebAssembly: `vixray train` on simulated data and
// `vixray export` write a bundle, market.json (raw prices), analysis.json and the seed-000 files;
// the wasm session computes features + Analysis from market.json and must produce the same
// Analysis (every number bit-identical) and the same seed-000 documents. Also: the reader's own
// CSV files scored in the page, what-if, and errors as JavaScript Errors.
import test from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadVixray } from './load.mjs';
import { checkBundle, openCheckedBundle } from '../../web/js/bundle_check.js';
import { openSession } from '../../web/js/core_api.js';

const cli = path.resolve(process.env.VIXRAY_CLI ?? 'build/native/vixray');
const vx = await loadVixray();
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vixray-market-'));
const run = (...args) => execFileSync(cli, args, { encoding: 'utf8' });
// A shorter simulated history keeps the test quick; the demo uses 1990-2025.
run('train', '--sim-start', '2000-01-03', '--sim-end', '2012-12-31', '--out', `${dir}/model.json`);
run('export', '--model', `${dir}/model.json`, '--out', `${dir}/out`);
const read = (name) => fs.readFileSync(`${dir}/out/${name}`, 'utf8');
const model = vx.EnsembleModel.fromJSON(read('model.json'));
// An exported file as the core computes it: without the export's id (every file but market.json
// and model.json carries it; `vixray validate` checks it), which the wasm documents do not have.
function exported(name) {
  const doc = JSON.parse(read(name));
  assert.match(doc.export_id, /^[0-9a-f]{64}$/, `${name}: export_id`);
  delete doc.export_id;
  return doc;
}

// Every leaf of two JSON values equal; numbers compared bit for bit (reports the worst diff).
function compare(a, b, where, stats) {
  if (typeof a === 'number' && typeof b === 'number') {
    stats.numbers++;
    const d = Math.abs(a - b);
    if (d > stats.max) stats.max = d;
    if (d !== 0) stats.diffs.push(where);
    return;
  }
  if (Array.isArray(a)) {
    assert.ok(Array.isArray(b) && a.length === b.length, `${where}: array lengths differ`);
    a.forEach((v, i) => compare(v, b[i], `${where}[${i}]`, stats));
    return;
  }
  if (a && typeof a === 'object') {
    assert.deepEqual(Object.keys(a).sort(), Object.keys(b).sort(), `${where}: keys differ`);
    for (const k of Object.keys(a)) compare(a[k], b[k], `${where}.${k}`, stats);
    return;
  }
  assert.equal(a, b, `${where} differs`);
}

test('the wasm Analysis of market.json equals the native export, bit for bit', () => {
  const native = exported('analysis.json');
  const t0 = performance.now();
  const wasm = model.analyzeMarket(read('market.json'));
  const ms = performance.now() - t0;
  const stats = { numbers: 0, max: 0, diffs: [] };
  compare(wasm, native, 'analysis', stats);
  console.log(
    `# market parity: ${stats.numbers} numbers over ${native.dates.length} days, ` +
      `max |wasm - native| = ${stats.max}; wasm features + Analysis + JSON ${ms.toFixed(0)} ms`,
  );
  assert.ok(stats.max <= 1e-12, `max diff ${stats.max} at ${stats.diffs.slice(0, 3)}`);
  assert.equal(stats.diffs.length, 0, 'aim: bit-identical');
});

// The page's path: the summary as JSON and every per-day figure as a typed array copied out of
// the core's buffers (EnsembleModel.analyzeMarketColumns). Same numbers as the native export,
// bit for bit (Object.is: NaN where the export has null; -0 and 0 told apart).
test('the typed-array Analysis equals the native export, bit for bit', () => {
  const native = exported('analysis.json');
  const result = model.analyzeMarketColumns(read('market.json'));
  const { summary, columns, days } = result;
  const n = native.dates.length;
  assert.equal(days, n);
  for (const key of ['featuresMs', 'analysisMs', 'exportMs'])
    assert.ok(result.timings[key] >= 0, key);
  // The summary is analysis_to_json without the per-day keys.
  const stats = { numbers: 0, max: 0, diffs: [] };
  for (const key of Object.keys(summary)) compare(summary[key], native[key], key, stats);
  assert.equal(stats.diffs.length, 0, `summary: ${stats.diffs.slice(0, 3)}`);
  const perDay = [
    'dates',
    'detector_scores',
    'ensemble',
    'level',
    'detectors_at_high',
    'detectors_scored',
    'domain_scores',
    'domain_levels',
    'contamination_flag',
    'forward_return',
    'regime',
    'vix_close',
    'spx_close',
  ];
  assert.deepEqual([...Object.keys(summary), ...perDay].sort(), Object.keys(native).sort());

  const LEVELS = ['NORMAL', 'MODERATE', 'HIGH', 'CRITICAL'];
  const expectSame = (actual, expected, type, where) => {
    assert.ok(actual instanceof type, `${where} is a ${type.name}`);
    assert.equal(actual.length, expected.length, `${where} length`);
    for (let i = 0; i < expected.length; i++) {
      const want = expected[i] === null ? NaN : expected[i];
      if (!Object.is(actual[i], want)) assert.fail(`${where}[${i}]: ${actual[i]} != ${want}`);
    }
  };
  assert.deepEqual(Array.from(columns.dates, vx.isoDate), native.dates);
  expectSame(columns.vix_close, native.vix_close, Float64Array, 'vix_close');
  expectSame(columns.spx_close, native.spx_close, Float64Array, 'spx_close');
  for (const k of ['score', 'std', 'min', 'max']) {
    expectSame(columns[`ensemble_${k}`], native.ensemble[k], Float64Array, `ensemble.${k}`);
  }
  expectSame(columns.forward_return, native.forward_return, Float64Array, 'forward_return');
  expectSame(
    columns.level,
    native.level.map((l) => LEVELS.indexOf(l)),
    Int8Array,
    'level',
  );
  expectSame(columns.regime, native.regime, Int32Array, 'regime');
  expectSame(columns.detectors_at_high, native.detectors_at_high, Int32Array, 'detectors_at_high');
  expectSame(columns.detectors_scored, native.detectors_scored, Int32Array, 'detectors_scored');
  // Detector- and domain-major blocks of n days, in the summary's name order.
  expectSame(
    columns.detector_scores,
    summary.detectors.flatMap((d) => native.detector_scores[d]),
    Float64Array,
    'detector_scores',
  );
  expectSame(
    columns.domain_scores,
    summary.domains.flatMap((d) => native.domain_scores[d]),
    Float64Array,
    'domain_scores',
  );
  expectSame(
    columns.domain_levels,
    summary.domains.flatMap((d) => native.domain_levels[d].map((l) => LEVELS.indexOf(l))),
    Int8Array,
    'domain_levels',
  );

  // The run lengths the core counts per day, against a reference counted here from the export.
  const streak = [],
    regimeDays = [],
    domainsAtHigh = [];
  for (let t = 0; t < n; t++) {
    const high = ['HIGH', 'CRITICAL'].includes(native.level[t]);
    streak.push(high ? (t > 0 ? streak[t - 1] : 0) + 1 : 0);
    const r = native.regime[t];
    regimeDays.push(r < 0 ? 0 : (t > 0 && native.regime[t - 1] === r ? regimeDays[t - 1] : 0) + 1);
    domainsAtHigh.push(
      summary.domains.filter((d) => ['HIGH', 'CRITICAL'].includes(native.domain_levels[d][t]))
        .length,
    );
  }
  expectSame(columns.streak, streak, Int32Array, 'streak');
  expectSame(columns.regime_days, regimeDays, Int32Array, 'regime_days');
  expectSame(columns.domains_at_high, domainsAtHigh, Int32Array, 'domains_at_high');
  assert.equal(columns.streak[n - 1], native.persistence.current_streak);
  assert.equal(columns.regime_days[n - 1], native.regimes.current?.days ?? 0);
  const today = native.today.index;
  assert.equal(columns.domains_at_high[today], native.today.domains_at_high_count);
  assert.ok(
    streak.some((x) => x > 1) && regimeDays.some((x) => x > 1),
    'runs longer than a day occur',
  );

  // UTF-8 bytes (what the page downloads) give the same numbers as text.
  const encode = (name) => new TextEncoder().encode(read(name));
  const fromBytes = vx.EnsembleModel.fromJSON(encode('model.json'));
  try {
    const again = fromBytes.analyzeMarketColumns(encode('market.json'));
    assert.deepEqual(again.summary, summary);
    for (const [name, values] of Object.entries(columns))
      assert.deepEqual(again.columns[name], values, name);
  } finally {
    fromBytes.delete();
  }

  // The market read this way is the current one: explaining a day works on it.
  assert.ok(model.explainDay(today).detectors);
  console.log(
    `# typed-array path: ${n} days; features ${result.timings.featuresMs.toFixed(0)} ms, ` +
      `Analysis ${result.timings.analysisMs.toFixed(0)} ms, summary + copies ${result.timings.exportMs.toFixed(1)} ms`,
  );
});

// The dashboard loads a smaller build (vixray_core.mjs: the page's bindings only, see
// wasm/CMakeLists.txt); the other tests use the full one. Same core, same numbers.
test('the page build gives the same Analysis arrays, drivers and what-if, and only the page API', async () => {
  const page = await loadVixray(undefined, { build: 'page' });
  const pageModel = page.EnsembleModel.fromJSON(read('model.json'));
  try {
    const ours = pageModel.analyzeMarketColumns(read('market.json'));
    const full = model.analyzeMarketColumns(read('market.json'));
    assert.deepEqual(ours.summary, full.summary);
    for (const [name, values] of Object.entries(full.columns))
      assert.deepEqual(ours.columns[name], values, name);
    const today = full.summary.today.index;
    assert.deepEqual(pageModel.explainDay(today), model.explainDay(today));
    assert.deepEqual(pageModel.whatIf(35, -4), model.whatIf(35, -4));
  } finally {
    pageModel.delete();
  }
  assert.deepEqual(page.isoDates([0, 59]), ['1970-01-01', '1970-03-01']);
  for (const name of ['Forest', 'simulateMarket', 'FrameBuilder', 'describeFeatures']) {
    assert.equal(page.core[name], undefined, name);
    assert.notEqual(vx.core[name], undefined, name);
  }
  for (const name of ['documents', 'analyzeMarket', 'analyzeFiles', 'analyze', 'explain']) {
    assert.equal(page.core.EnsembleModel.prototype[name], undefined, name);
  }
  assert.equal(typeof vx.core.EnsembleModel.prototype.documents, 'function');
});

// The page scores half the detectors in a second worker (web/js/scorer.js): scoreMarket in one
// instance of the core, analyzeMarketColumnsSplit in another. The Analysis must not depend on
// the split, nor on the other instance failing or answering for other days or detectors, nor on
// which forests were laid out before (EnsembleModel.layOut).
test('the Analysis split over two instances of the core equals the one-instance Analysis', async () => {
  const page = await loadVixray(undefined, { build: 'page' }); // its own memory, as a worker
  const market = read('market.json');
  const whole = model.analyzeMarketColumns(market);
  const count = model.nDetectors;
  const elsewhere = Array.from({ length: Math.floor(count / 2) }, (_, i) => count - 1 - i);
  const scorer = page.EnsembleModel.fromJSON(read('model.json'));
  const main = vx.EnsembleModel.fromJSON(read('model.json'));
  const same = (result, what) => {
    assert.deepEqual(result.summary, whole.summary, `${what}: summary`);
    for (const [name, values] of Object.entries(whole.columns)) {
      assert.deepEqual(result.columns[name], values, `${what}: ${name}`);
    }
  };
  try {
    // Each instance lays out only the forests it scores, as the page's workers do (layOut); the
    // others are laid out on first use (the 'failed' case below, the explanation).
    scorer.layOut(elsewhere);
    main.layOut(Array.from({ length: count - elsewhere.length }, (_, i) => i));
    assert.throws(() => main.layOut([count]), new RegExp(`detector ${count} does not exist`));
    const remote = scorer.scoreMarket(market, elsewhere);
    assert.equal(remote.days, whole.days);
    assert.deepEqual(remote.detectors, elsewhere);
    // Detector k's block equals the Analysis's scores of detector k (detector-major columns).
    elsewhere.forEach((k, i) => {
      assert.deepEqual(
        remote.scores.subarray(i * remote.days, (i + 1) * remote.days),
        whole.columns.detector_scores.subarray(k * whole.days, (k + 1) * whole.days),
        `detector ${k}`,
      );
    });
    const split = await main.analyzeMarketColumnsSplit(market, {
      detectors: elsewhere,
      scores: Promise.resolve(remote),
    });
    assert.equal(split.timings.remote, true);
    same(split, 'split');
    // The other instance failed: its detectors are scored here, same Analysis.
    const failed = await main.analyzeMarketColumnsSplit(market, {
      detectors: elsewhere,
      scores: Promise.reject(new Error('gone')),
    });
    assert.equal(failed.timings.remote, false);
    same(failed, 'failed');
    // An answer for other detectors (or other days) is not used.
    const wrong = { ...remote, detectors: elsewhere.map((k) => (k + 1) % count) };
    const mismatched = await main.analyzeMarketColumnsSplit(market, {
      detectors: elsewhere,
      scores: Promise.resolve(wrong),
    });
    assert.equal(mismatched.timings.remote, false);
    same(mismatched, 'mismatched');
    // The split market is the current one: explaining a day works on it.
    assert.deepEqual(
      main.explainDay(whole.summary.today.index),
      model.explainDay(whole.summary.today.index),
    );
    // The scorer computed only its detectors' features: committed alone, it computes the others'
    // and scores every detector, the same Analysis.
    scorer._live().analyzeLoaded();
    same(scorer.columns(), 'scorer alone');
    assert.throws(
      () => scorer.scoreMarket(market, [count]),
      new RegExp(`detector ${count} does not exist`),
    );
  } finally {
    scorer.delete();
    main.delete();
  }
});

// columns(output): the arrays copied into the memory the page wrote to beforehand (core_api.js
// reserveOutputMemory), 8-byte aligned one after the other, the same bytes as without it; what
// does not fit, or a detached buffer, gets buffers of its own.
test('the per-day arrays placed in a given ArrayBuffer are the same bytes', async () => {
  const market = read('market.json');
  const own = model.analyzeMarketColumns(market);
  const bytesOf = (a) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
  const total = Object.values(own.columns).reduce(
    (sum, a) => sum + Math.ceil(a.byteLength / 8) * 8,
    0,
  );
  const check = (result, output, what) => {
    assert.deepEqual(result.summary, own.summary, `${what}: summary`);
    let placed = 0;
    for (const [name, values] of Object.entries(own.columns)) {
      const got = result.columns[name];
      assert.equal(got.constructor, values.constructor, `${what}: ${name} type`);
      assert.ok(bytesOf(got).equals(bytesOf(values)), `${what}: ${name} bytes`);
      if (got.buffer === output) {
        assert.equal(got.byteOffset % 8, 0, `${what}: ${name} aligned`);
        placed++;
      } else assert.equal(got.buffer.byteLength, got.byteLength, `${what}: ${name} own buffer`);
    }
    return placed;
  };
  const count = Object.keys(own.columns).length;
  const roomy = new ArrayBuffer(total + 64);
  assert.equal(check(model.columns(roomy), roomy, 'roomy'), count);
  const small = new ArrayBuffer(Math.floor(total / 2));
  const some = check(model.columns(small), small, 'small');
  assert.ok(some > 0 && some < count, `small: ${some} of ${count} placed`);
  const detached = new ArrayBuffer(total);
  structuredClone(detached, { transfer: [detached] });
  assert.equal(check(model.columns(detached), detached, 'detached'), 0);
  // Through the analysis calls: a restore from the kept state places its arrays too.
  const state = model.analysisState();
  const restored = model.restoreMarketColumns(state, market, { output: roomy });
  assert.equal(check(restored, roomy, 'restore'), count);
  // The second worker's scores (scoreMarket) likewise.
  const alone = model.scoreMarket(market, [0, 2]).scores;
  const placed = model.scoreMarket(market, [0, 2], { output: roomy }).scores;
  assert.equal(placed.buffer, roomy);
  assert.ok(bytesOf(placed).equals(bytesOf(alone)), 'scores placed');
  const unplaced = model.scoreMarket(market, [0, 2], { output: small.slice(0, 8) }).scores;
  assert.ok(bytesOf(unplaced).equals(bytesOf(alone)), 'scores that do not fit');
});

test("the typed-array path of the reader's files and its errors", () => {
  const sim = vx.simulate({ seed: 3, start: '2005-01-03', end: '2010-12-31' });
  const files = ['vix', 'spx', 'vix9d', 'vix3m', 'vvix', 'skew'].map((name) => ({
    name: `${name}.csv`,
    text: sim[name],
  }));
  const own = vx.EnsembleModel.fromJSON(read('model.json'));
  try {
    const viaJson = own.analyzeFiles(files);
    const viaColumns = own.analyzeFilesColumns(files);
    assert.equal(viaColumns.days, viaJson.dates.length);
    assert.deepEqual(
      Array.from(viaColumns.columns.ensemble_score, (x) => (Number.isNaN(x) ? null : x)),
      viaJson.ensemble.score,
    );
    assert.deepEqual(viaColumns.summary.today, viaJson.today);
    // A failed load leaves the current market as it was.
    assert.throws(() => own.analyzeMarketColumns('{"format": "nothing"}'), Error);
    assert.equal(own.columns().days, viaJson.dates.length);
    assert.throws(() => own._live().column('nothing'), /unknown column "nothing"/);
  } finally {
    own.delete();
  }
  const fresh = vx.EnsembleModel.fromJSON(read('model.json'));
  try {
    assert.throws(() => fresh.columns(), /no market loaded/);
  } finally {
    fresh.delete();
  }
});

test('the wasm seed-000 documents equal the exported files (but for the export time)', () => {
  const report = JSON.parse(read('anomaly_report.json'));
  const docs = model.documents(
    report.timestamp,
    JSON.parse(read('anomaly_metadata.json')).training_info.training_date,
  );
  for (const name of Object.keys(docs)) {
    const stats = { numbers: 0, max: 0, diffs: [] };
    compare(docs[name], exported(name), name, stats);
    assert.equal(stats.diffs.length, 0, `${name}: ${stats.diffs.slice(0, 3)}`);
  }
  assert.equal(Object.keys(docs).length, 8);
});

// The page checks a bundle as the CLI does: SHA-256 of the core's canonical content (here by
// Node's crypto, in the page by SubtleCrypto) equals the content_sha256 OpenSSL wrote.
test('contentOf: the canonical content hashes to the content_sha256 the CLI wrote', () => {
  const text = read('model.json');
  const sha = (s) => crypto.createHash('sha256').update(s, 'utf8').digest('hex');
  const { stored, content } = vx.EnsembleModel.contentOf(text);
  assert.match(stored, /^[0-9a-f]{64}$/);
  assert.equal(sha(content), stored);
  assert.deepEqual(vx.EnsembleModel.contentOf(new TextEncoder().encode(text)), { stored, content });
  const tampered = text.replace('"forward_return_horizon":10', '"forward_return_horizon":11');
  assert.notEqual(tampered, text);
  const other = vx.EnsembleModel.contentOf(tampered);
  assert.equal(other.stored, stored);
  assert.notEqual(sha(other.content), stored);
  const unsigned = JSON.parse(text);
  delete unsigned.content_sha256;
  assert.equal(vx.EnsembleModel.contentOf(JSON.stringify(unsigned)).stored, null);
  assert.throws(() => vx.EnsembleModel.contentOf('{"format":'), /not valid JSON/);
});

// The page reads the bundle once (bundle_check.js openCheckedBundle): the core gives the model
// and the bundle without its content_sha256 member, which for a bundle the CLI wrote is the
// canonical content itself; a bundle that is not as the CLI wrote it falls back to the canonical
// content, and a modified one is refused with checkBundle's message.
test('openCheckedBundle: one read, the hash text is the canonical content, errors as before', async () => {
  const text = read('model.json');
  const bytes = new TextEncoder().encode(text);
  const sha = (b) => crypto.createHash('sha256').update(b).digest('hex');
  const { stored, content } = vx.EnsembleModel.contentOf(text);
  const opened = vx.EnsembleModel.openBundle(bytes);
  assert.equal(opened.stored, stored);
  assert.equal(new TextDecoder().decode(opened.hashText), content);
  assert.equal(sha(opened.hashText), stored);
  assert.equal(opened.model.toJSON(), model.toJSON()); // the model fromJSON reads
  opened.model.delete();
  // The same hash text as a view during the call (what the page hashes, without a copy).
  const viewed = vx.EnsembleModel.openBundle(bytes, { hashView: (view) => sha(view) });
  assert.equal(viewed.hashed, stored);
  assert.equal(viewed.hashText, undefined);
  viewed.model.delete();
  // What bundle_check.js relies on: SubtleCrypto's digest has its own copy once it returns
  // (WebCrypto: "a copy of the bytes held by the data parameter"); the view is wiped right after.
  const digested = vx.EnsembleModel.openBundle(bytes, {
    hashView: (view) => {
      const digest = globalThis.crypto.subtle.digest('SHA-256', view);
      view.fill(0);
      return digest;
    },
  });
  assert.equal(Buffer.from(await digested.hashed).toString('hex'), stored);
  digested.model.delete();
  // The page's check of a bundle as the CLI wrote it hashes that view (SubtleCrypto copies it
  // before the core's memory changes): the canonical content (contentOf) is never needed.
  const contentOf = vx.EnsembleModel.contentOf;
  let contentReads = 0;
  vx.EnsembleModel.contentOf = (...args) => (contentReads++, contentOf(...args));
  try {
    const checked = await openCheckedBundle(vx, bytes);
    assert.equal(checked.sha256, stored);
    assert.equal(checked.model.toJSON(), model.toJSON());
    checked.model.delete();
    assert.equal(contentReads, 0);
    // Not as the CLI writes it (a space after the first brace): the canonical content decides.
    const spaced = await openCheckedBundle(vx, text.replace('{', '{ '));
    assert.equal(spaced.sha256, stored);
    spaced.model.delete();
    assert.equal(contentReads, 1);
  } finally {
    vx.EnsembleModel.contentOf = contentOf;
  }
  // Modified: checkBundle's error, word for word; also when the core cannot read the model.
  for (const tampered of [
    text.replace('"forward_return_horizon":10', '"forward_return_horizon":11'),
    text.replace('"forward_return_horizon":10', '"forward_return_horizon":0'),
  ]) {
    assert.notEqual(tampered, text);
    const expected = await checkBundle(vx, tampered).catch((e) => e.message);
    assert.match(expected, /content_sha256 says [0-9a-f]{64} but its content hashes to/);
    await assert.rejects(openCheckedBundle(vx, tampered), { message: expected });
  }
  const unsigned = JSON.parse(text);
  delete unsigned.content_sha256;
  await assert.rejects(
    openCheckedBundle(vx, JSON.stringify(unsigned)),
    /content_sha256 is missing/,
  );
  await assert.rejects(openCheckedBundle(vx, '{"format":'), /not valid JSON/);
});

// The page's session hashes the bundle while it computes the Analysis (bundle_check.js
// openBundleChecking): a modified bundle is still refused with checkBundle's message, also
// when the market cannot be read either, and an intact one gives the Analysis of fromJSON.
test('openSession: the bundle check runs beside the Analysis and still refuses first', async () => {
  const text = read('model.json');
  const market = new TextEncoder().encode(read('market.json'));
  const session = await openSession(vx, new TextEncoder().encode(text), market);
  const { summary } = model.analyzeMarketColumns(market);
  assert.deepEqual(session.analysis.summary, summary);
  session.close();
  const tampered = text.replace('"forward_return_horizon":10', '"forward_return_horizon":11');
  assert.notEqual(tampered, text);
  const expected = await checkBundle(vx, tampered).catch((e) => e.message);
  for (const data of [market, new TextEncoder().encode('{"format":')])
    await assert.rejects(openSession(vx, new TextEncoder().encode(tampered), data), {
      message: expected,
    });
});

test('explaining today: contributions add up to the path length (TreeSHAP additivity)', () => {
  const analysis = model.analyzeMarket(read('market.json'));
  assert.throws(() => model.explainDay(analysis.today), TypeError); // the summary, not an index
  const drivers = model.explainDay(analysis.today.index);
  let checked = 0;
  for (const d of Object.values(drivers.detectors)) {
    const sum = d.phi.reduce((a, b) => a + b, d.expected_value);
    assert.ok(Math.abs(sum - d.path_length) < 1e-9);
    checked++;
  }
  assert.equal(checked, 15);
});

test('what-if: a VIX jump to 45 with a -5% day is scored and classified', () => {
  model.analyzeMarket(read('market.json'));
  const calm = model.whatIf(15, 0.2);
  const stress = model.whatIf(45, -5);
  assert.ok(
    stress.ensemble.score > calm.ensemble.score,
    `${stress.ensemble.score} > ${calm.ensemble.score}`,
  );
  assert.ok(['HIGH', 'CRITICAL'].includes(stress.level), `level ${stress.level}`);
  assert.ok(stress.date > JSON.parse(read('market_state.json')).date);
  assert.ok(stress.drivers.detectors);
  assert.throws(
    () => model.whatIf(-3, 0),
    (e) => e instanceof Error && /VIX close must be a positive/.test(e.message),
  );
});

test("the reader's own CSV files are read and scored in the page; broken files name file and line", () => {
  const sim = vx.simulate({ seed: 3, start: '2005-01-03', end: '2010-12-31' });
  // Two files (VIX, S&P 500) while the model reads six series (issue 11): the last day is
  // scored by the detectors those feed, and the core says which series would add the rest.
  const two = model.analyzeFiles([
    { name: 'my_vix.csv', text: sim.vix },
    { name: '^GSPC.csv', text: sim.spx },
  ]);
  assert.equal(two.today.date, '2010-12-31');
  const partial = two.today.partial;
  assert.ok(partial && partial.detectors_scored < partial.detectors, JSON.stringify(partial));
  assert.equal(two.today.ensemble.n_detectors, partial.detectors_scored);
  assert.deepEqual([...partial.missing_inputs].sort(), ['SKEW', 'VIX3M', 'VIX9D', 'VVIX']);
  assert.match(partial.text, /^Scored by \d+ of 15 detectors .* would add the other \d+/);
  // Without the VIX there is no day to score: refused, naming the file to add.
  assert.throws(
    () => model.analyzeFiles([{ name: '^GSPC.csv', text: sim.spx }]),
    (e) => e instanceof Error && /no file gives vix \(every model reads/.test(e.message),
  );
  const files = ['vix9d', 'vix3m', 'vvix', 'skew'].map((name) => ({
    name: `${name}.csv`,
    text: sim[name],
  }));
  const analysis = model.analyzeFiles([
    { name: 'my_vix.csv', text: sim.vix },
    { name: '^GSPC.csv', text: sim.spx },
    ...files,
  ]);
  assert.equal(analysis.dates[0], '2005-01-03');
  assert.ok(analysis.today.index > 0);
  const broken = sim.vix.split('\n');
  broken[5] = broken[5].replace(/,[^,]*$/, ',abc');
  assert.throws(
    () =>
      model.analyzeFiles([
        { name: 'vix.csv', text: broken.join('\n') },
        { name: 'spx.csv', text: sim.spx },
        ...files,
      ]),
    (e) => e instanceof Error && /vix\.csv:6/.test(e.message),
  );
  assert.throws(
    () => model.analyzeFiles([{ name: 'prices.csv', text: sim.spx }]),
    /cannot tell which series/,
  );
});

test('a market.json of a newer format or with a bad column is refused with a readable Error', () => {
  const market = JSON.parse(read('market.json'));
  assert.throws(
    () => model.analyzeMarket(JSON.stringify({ ...market, format_version: '2.0' })),
    /2\.0/,
  );
  const bad = {
    ...market,
    columns: { ...market.columns, 'vix.close': market.columns['vix.close'].slice(1) },
  };
  assert.throws(() => model.analyzeMarket(JSON.stringify(bad)), /vix\.close/);
});

test('dates are formatted by the core: isoDates of day numbers', () => {
  // 19723 = 54 years of 365 days + 13 leap days (1972..2020) after 1970-01-01.
  assert.deepEqual(vx.isoDates(new Int32Array([0, 19723, -1, 59])), [
    '1970-01-01',
    '2024-01-01',
    '1969-12-31',
    '1970-03-01',
  ]);
  assert.deepEqual(vx.isoDates([]), []);
  assert.equal(vx.isoDate(11016), '2000-02-29');
  assert.throws(() => vx.isoDates([1.5]), /days\[0\]: expected a whole day number/);
});
