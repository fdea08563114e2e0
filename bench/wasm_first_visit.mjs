// What one page worker pays on a first visit, in a fresh Node process (the same V8 as Chromium):
// the bundle read, then its part of the Analysis. `worker`: EnsembleModel.openBundle (as
// worker.js) then analyzeMarketColumns; `scorer`: fromJSON of the bytes (as scorer.js) then
// scoreMarket of every other detector. RESERVE_MB=24: vx.reserveHeap in 4 MB steps first, as the
// page does while it waits for its data (reported apart, before the clock). Prints one JSON line:
// ms of wall and CPU, and the core's memory (MB) at the end. Run it once per fresh process.
//
//   node bench/wasm_first_visit.mjs DIST DATA_DIR worker|scorer   (DATA_DIR: model.json, market.json)
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const [dist, dataDir, mode = 'worker'] = process.argv.slice(2);
if (!dist || !dataDir || !['worker', 'scorer'].includes(mode)) {
  console.error('usage: node bench/wasm_first_visit.mjs DIST DATA_DIR worker|scorer');
  process.exit(2);
}
const dir = path.resolve(dist);
const { createVixray } = await import(pathToFileURL(path.join(dir, 'vixray.mjs')).href);
const core = await import(pathToFileURL(path.join(dir, 'vixray_core.mjs')).href);
const wasm = fs.readFileSync(path.join(dir, 'vixray_core.wasm'));
let memory = null;
const vx = await createVixray({
  createCore: core.default,
  // The page's way: a compiled module instantiated in the worker; the memory kept to report it.
  instantiateWasm(imports, receive) {
    const module = new WebAssembly.Module(wasm);
    const instance = new WebAssembly.Instance(module, imports);
    memory = Object.values(instance.exports).find((v) => v instanceof WebAssembly.Memory);
    receive(instance, module);
    return instance.exports;
  },
});
const bundle = new Uint8Array(fs.readFileSync(path.join(dataDir, 'model.json')));
const market = new Uint8Array(fs.readFileSync(path.join(dataDir, 'market.json')));
const cpuMs = (since) => {
  const { user, system } = process.cpuUsage(since);
  return (user + system) / 1000;
};
const round = (x) => Number(x.toFixed(1));

const reserveMb = Number(process.env.RESERVE_MB ?? 0);
const t = performance.now();
for (let mb = 4; mb <= reserveMb && vx.reserveHeap; mb += 4) vx.reserveHeap(mb);
const reserveMs = performance.now() - t;

const c0 = process.cpuUsage();
const t0 = performance.now();
const model =
  mode === 'worker' ? vx.EnsembleModel.openBundle(bundle).model : vx.EnsembleModel.fromJSON(bundle);
const readMs = performance.now() - t0;
const readCpuMs = cpuMs(c0);
if (mode === 'worker') {
  model.analyzeMarketColumns(market);
} else {
  const detectors = Array.from({ length: Math.ceil(model.nDetectors / 2) }, (_, i) => 2 * i);
  model.scoreMarket(market, detectors);
}
const totalMs = performance.now() - t0;
console.log(
  JSON.stringify({
    mode,
    reserveMs: round(reserveMs),
    readMs: round(readMs),
    readCpuMs: round(readCpuMs),
    totalMs: round(totalMs),
    totalCpuMs: round(cpuMs(c0)),
    memoryMb: memory ? memory.buffer.byteLength / 2 ** 20 : null,
  }),
);
model.delete();
