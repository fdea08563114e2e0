// The Analysis state the page keeps between visits (core analysis_state.hpp, wasm
// EnsembleModel.analysisState / restoreMarketColumns / extendMarketColumns): a state saved after
// the Analysis of days 1..n, restored and extended with days n+1..n+k, gives the Analysis of days
// 1..n+k byte for byte (summary JSON and every per-day column); a damaged state is refused.
import test from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadVixray } from './load.mjs';

const cli = path.resolve(process.env.VIXRAY_CLI ?? 'build/native/vixray');
const vx = await loadVixray(undefined, { build: 'page' }); // the page's build has the state API
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vixray-state-'));
const run = (...args) => execFileSync(cli, args, { encoding: 'utf8' });
// A short simulated history keeps the test quick.
run('train', '--sim-start', '2005-01-03', '--sim-end', '2009-12-31', '--out', `${dir}/model.json`);
run('export', '--model', `${dir}/model.json`, '--out', `${dir}/out`);
const bundle = fs.readFileSync(`${dir}/out/model.json`, 'utf8');
const marketText = fs.readFileSync(`${dir}/out/market.json`, 'utf8');
const market = JSON.parse(marketText);
const days = market.dates.length;

/** market.json cut to its first `n` days (the same text form for every cut). */
function firstDays(n) {
  const columns = Object.fromEntries(
    Object.entries(market.columns).map(([name, values]) => [name, values.slice(0, n)]),
  );
  return JSON.stringify({ ...market, dates: market.dates.slice(0, n), columns });
}

/** The Analysis `body(model)` gives, with the model freed after. */
function withModel(body) {
  const model = vx.EnsembleModel.fromJSON(bundle);
  try {
    return body(model);
  } finally {
    model.delete();
  }
}

const stateOf = (text) =>
  withModel((model) => {
    model.analyzeMarketColumns(text);
    return model.analysisState();
  });

/** Same summary JSON and the same bytes in every column. */
function assertSameAnalysis(actual, expected) {
  assert.equal(actual.days, expected.days);
  assert.equal(JSON.stringify(actual.summary), JSON.stringify(expected.summary));
  assert.deepEqual(Object.keys(actual.columns).sort(), Object.keys(expected.columns).sort());
  for (const [name, column] of Object.entries(expected.columns)) {
    const bytes = (a) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
    assert.ok(bytes(actual.columns[name]).equals(bytes(column)), `column ${name} differs`);
  }
}

const full = firstDays(days);
const expected = withModel((model) => model.analyzeMarketColumns(full));

test('the build id names the version and a hash of the sources', () => {
  assert.match(vx.buildId(), /^\d+\.\d+\.\d+-[0-9a-f]{16}$/);
});

test('a kept state of days 1..n extended by days n+1..n+k equals the full Analysis', () => {
  for (const k of [1, 3, 0]) {
    const state = stateOf(firstDays(days - k));
    const extended = withModel((model) => model.extendMarketColumns(state, full));
    assertSameAnalysis(extended, expected);
  }
});

test('a kept state of the same market restores the Analysis, then explains and what-ifs', () => {
  const state = stateOf(full);
  assert.ok(state instanceof Uint8Array && state.length > days * 8);
  withModel((model) => {
    const restored = model.restoreMarketColumns(state, full);
    assert.equal(restored.timings.featuresMs, 0);
    assertSameAnalysis(restored, expected);
    const explained = withModel((other) => {
      other.analyzeMarketColumns(full);
      return other.explainDay(days - 1);
    });
    assert.deepEqual(model.explainDay(days - 1), explained);
    assert.ok(model.whatIf(30, -2).drivers);
  });
});

test('a damaged, truncated or unrelated state is refused with the reason', () => {
  const state = stateOf(firstDays(days - 1));
  const flipped = state.slice();
  flipped[Math.floor(flipped.length / 2)] ^= 0x10;
  withModel((model) => {
    assert.throws(() => model.restoreMarketColumns(flipped, full), /analysis state: checksum/);
    assert.throws(() => model.extendMarketColumns(state.slice(0, 15), full), /truncated/);
    assert.throws(
      () => model.restoreMarketColumns(new TextEncoder().encode(full), full),
      /analysis state: byte 0: magic/,
    );
    // Earlier days changed (a revised close): not an extension of the kept market.
    const revised = JSON.parse(full);
    revised.columns['vix.close'][5] += 0.25;
    assert.throws(
      () => model.extendMarketColumns(state, JSON.stringify(revised)),
      /analysis state: frame_digest/,
    );
    // The model still computes afterwards.
    assertSameAnalysis(model.analyzeMarketColumns(full), expected);
  });
});
