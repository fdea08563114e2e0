// The return visit and the market-hours refresh under Node (the same V8 as Chromium), warm, for
// one or more page builds interleaved in one process: each build saves the state of market.json
// (EnsembleModel.analysisState), then in turn restores it for the same market
// (restoreMarketColumns) and extends it by one more day (extendMarketColumns, the market that
// e2e/one_more_day.mjs writes, as perf.mjs's visit=appended). Prints each build's medians and
// minima (ms: the whole call, and its timings), and checks that every extend gives the same
// summary and column bytes as that build's full Analysis of the longer market.
//
//   node --expose-gc bench/wasm_refresh.mjs DATA_DIR ROUNDS DIST [DIST...]
//   e.g. node --expose-gc bench/wasm_refresh.mjs build/demo/data 15 /tmp/main_dist build/wasm/dist
// (--expose-gc: a collection before each timed call, so that no call pays for another's garbage.)
import fs from 'node:fs';
import path from 'node:path';
import { loadVixray } from '../wasm/test/load.mjs';
import { withOneMoreDay } from '../e2e/one_more_day.mjs';

const [dataDir, roundsText, ...dists] = process.argv.slice(2);
if (!dataDir || !roundsText || dists.length === 0) {
  console.error('usage: node bench/wasm_refresh.mjs DATA_DIR ROUNDS DIST [DIST...]');
  process.exit(2);
}
const rounds = Number(roundsText);
const bundle = new Uint8Array(fs.readFileSync(path.join(dataDir, 'model.json')));
const marketText = fs.readFileSync(path.join(dataDir, 'market.json'), 'utf8');
const market = new TextEncoder().encode(marketText);
const longer = new TextEncoder().encode(withOneMoreDay(marketText));
const T = () => performance.now();
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const bytes = (a) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

function sameAnalysis(a, b) {
  if (JSON.stringify(a.summary) !== JSON.stringify(b.summary)) return false;
  return Object.entries(b.columns).every(([name, column]) =>
    bytes(a.columns[name]).equals(bytes(column)),
  );
}

const builds = [];
for (const dist of dists) {
  const vx = await loadVixray(dist, { build: 'page' });
  const model = vx.EnsembleModel.fromJSON(bundle);
  model.analyzeMarketColumns(market);
  const state = model.analysisState();
  const expected = model.analyzeMarketColumns(longer);
  builds.push({ dist, model, state, expected, identical: true, r: {} });
}
const push = (r, key, value) => (r[key] ??= []).push(value);
for (let i = 0; i < rounds; i++) {
  for (const b of builds) {
    globalThis.gc?.();
    let t0 = T();
    const restored = b.model.restoreMarketColumns(b.state, market);
    push(b.r, 'restore', T() - t0);
    push(b.r, 'restore.analysisMs', restored.timings.analysisMs);
    push(b.r, 'restore.exportMs', restored.timings.exportMs);
    globalThis.gc?.();
    t0 = T();
    const extended = b.model.extendMarketColumns(b.state, longer);
    push(b.r, 'extend', T() - t0);
    push(b.r, 'extend.analysisMs', extended.timings.analysisMs);
    push(b.r, 'extend.exportMs', extended.timings.exportMs);
    b.identical &&= sameAnalysis(extended, b.expected);
  }
}
console.log(`${dataDir}: ${longer.length} bytes with one more day, ${rounds} rounds interleaved`);
for (const b of builds) {
  console.log(`${b.dist}: state ${b.state.length} bytes, extend = full Analysis: ${b.identical}`);
  for (const [k, v] of Object.entries(b.r))
    console.log(
      `  ${k.padEnd(18)} median ${median(v).toFixed(2)}  min ${Math.min(...v).toFixed(2)}`,
    );
}
