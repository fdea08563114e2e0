// A second module Web Worker with its own instance of the WebAssembly core: it scores some of
// the detectors while worker.js scores the others, so the forests (most of the Analysis time)
// run on two cores. Both instances read the same bundle and market.json; worker.js combines the
// scores with the core's one Analysis function (wasm/vixray.mjs analyzeMarketColumnsSplit).
//
// From the page: {type: 'init', module, port} (module: the WebAssembly.Module the page compiled,
// so both workers share V8's compiled and optimised code; null: compile it here; port: this
// worker's end of a MessageChannel to worker.js). On the port, in: {id, bundle, market} or
// {type: 'dismiss'} (no request will come: stop warming up); out: {id, type: 'scores', result}
// (EnsembleModel.scoreMarket's result, its Float64Array transferred) or {id, type: 'error',
// message}. The detectors scored here are
// scorerDetectors(count) of core_api.js, which worker.js expects.
import {
  loadCore,
  reserveAnalysisHeap,
  reserveOutputMemory,
  scorerDetectors,
  warmUpCore,
} from './core_api.js';
import { warmUpFiles } from './host.js';

let receiveModule = null;
const pageModule = new Promise((resolve) => {
  receiveModule = resolve;
});
// The scores of the demo's 8 detectors here take 8 x 9,067 days x 8 bytes = 580 KB: 1 MB holds
// ~16,000 days (a longer market's scores get memory of their own).
const SCORE_MEMORY_BYTES = 1 << 20;
let asked = false; // a request has arrived
let dismissed = false; // worker.js will not ask: the Analysis comes from the kept state
// Memory for the first answer's scores, written to while the worker waits (core_api.js).
let scoreMemory = reserveOutputMemory(SCORE_MEMORY_BYTES);
const warmUpDownload = warmUpFiles(); // beside the core
const coreReady = loadCore(pageModule);
// While worker.js downloads the data: the heap for the scores (first, as in worker.js), then the
// warm-up (core_api.js warmUpCore: the two workers share the compiled module, so each one's
// warm-up helps both).
const waiting = () => !asked && !dismissed;
coreReady.then(
  async ({ vx }) => {
    await reserveAnalysisHeap(vx, waiting);
    await warmUpCore(vx, await warmUpDownload, waiting);
  },
  () => {},
); // a failure is reported with each request below

async function score({ bundle, market }) {
  const { vx } = await coreReady;
  const started = performance.now();
  const model = vx.EnsembleModel.fromJSON(bundle);
  try {
    const detectors = scorerDetectors(model.nDetectors);
    model.layOut?.(detectors); // part of the read: only the forests scored here
    const modelMs = performance.now() - started;
    const output = scoreMemory?.take() ?? null;
    scoreMemory = null;
    const result = model.scoreMarket(market, detectors, { output });
    result.timings.modelMs = modelMs;
    return result;
  } finally {
    model.delete();
  }
}

self.addEventListener('message', (event) => {
  const { type, module, port } = event.data ?? {};
  if (type !== 'init' || !port) return;
  receiveModule(module ?? null);
  port.onmessage = async ({ data }) => {
    if (data?.type === 'dismiss') {
      dismissed = true;
      return;
    }
    asked = true;
    const id = data?.id;
    try {
      const result = await score(data ?? {});
      port.postMessage({ id, type: 'scores', result }, [result.scores.buffer]);
    } catch (error) {
      port.postMessage({ id, type: 'error', message: String(error?.message ?? error) });
    }
  };
});
