// The page's download budget: the WebAssembly core and the JavaScript the market view loads with
// it (vixray.mjs, guard_core.mjs, ensemble_model.mjs and the glue vixray_core.mjs) stay under
// 300 KB gzipped (gzip -9). The ticker view's module (ticker.mjs, vixray_ticker.mjs/.wasm) is
// downloaded only when the ticker view opens, and has the same budget of its own.
// Run with: node --test wasm/test/
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

const BUDGET_KB = 300;
const dist = path.resolve(process.env.VIXRAY_WASM_DIST ?? 'build/wasm/dist');
const FIRST_LOAD = [
  'vixray_core.wasm',
  'vixray_core.mjs',
  'vixray.mjs',
  'guard_core.mjs',
  'ensemble_model.mjs',
];

const gzippedKb = (names) => {
  let total = 0;
  const sizes = [];
  for (const name of names) {
    const bytes = gzipSync(fs.readFileSync(path.join(dist, name)), { level: 9 }).length;
    sizes.push(`${name} ${(bytes / 1024).toFixed(1)} KB`);
    total += bytes;
  }
  return { kb: total / 1024, text: sizes.join(', ') };
};

test(`the page's core and its JavaScript stay under ${BUDGET_KB} KB gzipped`, () => {
  const { kb, text } = gzippedKb(FIRST_LOAD);
  console.log(`page core, gzipped: ${kb.toFixed(1)} KB (${text})`);
  assert.ok(kb < BUDGET_KB, `${kb.toFixed(1)} KB gzipped is over the ${BUDGET_KB} KB budget`);
});

test(`the ticker view's module stays under ${BUDGET_KB} KB gzipped`, () => {
  const { kb, text } = gzippedKb(['vixray_ticker.wasm', 'vixray_ticker.mjs', 'ticker.mjs']);
  console.log(`ticker module, gzipped: ${kb.toFixed(1)} KB (${text})`);
  assert.ok(kb < BUDGET_KB, `${kb.toFixed(1)} KB gzipped is over the ${BUDGET_KB} KB budget`);
});
