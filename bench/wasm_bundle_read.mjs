// Reading model bundles in the browser build under Node (the same V8 as Chromium): for each
// file, the first EnsembleModel.fromJSON of a fresh module (what a page visit pays once, in V8's
// baseline WebAssembly tier), then the median of REPEATS warm reads, the files interleaved so
// that they see the same machine load; and contentOf (the canonical content the page hashes).
//
//   node bench/wasm_bundle_read.mjs [REPEATS] BUNDLE... [--dist DIR]
//   e.g. VIXRAY_BENCH_BUNDLES=/tmp/b build/native/vixray_pipeline_bench 1 &&
//        node bench/wasm_bundle_read.mjs 15 /tmp/b/model-1.2.json /tmp/b/model-2.0.json
import fs from 'node:fs';
import path from 'node:path';
import { loadVixray } from '../wasm/test/load.mjs';

const args = process.argv.slice(2);
const distAt = args.indexOf('--dist');
const dist = distAt >= 0 ? args.splice(distAt, 2)[1] : 'build/wasm/dist';
const repeats = /^\d+$/.test(args[0] ?? '') ? Number(args.shift()) : 15;
if (args.length === 0) {
  console.error('usage: node bench/wasm_bundle_read.mjs [REPEATS] BUNDLE... [--dist DIR]');
  process.exit(2);
}
const bytes = args.map((file) => new Uint8Array(fs.readFileSync(file)));
const timed = (body) => {
  const started = performance.now();
  body();
  return performance.now() - started;
};
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const first = [];
for (const b of bytes) {
  const vx = await loadVixray(path.resolve(dist), { build: 'page' }); // a fresh module each
  first.push(timed(() => vx.EnsembleModel.fromJSON(b).delete?.()));
}
const vx = await loadVixray(path.resolve(dist), { build: 'page' });
const warm = bytes.map(() => []);
const content = bytes.map(() => []);
for (let r = 0; r < repeats; r++) {
  bytes.forEach((b, i) => {
    warm[i].push(timed(() => vx.EnsembleModel.fromJSON(b).delete?.()));
    content[i].push(timed(() => vx.EnsembleModel.contentOf(b)));
  });
}
console.log('| bundle | bytes | first fromJSON ms | warm fromJSON ms (median) | contentOf ms |');
console.log('| --- | ---: | ---: | ---: | ---: |');
args.forEach((file, i) => {
  console.log(
    `| ${path.basename(file)} | ${bytes[i].length} | ${first[i].toFixed(1)} | ` +
      `${median(warm[i]).toFixed(1)} | ${median(content[i]).toFixed(1)} |`,
  );
});
