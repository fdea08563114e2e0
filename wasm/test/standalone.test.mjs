// The classic single-file build (vixray_core_standalone.js: MODULARIZE without ES6, the .wasm
// inlined, DYNAMIC_EXECUTION=0) that the standalone report runs from file://: it loads as a
// classic script, computes the same Analysis (summary and typed arrays), drivers and what-if as
// the page's ES module build, and C++ errors still arrive as JavaScript Errors without Embind's
// dynamic code.
import test from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import { pathToFileURL } from 'node:url';
import { loadVixray } from './load.mjs';

const distDir = path.resolve(process.env.VIXRAY_WASM_DIST ?? 'build/wasm/dist');
const file = path.join(distDir, 'vixray_core_standalone.js');
const cli = path.resolve(process.env.VIXRAY_CLI ?? 'build/native/vixray');

// A classic script: its top-level `var createVixrayCore` is what the report's bundle reads.
const factory = vm.runInThisContext(`${fs.readFileSync(file, 'utf8')}\n;createVixrayCore`, {
  filename: file,
});
const standalone = await factory();
// The friendly wrapper (wasm/vixray.mjs) over each: the report's and the page's builds.
const { createVixray } = await import(pathToFileURL(path.join(distDir, 'vixray.mjs')).href);
const wrapped = [
  await loadVixray(distDir, { build: 'page' }),
  await createVixray({ createCore: async () => standalone }),
];

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vixray-standalone-'));
const run = (...args) => execFileSync(cli, args, { encoding: 'utf8' });
// A short simulated history keeps the test quick.
run('train', '--sim-start', '2006-01-03', '--sim-end', '2010-12-31', '--out', `${dir}/model.json`);
run('export', '--model', `${dir}/model.json`, '--out', `${dir}/out`);
const read = (name) => fs.readFileSync(`${dir}/out/${name}`, 'utf8');

test('the standalone build has no WebAssembly file beside it and no dynamic code', () => {
  const source = fs.readFileSync(file, 'utf8');
  assert.match(source, /data:application\/octet-stream;base64,/);
  assert.doesNotMatch(source, /new Function|\beval\(/);
  assert.doesNotMatch(source, /\bimport\.meta\b|^export /m);
});

// A result as comparable text: typed arrays (views of either module's memory) as plain arrays.
const plain = (value) =>
  JSON.stringify(value, (_, v) => (ArrayBuffer.isView(v) ? Array.from(v) : v));

test('the standalone build computes the same Analysis, drivers and what-if as the ES build', () => {
  const models = wrapped.map((vx) => vx.EnsembleModel.fromJSON(read('model.json')));
  try {
    const [a, b] = models.map((m) => {
      const { summary, columns } = m.analyzeMarketColumns(read('market.json'));
      return { summary, columns };
    });
    assert.equal(plain(b), plain(a));
    const today = a.summary.today.index;
    assert.ok(today > 0, 'the Analysis has a today');
    assert.equal(plain(models[1].explainDay(today)), plain(models[0].explainDay(today)));
    assert.equal(plain(models[1].whatIf(35, -4)), plain(models[0].whatIf(35, -4)));
  } finally {
    for (const m of models) m.delete();
  }
});

test('a C++ error in the standalone build is a JavaScript Error naming file and line', () => {
  assert.throws(
    () => standalone.parsePriceCsv('DATE,OPEN,HIGH,LOW,CLOSE\n01/02/2016,1,2,1,bad\n', 'v.csv'),
    (error) => error instanceof Error && /^v\.csv:2:/.test(error.message),
  );
  assert.throws(
    () => standalone.EnsembleModel.fromJSON('{"format": "not-a-model"}'),
    (error) => error instanceof Error && error.message.length > 0,
  );
});
