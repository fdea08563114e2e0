// Type-checks vixray.d.ts against the calls the page (web/js/core_api.js, worker.js, scorer.js)
// and the READMEs make: `make check-types` runs tsc --noEmit --strict on this file, never node.
// 'vixray' resolves to this package itself (wasm/package.json "exports" -> "types"), as it would
// for a user of the npm module. The @ts-expect-error lines are calls the declaration must refuse.
import createVixrayDefault, { createVixray } from 'vixray';
import type {
  AnalysisColumnsResult,
  DetectorScores,
  EnsembleInput,
  DataSource,
  Explanations,
  ModelFacts,
  PriceSeries,
  Vixray,
  WhatIf,
} from 'vixray';

declare const wasmBytes: Uint8Array;
declare const modelJsonText: string;
declare const bundleText: string;
declare const bundleBytes: Uint8Array;
declare const marketBytes: Uint8Array;
declare const marketText: string;
declare const spxText: string;
declare const vixText: string;
declare const createFullCore: (options: object) => Promise<object>;
declare const compiledModule: object;
declare function instantiate(module: object, imports: object): { exports: object };
declare function use(...values: unknown[]): void;

export async function page(): Promise<void> {
  // web/js/core_api.js loadCore: Emscripten's instantiateWasm hook.
  const vx: Vixray = await createVixray({
    instantiateWasm(imports, receiveInstance) {
      const instance = instantiate(compiledModule, imports);
      receiveInstance(instance, compiledModule);
      return instance.exports;
    },
  });
  const capabilities: string[] = [];
  if (vx.core.Forest) capabilities.push('forest');
  if (typeof vx.EnsembleModel.prototype.analyzeMarketColumns === 'function') {
    capabilities.push('analysis');
  }

  // openSession: the bundle checked (its canonical content hashed by the page), then read as
  // bytes; the Analysis as typed arrays.
  const { stored, content } = vx.EnsembleModel.contentOf(bundleBytes);
  if (stored !== null) capabilities.push(`${stored.length}:${content.length}`);
  const model = vx.EnsembleModel.fromJSON(bundleBytes);
  try {
    const result: AnalysisColumnsResult = model.analyzeMarketColumns(marketBytes);
    const { featuresMs, analysisMs, exportMs } = result.timings;
    const analyzeMs: number = featuresMs + analysisMs + exportMs;
    const dates: string[] = vx.isoDates(result.columns.dates);
    const score: Float64Array = result.columns.ensemble_score;
    const level: Int8Array = result.columns.level;
    const streak: Int32Array = result.columns.streak;
    const perDetector = result.columns.detector_scores.subarray(0, result.days);
    const names: string[] = result.summary.detectors;
    const today = result.summary.today;
    if (today !== null) {
      const drivers: Explanations = model.explainDay(today.index);
      const phi = drivers.detectors[names[0]]?.phi ?? [];
      const top = drivers.features[0];
      use(today.date, today.level, today.ensemble.score, phi.length, top?.label, top?.value);
      use(drivers.other_features.count, drivers.explained_detectors, drivers.unit);
    }
    const facts: ModelFacts = model.modelFacts();
    use(facts.training.first_date, facts.coverage[0]?.label, facts.features['vix_level']);
    const source: DataSource = model.dataSource();
    if (source.simulated) use(source.seed, source.description);
    for (const column of vx.analysisColumns()) use(result.columns[column.name].length);
    if (today !== null) {
    }
    const whatIf: WhatIf = model.whatIf(45, -5);
    use(analyzeMs, dates[0], score[0], level[0], streak[0], perDetector.length);
    use(whatIf.level, whatIf.ensemble.score, whatIf.drivers.date);
    use(result.summary.thresholds.high, result.summary.regimes.current?.name);

    // The reader's files, scored by a second instance.
    const own = vx.EnsembleModel.fromJSON(bundleText);
    const files = own.analyzeFilesColumns([{ name: 'vix.csv', text: vixText }]);
    use(files.summary.persistence.current_streak);
    own.delete();

    // scorer.js scores every other detector; worker.js the rest (analyzeMarketColumnsSplit).
    const part = Array.from({ length: Math.ceil(model.nDetectors / 2) }, (_, i) => 2 * i);
    const other = vx.EnsembleModel.fromJSON(bundleBytes);
    other.layOut(part);
    const remote: DetectorScores = other.scoreMarket(marketBytes, part);
    const transfer: ArrayBufferLike = remote.scores.buffer;
    const split = await model.analyzeMarketColumnsSplit(marketBytes, {
      detectors: part,
      scores: Promise.resolve(remote),
    });
    const used: boolean = split.timings.remote;
    use(transfer.byteLength, used, split.timings.waitMs, split.timings.remoteTimings);
    other.delete();

    // The return visit (web/js/analysis_cache.js): the state kept, restored or extended.
    const key: string = `${vx.buildId()} ${stored ?? ''}`;
    const state: Uint8Array = model.analysisState();
    const restored: AnalysisColumnsResult = model.restoreMarketColumns(state, marketBytes);
    const extended: AnalysisColumnsResult = model.extendMarketColumns(state, marketText);
    use(key, restored.days, extended.timings.analysisMs);
  } finally {
    model.delete();
  }

  // worker.js scoreCsv: the reader's price files.
  const series: PriceSeries = vx.parsePriceCsv(vixText, 'vix.csv');
  use(series.format, series.days.length, series.days[0], series.report.rows);
  use(series.warnings.map((w) => `${w.kind} ${w.count} ${w.examples.join(' ')}`));
}

export async function readme(): Promise<void> {
  // In Node, with the full build (wasm/test/load.mjs).
  const vx = await createVixray({ createCore: createFullCore, wasmBinary: wasmBytes });
  const same: typeof createVixray = createVixrayDefault;
  use(same === createVixray);

  const forest = vx.Forest.fromJSON(modelJsonText);
  const scores: Float64Array = forest.score(new Float64Array(16), 8, 2);
  use(scores[0], forest.nTrees, forest.featureNames.join(','));
  const scalar: Float64Array = forest.score(new Float64Array(16), 8, 2, 'scalar');
  const kernel: string = forest.kernelName('simd');
  use(scalar[0], kernel, forest.kernelName());
  forest.delete();

  const model = vx.EnsembleModel.fromJSON(bundleText);
  const input: EnsembleInput = {
    dates: ['2024-01-02', '2024-01-03'],
    featureNames: model.featureNames,
    features: new Float64Array(2 * model.featureNames.length),
    vixClose: new Float64Array([13.2, 14.0]),
    spxClose: new Float64Array([4742.8, 4704.8]),
  };
  const analysis = model.analyze(input);
  const last: number | null = analysis.ensemble.score[analysis.dates.length - 1];
  const shap = model.explain(input, 1);
  const market = model.analyzeMarket(marketText);
  const docs = model.documents('2024-01-04T00:00:00Z');
  use(last, shap.detectors, market.level.at(-1), Object.keys(docs), model.toJSON().length);
  model.delete();

  const vix = vx.parsePriceCsv(vixText, 'vix.csv');
  const aligned = vx.alignMarket({ spx: spxText, vix }, { maxFillDays: 3 });
  const vixClose: Float64Array | undefined = aligned.columns['vix.close'];
  use(vixClose, aligned.report.gaps, aligned.reads.spx?.format, aligned.dates[0]);

  const f = vx.computeFeatures({
    dates: aligned.days,
    columns: { 'vix.close': aligned.columns['vix.close'], 'spx.close': [4742.8, null] },
  });
  const z: Float64Array = f.column('vix_zscore_63d');
  const spec = vx.marketFeatureCatalogue(['vix.close', 'spx.close']);
  const ticker = vx.tickerFeatureCatalogue({ priceRelative: true });
  const g = vx.computeFeatures('date,vix.close\n2020-01-02,13.8\n', {
    features: [{ name: 'z', kind: 'zscore', input: 'vix.close', window: 3 }],
  });
  use(f.names, f.values, f.warmup, z, spec.features[0].kind, ticker, g.rows);
  use(vx.describeFeatures(spec), vx.validateFeatureSpec(JSON.stringify(spec)));

  const sim = vx.simulate({ seed: 42, start: '1990-01-02', end: '2025-12-31' });
  use(sim.days, sim.vix.length, sim.events, vx.featureKinds(), vx.isoDate(0));
  use(vx.parseNumericTable('a,b\n1,2\n').values, vx.parseFrameCsv('date\n').dates);
}

// The ticker view (web/js/ticker/worker_ticker.js).
export async function tickers(vx: Vixray, csvText: string): Promise<void> {
  const { TickerSession, reviewConvert } = await vx.openTickers();
  const session = new TickerSession();
  const info = session.addModel(modelJsonText);
  const view = session.open('7203.T.csv', csvText, ['2024-03-08T01:30:00Z']);
  const score: Float64Array = view.columns.score;
  const flagged: Uint8Array = view.columns.flagged;
  const again = session.setExtraTimes([]);
  const e = session.explainBar(view.markers[0]?.bar ?? 0);
  use(info.market, info.content_sha256, score, flagged, again.unmatched, view.labels[0]);
  use(e.available, e.features[0]?.value, view.check.outside_session, session.nModels);
  use(reviewConvert('ticker,datetime,status,note\n', 'json', 'review.csv'));
  session.delete();
  // @ts-expect-error: a review converts to csv or json only
  reviewConvert('', 'xml');
}

// Calls the declaration must refuse.
export async function refused(vx: Vixray): Promise<void> {
  // @ts-expect-error: fromJSON takes the bundle's text or bytes
  vx.EnsembleModel.fromJSON({ format: 'vixray-model' });
  const model = vx.EnsembleModel.fromJSON(bundleText);
  // @ts-expect-error: whatIf takes a VIX close and an S&P 500 return
  model.whatIf(45);
  // @ts-expect-error: the summary's today may be null
  model.explainDay(model.columns().summary.today.index);
  // @ts-expect-error: ensemble_score is a Float64Array, not an Int8Array
  const level: Int8Array = model.analyzeMarketColumns(marketText).columns.ensemble_score;
  // @ts-expect-error: analyzeMarketColumnsSplit is asynchronous
  const split: AnalysisColumnsResult = model.analyzeMarketColumnsSplit(marketText, {
    detectors: [0],
    scores: model.scoreMarket(marketText, [0]),
  });
  // @ts-expect-error: nDetectors is read-only
  model.nDetectors = 3;
  // @ts-expect-error: no such series
  vx.alignMarket({ sp500: spxText });
  // @ts-expect-error: createVixray takes options, not the .wasm bytes themselves
  await createVixray(wasmBytes);
  use(level, split);
}
