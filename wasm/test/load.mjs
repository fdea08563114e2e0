// Loads the browser build of vixray under Node (TOOLCHAIN.md item 4: pass wasmBinary).
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

// build 'full' (default): every binding, for the tests and benchmarks; 'page': the build the
// dashboard loads (vixray_core.mjs), see wasm/CMakeLists.txt.
export async function loadVixray(distDir, { build = 'full' } = {}) {
  const dir = path.resolve(distDir ?? process.env.VIXRAY_WASM_DIST ?? 'build/wasm/dist');
  const { createVixray } = await import(pathToFileURL(path.join(dir, 'vixray.mjs')).href);
  const stem = build === 'page' ? 'vixray_core' : 'vixray_core_full';
  const { default: createCore } = await import(pathToFileURL(path.join(dir, `${stem}.mjs`)).href);
  return createVixray({ createCore, wasmBinary: fs.readFileSync(path.join(dir, `${stem}.wasm`)) });
}
