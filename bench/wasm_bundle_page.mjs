// The page's bundle read under Node (the same V8 as Chromium), before and after, interleaved in
// one process: an older checkout's page build and bundle_check.js (checkBundle + fromJSON, two
// reads) against this tree's (openCheckedBundle, one read), and each core's fromJSON alone (the
// scorer's read). Prints the first read of a fresh module of each, then warm medians and minima.
//
//   node bench/wasm_bundle_page.mjs BEFORE_TREE [ROUNDS] [BUNDLE]
//   e.g. node bench/wasm_bundle_page.mjs /work/main 15 /work/main/build/demo/data/model.json
// (BEFORE_TREE: a checkout with build/wasm/dist built; its web/js/bundle_check.js has checkBundle.)
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadVixray } from '../wasm/test/load.mjs';
import * as newCheck from '../web/js/bundle_check.js';

const [beforeTree, roundsText = '15', bundleFile] = process.argv.slice(2);
if (!beforeTree) {
  console.error('usage: node bench/wasm_bundle_page.mjs BEFORE_TREE [ROUNDS] [BUNDLE]');
  process.exit(2);
}
const before = path.resolve(beforeTree);
const oldCheck = await import(pathToFileURL(path.join(before, 'web/js/bundle_check.js')).href);
const rounds = Number(roundsText);
const file = bundleFile ?? path.join(before, 'build/demo/data/model.json');
const bytes = new Uint8Array(fs.readFileSync(file));
const T = () => performance.now();
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const firstOld = await loadVixray(path.join(before, 'build/wasm/dist'), { build: 'page' });
const firstNew = await loadVixray('build/wasm/dist', { build: 'page' });
// First reads of a fresh module (V8's baseline tier), as a page visit pays once.
let t0 = T();
await oldCheck.checkBundle(firstOld, bytes);
firstOld.EnsembleModel.fromJSON(bytes).delete();
const firstBefore = T() - t0;
t0 = T();
(await newCheck.openCheckedBundle(firstNew, bytes)).model.delete();
const firstAfter = T() - t0;
const vxBefore = firstOld;
const vxAfter = firstNew;
const r = { pageBefore: [], pageAfter: [], fromBefore: [], fromAfter: [] };
for (let i = 0; i < rounds; i++) {
  t0 = T();
  await oldCheck.checkBundle(vxBefore, bytes);
  vxBefore.EnsembleModel.fromJSON(bytes).delete();
  r.pageBefore.push(T() - t0);
  t0 = T();
  (await newCheck.openCheckedBundle(vxAfter, bytes)).model.delete();
  r.pageAfter.push(T() - t0);
  t0 = T();
  vxBefore.EnsembleModel.fromJSON(bytes).delete();
  r.fromBefore.push(T() - t0);
  t0 = T();
  vxAfter.EnsembleModel.fromJSON(bytes).delete();
  r.fromAfter.push(T() - t0);
}
console.log(`${file}: ${bytes.length} bytes, ${rounds} rounds, ms`);
console.log(
  `first read (fresh module): before ${firstBefore.toFixed(1)}, after ${firstAfter.toFixed(1)}`,
);
for (const [k, v] of Object.entries(r))
  console.log(`${k.padEnd(11)} median ${median(v).toFixed(1)}  min ${Math.min(...v).toFixed(1)}`);
