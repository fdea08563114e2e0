// The side-by-side tables of `make bench` (bench/run.sh) from the raw key=value lines:
//   node bench/bench_tables.mjs 'NAME|VIXRAY|SKLEARN|WASM|ONNX' ...
// one argument per data set: the output of vixray_bench, sklearn_bench.py, wasm_bench.mjs and
// onnx_bench.mjs. Prints vixray vs ONNX Runtime (throughput, ratios, parity), scalar vs SIMD
// (the `kernel=NAME ...` lines of vixray_bench and `wasm_kernel=NAME ...` lines of wasm_bench.mjs,
// when the build has kernels: kernel_rows_per_s, speedup_vs_scalar, identical) and the cost per
// (row, tree) in nanoseconds of every scorer and kernel.

// key=value pairs of one line.
const fields = (line) =>
  Object.fromEntries(
    line
      .trim()
      .split(/\s+/)
      .filter((kv) => kv.includes('='))
      .map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]),
  );

// A program's output: the fields of its first line and its kernel lines ({ name, ...fields }).
function output(text, kernelKey) {
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  const kernels = lines
    .map(fields)
    .filter((f) => kernelKey in f)
    .map((f) => ({ ...f, name: f[kernelKey] }));
  return { ...fields(lines[0] ?? ''), kernels };
}

const sets = process.argv.slice(2).map((arg) => {
  const [name, v, s, w, o] = arg.split('|');
  return {
    name,
    v: output(v, 'kernel'),
    s: output(s, ''),
    w: output(w, 'wasm_kernel'),
    o: output(o, ''),
  };
});
if (sets.length === 0) throw new Error('usage: bench_tables.mjs NAME|VX|SK|WASM|ONNX ...');

const num = (x) => Number(x);
const rate = (x) => Math.round(num(x)).toLocaleString('en-US');
const times = (a, b) => `${(num(a) / num(b)).toFixed(2)}x`;
const row = (cells, widths) =>
  `| ${cells.map((c, i) => String(c).padStart(widths[i] ?? 10)).join(' | ')} |`;
function table(head, rows) {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  console.log(row(head, widths));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const r of rows) console.log(row(r, widths));
}

const first = sets[0].o;
console.log(
  `vixray vs ONNX Runtime ${first.ort} (same forest as an ai.onnx.ml TreeEnsembleRegressor, ` +
    `float32 rows), one thread each, rows per CPU second:`,
);
table(
  [
    'data',
    'vx native',
    'ORT node',
    'native/ORT',
    'vx wasm',
    'ORT web',
    'wasm/ORT web',
    'ORT node = vx',
    'max |diff|',
    'ORT web = vx',
    'max |diff|',
    'wrong leaf',
  ],
  sets.map(({ name, v, o }) => [
    name,
    rate(v.score_rows_per_s),
    rate(o.ort_node_score_rows_per_s),
    times(v.score_rows_per_s, o.ort_node_score_rows_per_s),
    rate(o.vx_wasm_score_rows_per_s),
    rate(o.ort_web_score_rows_per_s),
    times(o.vx_wasm_score_rows_per_s, o.ort_web_score_rows_per_s),
    `${o.ort_node_agree}/${o.rows} (${o.ort_node_exact} exact)`,
    o.ort_node_max_diff,
    `${o.ort_web_agree}/${o.rows} (${o.ort_web_exact} exact)`,
    o.ort_web_max_diff,
    `>= ${o.leaf_gap}`,
  ]),
);
console.log(
  "ORT = vx: rows whose mean path length agrees with vixray's within 1e-4 (exact: equal to " +
    "vixray's rounded to float32); wrong leaf: the least a different leaf in one tree would " +
    "move a mean; ORT web = onnxruntime-web's WebAssembly backend under Node, timed " +
    'interleaved with vx wasm in one process (vx native: its own process, as above).',
);

// Scalar vs SIMD: every kernel line of the native and wasm outputs.
const kernelRows = sets.flatMap((set) =>
  [...set.v.kernels.map((k) => ['native', k]), ...set.w.kernels.map((k) => ['wasm', k])].map(
    ([build, k]) => [set, `${build} ${k.name}`, k],
  ),
);
const ns = (rowsPerS, trees) => (rowsPerS ? (1e9 / (num(rowsPerS) * trees)).toFixed(2) : '-');
if (kernelRows.length > 0) {
  console.log();
  console.log('Scalar vs SIMD, same rows, timed interleaved, rows per CPU second:');
  table(
    ['data', 'kernel', 'rows/s', 'ns/(row, tree)', 'x scalar', 'scores = scalar'],
    kernelRows.map(([set, name, k]) => [
      set.name,
      name,
      rate(k.kernel_rows_per_s),
      ns(k.kernel_rows_per_s, num(set.o.trees)),
      `${k.speedup_vs_scalar}x`,
      k.identical,
    ]),
  );
}
const kernelNames = [...new Set(kernelRows.map(([, name]) => name))];
console.log();
console.log(
  'Cost per (row, tree) in ns of one CPU (1e9 / (rows/s x trees)); issue 14 estimate ' +
    'for a branch-free SIMD walk of an 8-level tree: ~1-2 ns:',
);
table(
  ['data', 'trees', 'native', 'wasm', 'sklearn', 'ORT node', 'ORT web', ...kernelNames],
  sets.map((set) => {
    const trees = num(set.o.trees);
    const kernel = (name) =>
      kernelRows.find(([s, n]) => s === set && n === name)?.[2].kernel_rows_per_s;
    return [
      set.name,
      trees,
      ns(set.v.score_rows_per_s, trees),
      ns(set.w.score_rows_per_s, trees),
      ns(set.s.score_rows_per_s, trees),
      ns(set.o.ort_node_score_rows_per_s, trees),
      ns(set.o.ort_web_score_rows_per_s, trees),
      ...kernelNames.map((name) => ns(kernel(name), trees)),
    ];
  }),
);
