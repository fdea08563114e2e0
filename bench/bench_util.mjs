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

// Runs each body of `bodies` ({ name: body }, sync or async) once to warm up (JIT tiers, memory
// growth, lazy initialisation), then `repeats` rounds of all bodies in turn (interleaved, so all
// see the same machine load); returns { name: { cpu, wall } }: the best CPU seconds of this
// process (all its threads, as the native and scikit-learn sides measure: the machine is
// shared) and the best wall seconds.
export async function bestOfInterleaved(repeats, bodies) {
  const best = {};
  for (const [name, body] of Object.entries(bodies)) {
    await body();
    best[name] = { cpu: Infinity, wall: Infinity };
  }
  for (let i = 0; i < Math.max(1, repeats); i++) {
    for (const [name, body] of Object.entries(bodies)) {
      const wall0 = performance.now();
      const cpu0 = process.cpuUsage();
      await body();
      const used = process.cpuUsage(cpu0);
      best[name].cpu = Math.min(best[name].cpu, (used.user + used.system) / 1e6);
      best[name].wall = Math.min(best[name].wall, (performance.now() - wall0) / 1000);
    }
  }
  return best;
}

// The same for one body: its { cpu, wall }.
export async function bestOf(repeats, body) {
  return (await bestOfInterleaved(repeats, { body })).body;
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
