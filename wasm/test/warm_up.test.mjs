// The page workers' warm-up (web/js/core_api.js warmUpCore) on the data `make site` writes
// (tools/warmup_data.py, trained by the native CLI): it runs its rounds while the worker waits,
// stops when the data has arrived, never throws, and leaves nothing behind that changes an
// Analysis computed afterwards by the same instance of the core.
import test from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadVixray } from './load.mjs';
import { WARM_UP_ROUNDS, warmUpCore } from '../../web/js/core_api.js';

const cli = path.resolve(process.env.VIXRAY_CLI ?? 'build/native/vixray');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vixray-warmup-'));
execFileSync('python3', ['tools/warmup_data.py', cli, dir]);
const files = {
  model: new Uint8Array(fs.readFileSync(path.join(dir, 'model.json'))),
  market: new Uint8Array(fs.readFileSync(path.join(dir, 'market.json'))),
};
const bytesOf = (a) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

test('the warm-up runs its rounds while waiting and leaves the next Analysis unchanged', async () => {
  const warmed = await loadVixray(undefined, { build: 'page' });
  const cold = await loadVixray(undefined, { build: 'page' });
  const { rounds, ms } = await warmUpCore(warmed, files, () => true);
  assert.equal(rounds, WARM_UP_ROUNDS);
  assert.ok(ms > 0);
  // The warm-up's market and model as the "site's" data: the same Analysis as an instance that
  // never warmed up, every column byte for byte.
  const analysisOf = (vx) => {
    const model = vx.EnsembleModel.openBundle(files.model).model;
    try {
      const result = model.analyzeMarketColumns(files.market);
      return { result, drivers: model.explainDay(result.summary.today.index) };
    } finally {
      model.delete();
    }
  };
  const after = analysisOf(warmed);
  const fresh = analysisOf(cold);
  assert.deepEqual(after.result.summary, fresh.result.summary);
  for (const [name, values] of Object.entries(fresh.result.columns))
    assert.ok(bytesOf(after.result.columns[name]).equals(bytesOf(values)), name);
  assert.deepEqual(after.drivers, fresh.drivers);
});

test('the warm-up stops between calls once the data is there, and never throws', async () => {
  const vx = await loadVixray(undefined, { build: 'page' });
  let checks = 0;
  const stopped = await warmUpCore(vx, files, () => ++checks <= 4); // 3 calls a round
  assert.equal(stopped.rounds, 1);
  assert.equal((await warmUpCore(vx, files, () => false)).rounds, 0);
  assert.equal((await warmUpCore(vx, null, () => true)).rounds, 0);
  const broken = { model: new TextEncoder().encode('{"format": "nope"}'), market: files.market };
  assert.equal((await warmUpCore(vx, broken, () => true)).rounds, 0);
});
