// The ticker view's module (vixray_ticker.wasm, wasm/bind_ticker.cpp) fails with readable
// Errors, never an abort, and keeps no memory from a failed call. Scores are compared with the
// native CLI's by ticker_parity.mjs (make test-wasm).
// Run with: node --test wasm/test/
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { loadVixray } from './load.mjs';

const dist = path.resolve(process.env.VIXRAY_WASM_DIST ?? 'build/wasm/dist');
const vx = await loadVixray(dist, { build: 'page' });
const { TickerSession, reviewConvert, core } = await vx.openTickers({
  wasmBinary: fs.readFileSync(path.join(dist, 'vixray_ticker.wasm')),
});

test('a bad ticker model, a file without a model, no file: readable Errors', () => {
  const session = new TickerSession();
  try {
    assert.throws(() => session.addModel('{"format": "vixray-ticker'), /not valid JSON/);
    assert.throws(() => session.addModel('{"format": "vixray-model"}'), /ticker_model|format/);
    assert.equal(session.nModels, 0);
    assert.throws(
      () => session.open('7203.T.csv', 'Date,Close\n2024-01-04,2500\n'),
      (e) =>
        e instanceof Error && e.message.includes('7203.T.csv') && /models present/.test(e.message),
    );
    assert.throws(() => session.explainBar(0), /no file is open/);
    assert.throws(() => session.open('A.csv', 'x', 'not a list'), /array/);
  } finally {
    session.delete();
  }
  assert.throws(() => session.nModels, /deleted/);
});

test('review statuses: CSV <-> JSON through the core, errors name source and line', () => {
  const csv =
    'ticker,datetime,status,note\nAAPL,2024-03-08T14:30:00Z,acknowledged,"gap, checked"\n';
  const json = JSON.parse(reviewConvert(csv, 'json', 'review.csv'));
  assert.equal(json.format, 'vixray-review');
  assert.deepEqual(json.entries[0], {
    ticker: 'AAPL',
    datetime: '2024-03-08T14:30:00Z',
    status: 'acknowledged',
    note: 'gap, checked',
  });
  const back = reviewConvert(JSON.stringify(json), 'csv');
  assert.ok(back.startsWith('ticker,datetime,status,note'), back);
  assert.ok(back.includes('AAPL,2024-03-08T14:30:00Z,acknowledged,"gap, checked"'), back);
  assert.throws(
    () => reviewConvert('ticker,datetime,status,note\nAAPL,2024-03-08,maybe,\n', 'json', 'r.csv'),
    (e) => e instanceof Error && e.message.includes('r.csv') && e.message.includes('2'),
  );
  assert.throws(() => reviewConvert(csv, 'xml'), /csv or json/);
});

test('failing calls leave the heap as it was', () => {
  const session = new TickerSession();
  const heap = () => core.heapInUse();
  const once = () => {
    for (const bad of ['{', '[]', '{"format":"vixray-ticker-model","format_version":"9.0"}'])
      assert.throws(() => session.addModel(bad));
    assert.throws(() => session.open('X.BK.csv', 'Date,Close\n'));
    assert.throws(() => reviewConvert('ticker\n', 'json'));
  };
  once();
  const before = heap();
  for (let i = 0; i < 200; i++) once();
  assert.equal(heap(), before);
  session.delete();
});
