// Loads the browser build of vixray under Node (TOOLCHAIN.md item 4: pass wasmBinary).
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export async function loadVixray(distDir) {
  const dir = path.resolve(distDir ?? process.env.VIXRAY_WASM_DIST ?? 'build/wasm/dist');
  const { createVixray } = await import(pathToFileURL(path.join(dir, 'vixray.mjs')).href);
  return createVixray({ wasmBinary: fs.readFileSync(path.join(dir, 'vixray_core.wasm')) });
}
