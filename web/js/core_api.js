// The calls from the worker into the WebAssembly core (wasm/vixray.mjs). The worker's message
// protocol stays fixed; when the core's JavaScript API changes, this file changes. The raw
// objects returned here are shaped for the page by analysis_view.js.

/** A capability the loaded WebAssembly build does not have (named in the message). */
export class CapabilityError extends Error {}

/** Loads the core; resolves to {vx, version, capabilities}. */
export async function loadCore() {
  const { createVixray } = await import(new URL('../wasm/vixray.mjs', import.meta.url).href);
  const vx = await createVixray();
  let version = 'unknown';
  try {
    const response = await fetch(new URL('../wasm/package.json', import.meta.url).href);
    if (response.ok) version = String((await response.json()).version ?? 'unknown');
  } catch {
    // The version is informative only: a missing manifest does not stop the page.
  }
  return { vx, version, capabilities: capabilities(vx) };
}

function priceCsvReader(vx) {
  return vx.parsePriceCsv ?? vx.core?.parsePriceCsv ?? null;
}

export function capabilities(vx) {
  const list = [];
  if (vx.Forest) list.push('forest');
  if (priceCsvReader(vx)) list.push('price-csv');
  if (vx.EnsembleModel?.fromJSON) list.push('analysis');
  return list;
}

/**
 * What the panels read from the model bundle (vixray-model JSON, core/include/vixray/
 * model_io.hpp) beside the Analysis: training range, coverage, horizon, detector features.
 */
export function modelSummary(bundleText) {
  let bundle;
  try {
    bundle = JSON.parse(bundleText);
  } catch (error) {
    throw new Error(`the model bundle is not valid JSON: ${error.message}`);
  }
  if (bundle?.format !== 'vixray-model') {
    throw new Error(`the model bundle has format ${JSON.stringify(bundle?.format)}, expected "vixray-model"`);
  }
  return {
    format_version: bundle.format_version,
    training: bundle.training ?? null,
    coverage: bundle.coverage ?? [],
    forward_return_horizon: bundle.forward_return_horizon,
    detectors: (bundle.detectors ?? []).map((d) => ({ name: d.name, domain: d.domain, features: d.features })),
    inactive_detectors: (bundle.inactive_detectors ?? []).map((d) => ({ name: d.name, domain: d.domain, note: d.note })),
  };
}

/**
 * An analysis session over one model bundle and one market document: holds the core's objects
 * so explanations and what-ifs reuse them. Methods return plain objects (see analysis_view.js).
 */
export function openSession(vx, bundleText, marketText) {
  const session = openCoreSession(vx, bundleText, marketText);
  // The Analysis JSON holds no training facts: the panels get them from the bundle.
  session.analysis.model = modelSummary(bundleText);
  return session;
}

/**
 * The analysis input ({dates, featureNames, features: Float64Array row-major, vixClose,
 * spxClose}, the argument of EnsembleModel.analyze in wasm/vixray.mjs) from market.json.
 * market.json here holds the analysis inputs as columns:
 *   {"dates": ["YYYY-MM-DD", ...], "vix_close": [...], "spx_close": [...],
 *    "features": {"<feature name>": [per-day value or null], ...}}
 * (e2e/analysis_input_json.mjs writes it from the CLI's generic CSV). Only the features the
 * model reads are copied. When market.json carries raw prices instead, the core's feature
 * computation is called here.
 */
export function analysisInput(market, featureNames) {
  if (!market || !Array.isArray(market.dates)) throw new Error('market.json: "dates" must be an array');
  const rows = market.dates.length;
  const column = (values, name) => {
    if (!Array.isArray(values) || values.length !== rows) {
      throw new Error(`market.json: "${name}" must hold ${rows} values (one per date)`);
    }
    return Float64Array.from(values, (v) => (typeof v === 'number' ? v : NaN));
  };
  const features = new Float64Array(rows * featureNames.length);
  featureNames.forEach((name, j) => {
    const values = market.features?.[name];
    if (values === undefined) throw new Error(`market.json: the model reads feature "${name}", which is absent`);
    const col = column(values, `features.${name}`);
    for (let i = 0; i < rows; i++) features[i * featureNames.length + j] = col[i];
  });
  return {
    dates: market.dates,
    featureNames,
    features,
    vixClose: column(market.vix_close, 'vix_close'),
    spxClose: column(market.spx_close, 'spx_close'),
  };
}

function openCoreSession(vx, bundleText, marketText) {
  if (!vx.EnsembleModel?.fromJSON) {
    throw new CapabilityError(
      'this WebAssembly build cannot compute an Analysis (wasm/vixray.mjs has no EnsembleModel); ' +
      'rebuild the site with a core that has it');
  }
  let market;
  try {
    market = JSON.parse(marketText);
  } catch (error) {
    throw new Error(`market.json is not valid JSON: ${error.message}`);
  }
  const model = vx.EnsembleModel.fromJSON(bundleText);
  try {
    const input = analysisInput(market, model.featureNames);
    const started = performance.now();
    const analysis = model.analyze(input);
    return {
      analysis,
      analyzeMs: performance.now() - started,  // the core's Analysis alone (no fetch, no JSON.parse)
      explain: (index) => model.explain(input, index),
      whatIf: null,
      analyzeSeries: null,
      close: () => model.delete(),
    };
  } catch (error) {
    model.delete();
    throw error;
  }
}

/** Reads one price CSV (CBOE/Yahoo) with the core; the core's errors name file and line. */
export function parsePriceCsv(vx, text, fileName) {
  const reader = priceCsvReader(vx);
  if (!reader) {
    throw new CapabilityError('this WebAssembly build has no price CSV reader (parsePriceCsv)');
  }
  return reader(text, fileName);
}
