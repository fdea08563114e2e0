// The simulator in WebAssembly writes the same bytes as the native `vixray simulate`.
// Run with: node --test wasm/test/  (needs build/native/vixray; VIXRAY_CLI overrides the path)
import test from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadVixray } from './load.mjs';

const vx = await loadVixray();
const cli = path.resolve(process.env.VIXRAY_CLI ?? 'build/native/vixray');
const files = ['vix', 'spx', 'vix9d', 'vix3m', 'vvix', 'skew', 'events'];

function nativeFiles(seed, start, end) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vixray-sim-'));
  try {
    execFileSync(
      cli,
      ['simulate', '--seed', String(seed), '--start', start, '--end', end, '--out', dir],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    return Object.fromEntries(
      files.map((f) => [f, fs.readFileSync(path.join(dir, `${f}.csv`), 'utf8')]),
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function assertSame(wasm, native) {
  for (const f of files) {
    assert.ok(native[f].length > 20, `${f}.csv is not empty`);
    assert.equal(wasm[f], native[f], `${f}.csv differs between WebAssembly and native`);
  }
}

test('2000-2005, seed 7: WebAssembly texts equal the native files byte for byte', () => {
  const wasm = vx.simulate({ seed: 7, start: '2000-01-03', end: '2005-12-30' });
  assert.equal(wasm.days, 1508);
  assertSame(wasm, nativeFiles(7, '2000-01-03', '2005-12-30'));
});

test('the default range and seed (1990-2025, seed 42) are byte-identical too', () => {
  const wasm = vx.simulate();
  assert.equal(wasm.days, 9067);
  assertSame(wasm, nativeFiles(42, '1990-01-02', '2025-12-31'));
  assert.match(wasm.vix, /^DATE,OPEN,HIGH,LOW,CLOSE\n01\/02\/1990,/);
  assert.match(wasm.spx, /^Date,Open,High,Low,Close,Adj Close,Volume\n1990-01-02,353\.40,/);
  assert.match(wasm.events, /^start,end,kind,severity\n/);
});

test('bad arguments become Errors naming the value', () => {
  assert.throws(
    () => vx.simulate({ start: '2020-02-30' }),
    (e) => e instanceof Error && /start: expected a date/.test(e.message),
  );
  assert.throws(
    () => vx.simulate({ seed: -1 }),
    (e) => e instanceof Error && /seed: expected an integer/.test(e.message),
  );
  assert.throws(
    () => vx.simulate({ start: '2020-01-02', end: '2019-01-02' }),
    (e) => e instanceof Error && /after end 2019-01-02/.test(e.message),
  );
});
