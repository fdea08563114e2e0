// Helpers shared by the Node side of `make bench` (wasm_bench.mjs, onnx_bench.mjs): the same
// rows in the model's column order, best-of-N timing in CPU and wall time, one key=value line.
import fs from 'node:fs';

// The feature columns of DATA.csv in the forest's order (all but labelCol), row-major float64:
// { x, rows, cols }. Parsed with the vixray build itself, so every scorer reads the same doubles.
export function modelRows(vx, forest, dataPath, labelCol) {
  const table = vx.parseNumericTable(fs.readFileSync(dataPath, 'utf8'), dataPath);
  const names = forest.featureNames;
  const index = names.map((n) => table.columns.indexOf(n));
  if (index.some((i) => i < 0) || table.columns.indexOf(labelCol) < 0) {
    throw new Error(`${dataPath}: missing model or label columns`);
  }
  const rows = table.rows;
  const cols = names.length;
  const x = new Float64Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) x[r * cols + c] = table.values[r * table.cols + index[c]];
  }
  return { x, rows, cols };
}

// Runs body (sync or async) once to warm up (JIT tiers, memory growth, lazy initialisation),
// then `repeats` times; returns the best CPU seconds of this process (all its threads, as the
// native and scikit-learn sides measure: the machine is shared) and the best wall seconds.
export async function bestOf(repeats, body) {
  await body();
  let cpu = Infinity;
  let wall = Infinity;
  for (let i = 0; i < Math.max(1, repeats); i++) {
    const wall0 = performance.now();
    const cpu0 = process.cpuUsage();
    await body();
    const used = process.cpuUsage(cpu0);
    cpu = Math.min(cpu, (used.user + used.system) / 1e6);
    wall = Math.min(wall, (performance.now() - wall0) / 1000);
  }
  return { cpu, wall };
}

// "<prefix>_score_s=... <prefix>_score_rows_per_s=... <prefix>_score_wall_s=..." for one timing
// (prefix '' gives the plain keys wasm_bench.mjs has always printed).
export function scoreFields(prefix, rows, timing) {
  const p = prefix ? `${prefix}_` : '';
  return (
    `${p}score_s=${timing.cpu.toFixed(6)} ${p}score_rows_per_s=${(rows / timing.cpu).toFixed(0)} ` +
    `${p}score_wall_s=${timing.wall.toFixed(6)}`
  );
}
