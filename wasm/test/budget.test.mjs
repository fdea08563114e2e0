// The page's download budget: the WebAssembly core and the JavaScript the market view loads with
// it (vixray.mjs, guard_core.mjs, ensemble_model.mjs and the glue vixray_core.mjs) stay under
// 300 KB gzipped (gzip -9), ticker bindings included. ticker.mjs is left out: only the ticker view
// imports it, on demand.
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

test(`the page's core and its JavaScript stay under ${BUDGET_KB} KB gzipped`, () => {
  let total = 0;
  const sizes = [];
  for (const name of FIRST_LOAD) {
    const bytes = gzipSync(fs.readFileSync(path.join(dist, name)), { level: 9 }).length;
    sizes.push(`${name} ${(bytes / 1024).toFixed(1)} KB`);
    total += bytes;
  }
  const kb = total / 1024;
  console.log(`page core, gzipped: ${kb.toFixed(1)} KB (${sizes.join(', ')})`);
  assert.ok(kb < BUDGET_KB, `${kb.toFixed(1)} KB gzipped is over the ${BUDGET_KB} KB budget`);
  // The ticker view's adapters exist beside it (copied by wasm/CMakeLists.txt), loaded later.
  assert.ok(fs.existsSync(path.join(dist, 'ticker.mjs')));
});
