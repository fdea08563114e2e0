// The calls from the worker into the WebAssembly core (wasm/vixray.mjs). The worker's message
// protocol stays fixed; when the core's JavaScript API changes, this file changes. The raw
// objects returned here are shaped for the page by analysis_view.js.

import { importVixray } from './host.js';

/** A capability the loaded WebAssembly build does not have (named in the message). */
export class CapabilityError extends Error {}

/** Loads the core; resolves to {vx, version, capabilities}. */
export async function loadCore() {
  const { createVixray, version } = await importVixray();
  const vx = await createVixray();
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

function openCoreSession(vx, bundleText, marketText) {
  if (!vx.EnsembleModel?.fromJSON) {
    throw new CapabilityError(
      'this WebAssembly build cannot compute an Analysis (wasm/vixray.mjs has no EnsembleModel); ' +
      'rebuild the site with a core that has it');
  }
  const model = vx.EnsembleModel.fromJSON(bundleText);
  try {
    // market.json holds raw prices (core/include/vixray/pipeline.hpp frame_to_json): the core
    // computes the model's features, the Analysis, explanations and what-ifs from them.
    const started = performance.now();
    const analysis = model.analyzeMarket(marketText);
    return {
      analysis,
      analyzeMs: performance.now() - started,  // features + Analysis + JSON (no fetch)
      explain: (index) => model.explainDay(index),
      whatIf: (vixClose, spxReturnPct) => model.whatIf(vixClose, spxReturnPct),
      // The reader's files [{name, text}], scored by a second instance so the session keeps the
      // site's market for explanations and what-ifs.
      analyzeSeries: (files) => {
        const own = vx.EnsembleModel.fromJSON(bundleText);
        try {
          return own.analyzeFiles(files);
        } finally {
          own.delete();
        }
      },
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
