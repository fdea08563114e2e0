// Compiling the core's WebAssembly module (site layout), through host.js: by the page
// (worker_client.js compiles it while the worker starts, and sends it over) and by the worker
// (core_api.js, when no module is sent).

/** The compiled core's URL (site layout: js/ beside wasm/); resolved when first needed. */
export function wasmUrl() {
  return new URL('../wasm/vixray_core.wasm', import.meta.url).href;
}

/** Compiles the .wasm while it downloads (application/wasm), else from its bytes. */
export async function compileWasm(url = wasmUrl()) {
  try {
    // High priority: the core is on the first visit's critical path (index.html).
    return await WebAssembly.compileStreaming(fetch(url, { priority: 'high' }));
  } catch {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
    return WebAssembly.compile(await response.arrayBuffer());
  }
}
