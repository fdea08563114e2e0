// The WebAssembly core never dies (issue 11): every binding that can fail, called N times with
// bad input, leaves the shadow stack pointer (stackSave) and the heap in use (mallinfo, the
// core's heapInUse) exactly where they were after a warm-up, throws the same Error each time,
// and the core then computes the same Analysis, byte for byte, as before the loop. Before the
// fix each failing call leaked its stack frames (the Error was thrown through WebAssembly
// frames) and Embind's copy of its string arguments, and the module trapped with "memory
// access out of bounds" after ~7,500 failing whatIf calls. Both builds: the page's and the full
// one. VIXRAY_ERROR_LOOP=100000 (make test-long) repeats each kind 100,000 times.
// Run with: node --test wasm/test/ (after make native wasm).
import test from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadVixray } from './load.mjs';
import { failingCalls } from './failing_calls.mjs';

const N = Number(process.env.VIXRAY_ERROR_LOOP ?? 1000);
const WARMUP = 20;
const cli = path.resolve(process.env.VIXRAY_CLI ?? 'build/native/vixray');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vixray-error-loop-'));
// The committed 1.0 bundle scores a short simulated history (export writes its market.json).
const bundlePath = new URL('../../testdata/bundles/model-1.0.json', import.meta.url).pathname;
execFileSync(cli, [
  'export',
  '--model',
  bundlePath,
  '--sim-start',
  '2010-01-04',
  '--sim-end',
  '2011-12-30',
  '--out',
  `${dir}/out`,
]);
const bundle = fs.readFileSync(bundlePath);
const market = fs.readFileSync(`${dir}/out/market.json`);

// The Analysis as bytes: the summary's JSON text and every column's bytes (timings left out).
function analysisBytes(model) {
  const { summary, columns } = model.analyzeMarketColumns(new Uint8Array(market));
  const parts = [Buffer.from(JSON.stringify(summary))];
  for (const [name, column] of Object.entries(columns))
    parts.push(Buffer.from(name), Buffer.from(column.buffer, column.byteOffset, column.byteLength));
  return Buffer.concat(parts);
}

async function outcome(call) {
  try {
    await call();
  } catch (error) {
    return error;
  }
  return null;
}

for (const build of ['page', 'full']) {
  const vx = await loadVixray(undefined, { build });
  const model = vx.EnsembleModel.fromJSON(new Uint8Array(bundle));
  const first = analysisBytes(model); // the market stays loaded: explainDay, whatIf use it
  // The shadow stack pointer, the heap in use, and the JavaScript values the core holds.
  const memory = () => ({
    stack: vx.core.stackSave(),
    heap: vx.core.heapInUse(),
    handles: vx.core.count_emval_handles(),
  });
  const kinds = failingCalls(vx, { build, model, bundle });

  for (const kind of kinds) {
    test(`${build}: ${N} failing ${kind.name} leave stack and heap where they were`, async () => {
      for (let i = 0; i < WARMUP; i++) await outcome(kind.call);
      const before = memory();
      const t0 = performance.now();
      let error = null;
      for (let i = 0; i < N; i++) {
        error = await outcome(kind.call);
        if (!(error instanceof Error)) assert.fail(`call ${i} did not throw an Error: ${error}`);
      }
      const ms = performance.now() - t0;
      const after = memory();
      console.log(
        `# ${build} ${kind.name}: ${N} calls in ${ms.toFixed(0)} ms; stack pointer ` +
          `${before.stack} -> ${after.stack}, heap in use ${before.heap} -> ${after.heap}, ` +
          `JavaScript handles ${before.handles} -> ${after.handles}`,
      );
      assert.match(error.message, kind.message);
      assert.deepEqual(after, before);
    });
  }

  test(`${build}: after every failing loop the Analysis is the same, byte for byte`, () => {
    const again = analysisBytes(model);
    assert.ok(again.equals(first), 'the Analysis differs from the one computed first');
    // A new model too: nothing of the failures stayed in the module.
    const other = vx.EnsembleModel.fromJSON(new Uint8Array(bundle));
    assert.ok(analysisBytes(other).equals(first));
    other.delete();
  });

  test(`${build}: reserveHeap grows the memory, keeps none of it, and moves no number`, () => {
    const before = memory();
    assert.equal(vx.reserveHeap(24), true);
    assert.ok(vx.core.HEAPU8.length >= 24 << 20, `memory of ${vx.core.HEAPU8.length} bytes`);
    assert.equal(vx.reserveHeap(0), true);
    assert.equal(vx.reserveHeap(4096), false); // more than wasm32 addresses: refused, no Error
    assert.deepEqual(memory(), before);
    assert.ok(analysisBytes(model).equals(first));
  });
}
