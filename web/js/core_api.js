// The calls from the worker into the WebAssembly core (wasm/vixray.mjs). The worker's message
// protocol stays fixed; when the core's JavaScript API changes, this file changes. The raw
// objects returned here are shaped for the page by analysis_view.js.

import { openBundleChecking } from './bundle_check.js';
import { compileCoreModule, importVixray } from './host.js';

/** A capability the loaded WebAssembly build does not have (named in the message). */
export class CapabilityError extends Error {}

/**
 * Loads the core; resolves to {vx, version, capabilities}. `pageModule`: a promise of the
 * WebAssembly.Module the page compiled (null: compile it here; if that fails too, or the build
 * has its wasm inlined, Emscripten's glue loads the module its own way and reports what went
 * wrong).
 */
export async function loadCore(pageModule = null) {
  // The module compiles while the core's JavaScript loads (the glue would otherwise ask for the
  // .wasm only once it runs).
  const compiled = Promise.resolve(pageModule)
    .then((module) => module ?? compileCoreModule())
    .catch(() => null);
  const { createVixray, version } = await importVixray();
  const module = await compiled;
  const vx = await createVixray(
    module
      ? {
          // Emscripten's hook: instantiate the compiled module here (a worker may do it synchronously).
          instantiateWasm(imports, receiveInstance) {
            const instance = new WebAssembly.Instance(module, imports);
            receiveInstance(instance, module);
            return instance.exports;
          },
        }
      : {},
  );
  return { vx, version, capabilities: capabilities(vx) };
}

/**
 * MB of the core's heap a worker's part of the page's first Analysis writes to (the demo: the
 * bundle read, the features and the forests grow the core's memory from 16 to ~33 MB in
 * worker.js and ~28 MB in scorer.js, bench/RESULTS.md "the first bundle read"), less a margin.
 */
export const FIRST_ANALYSIS_HEAP_MB = 24;

/**
 * Has the core map the memory the first Analysis will write to while `waiting()` says the worker
 * still waits for its data: writing a page for the first time is what the bundle read spent most
 * of its time on. In steps of 4 MB, each its own task, so a message that arrives meanwhile waits
 * one step at most. No-op for a core without reserveHeap; never rejects.
 */
export async function reserveAnalysisHeap(vx, waiting) {
  if (!vx.reserveHeap) return;
  for (let mb = 4; mb <= FIRST_ANALYSIS_HEAP_MB && waiting(); mb += 4) {
    // The steps before are mapped already: only the new 4 MB cost. False (no memory) or an
    // error: the Analysis maps its pages itself, as it would have.
    try {
      if (!vx.reserveHeap(mb)) return;
    } catch {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
}

/**
 * Bytes for one Analysis's per-day arrays (reserveOutputMemory's default): the demo's 9,067 days take 2.76 MB (304
 * bytes a day with 15 detectors and 11 domains), so 4 MB hold ~13,800 days; longer columns than
 * fit get buffers of their own (EnsembleModel columns(output)).
 */
export const OUTPUT_MEMORY_BYTES = 4 << 20;

const OUTPUT_MEMORY_STEP = 1 << 20;

/**
 * Memory for the arrays of a worker's first answer (the `output` of EnsembleModel's *Columns
 * calls and scoreMarket), written to in 1 MB steps, each its own task, while the worker waits
 * for its core and data: the first write to a page of fresh memory is most of what copying the
 * arrays out of the core costs in a fresh worker (bench/RESULTS.md, "the arrays' memory").
 * `take()` returns the ArrayBuffer (written as far as it got: the copies write the rest, as
 * without it) and stops the writing. Never throws: without memory, `take()` gives null.
 */
export function reserveOutputMemory(bytes = OUTPUT_MEMORY_BYTES) {
  let buffer = null;
  try {
    buffer = new ArrayBuffer(bytes);
  } catch {
    return { take: () => null };
  }
  let taken = false;
  (async () => {
    const view = new Uint8Array(buffer);
    for (let at = 0; at < bytes && !taken; at += OUTPUT_MEMORY_STEP) {
      view.fill(0, at, at + OUTPUT_MEMORY_STEP);
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
  })();
  return {
    take() {
      taken = true;
      return buffer;
    },
  };
}

/** Rounds of warmUpCore: enough for V8 to optimise the Analysis's functions (bench/RESULTS.md). */
export const WARM_UP_ROUNDS = 3;

/**
 * Runs the page's calls (bundle read, Analysis, today's explanation) on a small model and market
 * (`files`: {model, market} bytes, host.js warmUpFiles) while `waiting()` says the worker still
 * waits for its data, one round per task; the results are dropped. V8 runs a WebAssembly
 * function in its baseline tier until it has run a while, then compiles it with its optimising
 * tier for the next call, and never swaps the code of a call that is running: the page's single
 * long calls (the features, the forests, the bundle read) ran their whole first call in the
 * baseline tier, 2-6x slower (bench/RESULTS.md, "the warm-up"). The workers share the compiled
 * module, so what one optimises the other uses. Resolves to the rounds run, and their ms (a load
 * timing); no-op without files; never rejects.
 */
export async function warmUpCore(vx, files, waiting, rounds = WARM_UP_ROUNDS) {
  const started = performance.now();
  const done = (round) => ({ rounds: round, ms: performance.now() - started });
  if (!files || !vx.EnsembleModel?.openBundle) return done(0);
  // Each call its own task, so that the data waits for one call at most.
  const next = () => new Promise((resolve) => setTimeout(resolve, 0));
  for (let round = 0; round < rounds; round++) {
    let model = null;
    try {
      if (!waiting()) return done(round);
      // The page's read (openBundleChecking), its hash text left unhashed.
      model = vx.EnsembleModel.openBundle(files.model, { hashView: () => null }).model;
      await next();
      if (!waiting()) return done(round);
      const { summary } = model.analyzeMarketColumns(files.market);
      await next();
      if (!waiting()) return done(round);
      if (summary.today) model.explainDay(summary.today.index);
    } catch {
      return done(round); // a failed warm-up only means the Analysis runs as it would have
    } finally {
      model?.delete();
    }
    await next();
  }
  return done(rounds);
}

function priceCsvReader(vx) {
  return vx.parsePriceCsv ?? vx.core?.parsePriceCsv ?? null;
}

export function capabilities(vx) {
  const list = [];
  if (vx.core?.Forest) list.push('forest'); // only in the full build (wasm/CMakeLists.txt)
  if (priceCsvReader(vx)) list.push('price-csv');
  if (vx.EnsembleModel?.prototype.analyzeMarketColumns) list.push('analysis');
  return list;
}

/**
 * The raw Analysis analysis_view.js toAnalysisView reads, all from the core: the summary and
 * per-day columns (EnsembleModel.analyzeMarketColumns) with the core's list of them, ISO dates,
 * the model's facts with labels (modelFacts) and where the prices came from (dataSource).
 */
function rawAnalysis(vx, result, model) {
  const { summary, columns } = result;
  return {
    summary,
    dates: vx.isoDates(columns.dates),
    columns,
    columnList: vx.analysisColumns(),
    model: model.modelFacts(),
    source: model.dataSource(),
  };
}

/**
 * The detectors (indices in model order) that the second worker (scorer.js) scores: every other
 * one from the first, so with 15 it scores 8 and worker.js 7 plus the rest of the Analysis.
 */
export function scorerDetectors(count) {
  return Array.from({ length: Math.ceil(count / 2) }, (_, i) => 2 * i);
}

/** The detectors worker.js scores itself when the scorer scores scorerDetectors(count). */
export function ownDetectors(count) {
  const theirs = new Set(scorerDetectors(count));
  return Array.from({ length: count }, (_, i) => i).filter((i) => !theirs.has(i));
}

/**
 * The Analysis of market.json (bytes) by `model`: from the kept state of the last visit when it
 * fits (same core build and bundle: restored as it is for the same market, extended by the new
 * days for a longer one), else computed in full (with the scorer's scores when `remoteScores()`
 * gives a promise of them). A kept state the core refuses is ignored. Returns {result, from:
 * 'cache' | 'appended' | 'computed'}.
 */
async function analysisOf(model, market, { kept, key, marketSha, remoteScores, output }) {
  if (kept && key !== null && kept.key === key) {
    const same = kept.market === marketSha;
    try {
      const result = same
        ? model.restoreMarketColumns(kept.state, market, { output })
        : model.extendMarketColumns(kept.state, market, { output });
      return { result, from: same ? 'cache' : 'appended' };
    } catch {
      // damaged, of another market history, or refused: computed below, and replaced
    }
  }
  const remote = remoteScores?.() ?? null;
  const result =
    remote && model.analyzeMarketColumnsSplit
      ? await model.analyzeMarketColumnsSplit(
          market,
          { detectors: scorerDetectors(model.nDetectors), scores: remote },
          { output },
        )
      : model.analyzeMarketColumns(market, { output });
  return { result, from: 'computed' };
}

/**
 * An analysis session over one model bundle and one market document (text or UTF-8 bytes, which
 * go to the core as they are): holds the core's objects so explanations and what-ifs reuse them.
 * `analysis` is the raw form of analysis_view.js; `timings` in ms: modelMs (reading the bundle)
 * and the core's stages {featuresMs, analysisMs, exportMs}, whose sum is analyzeMs.
 * `options.remoteScores`: a function giving a promise of EnsembleModel.scoreMarket's result for
 * scorerDetectors() when another instance of the core scores those (see
 * analyzeMarketColumnsSplit), or null. `options.kept`: analysis_cache.js readKept's answer (the
 * last visit's state); the session then says where its Analysis came from (`from`: 'cache',
 * 'appended' or 'computed') and `stateToKeep()` gives the record to keep (null when it came from
 * the cache unchanged). `options.output`: an ArrayBuffer for the per-day arrays
 * (reserveOutputMemory), or null. Resolves to the session.
 */
export async function openSession(
  vx,
  bundle,
  market,
  { remoteScores = null, kept = null, output = null } = {},
) {
  if (!vx.EnsembleModel?.prototype.analyzeMarketColumns) {
    throw new CapabilityError(
      'this WebAssembly build cannot compute an Analysis (wasm/vixray.mjs has no ' +
        'EnsembleModel.analyzeMarketColumns); rebuild the site with a core that has it',
    );
  }
  const started = performance.now();
  // The bundle's content hash runs while the Analysis is computed; nothing computed with a
  // bundle that fails it leaves this function (its error does, as before the Analysis).
  const { model, sha256: bundleSha, checked } = await openBundleChecking(vx, bundle);
  // The forests this instance will score are laid out as part of the read (the others on their
  // first use: explanations, what-ifs); none without a full computation ahead (a kept state).
  if (!kept?.kept && model.layOut) {
    const count = model.nDetectors;
    model.layOut(remoteScores ? ownDetectors(count) : Array.from({ length: count }, (_, i) => i));
  }
  const modelMs = performance.now() - started;
  try {
    // market.json holds raw prices (core/include/vixray/data/market_json.hpp): the core
    // computes the model's features, the Analysis, explanations and what-ifs from them.
    const canKeep = Boolean(vx.buildId && model.analysisState && bundleSha);
    const key = canKeep ? `${vx.buildId()} ${bundleSha}` : null;
    const marketSha = kept?.market ?? null;
    const { result, from } = await analysisOf(model, market, {
      kept: kept?.kept ?? null,
      key,
      marketSha,
      remoteScores,
      output,
    }).catch(async (error) => {
      await checked; // a bundle that fails its check is named first
      throw error;
    });
    await checked;
    const { featuresMs, analysisMs, exportMs } = result.timings;
    return {
      analysis: rawAnalysis(vx, result, model),
      timings: { modelMs, ...result.timings },
      analyzeMs: featuresMs + analysisMs + exportMs, // no fetch, no view
      from,
      stateToKeep: () =>
        key !== null && marketSha !== null && from !== 'cache'
          ? { key, market: marketSha, state: model.analysisState() }
          : null,
      explain: (index) => model.explainDay(index),
      whatIf: (vixClose, spxReturnPct) => model.whatIf(vixClose, spxReturnPct),
      // The reader's files [{name, text}], scored by a second instance so the session keeps the
      // site's market for explanations and what-ifs. Returns the raw form of analysis_view.js.
      analyzeSeries: (files) => {
        const own = vx.EnsembleModel.fromJSON(bundle);
        try {
          return rawAnalysis(vx, own.analyzeFilesColumns(files), own);
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
