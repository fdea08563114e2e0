// Types of vixray.mjs, the JavaScript API over vixray's C++ core compiled to WebAssembly (see
// README.md). Checked by `make check-types` (tsc --strict on test/types_usage.ts).
//
// Two builds share this API (wasm/CMakeLists.txt). The page's (vixray_core.mjs, the default) has
// the ensemble's market session (EnsembleModel: fromJSON, analyzeMarketColumns,
// analyzeMarketColumnsSplit, scoreMarket, analyzeFilesColumns, columns, explainDay, whatIf),
// parsePriceCsv, alignMarket and the dates. Members marked "Full build only" need
// vixray_core_full.mjs (createVixray({ createCore })); with the page's build they throw a TypeError.
//
// Errors: every failure of the core arrives as a JavaScript Error carrying the C++ message (e.g.
// "vix.csv:3: column 2 ("Close"): expected a number, got "abc""); wrong argument types found by
// the wrapper throw a TypeError; a method of an object after its delete() throws an Error.
//
// The file needs no DOM or Node types.

/** Options of createVixray: Emscripten's module options, plus the factory of the build. */
export interface CreateVixrayOptions {
  /**
   * The factory of the core (a build's default export): vixray_core.mjs's by default (the page's
   * build); vixray_core_full.mjs's for the full API.
   */
  createCore?: (options: object) => Promise<object>;
  /** The .wasm bytes, e.g. under Node, where the module cannot fetch them. */
  wasmBinary?: ArrayBuffer | Uint8Array;
  /**
   * Emscripten's hook to instantiate the module yourself. `imports` is a WebAssembly.Imports
   * object (typed `any` so that this file needs no DOM or Node types); call
   * `receiveInstance(instance, module)` with the WebAssembly.Instance and return its exports (or
   * `{}` when instantiating asynchronously).
   */
  instantiateWasm?: (
    imports: any,
    receiveInstance: (instance: object, module?: object) => void,
  ) => object;
  /** Emscripten's hook to locate vixray_core.wasm (default: beside the .mjs). */
  locateFile?: (path: string, prefix: string) => string;
  /** Any other Emscripten module option, passed on as it is. */
  [option: string]: unknown;
}

/** Loads the core; resolves to the API. In a browser, vixray_core.wasm is fetched beside it. */
export declare function createVixray(options?: CreateVixrayOptions): Promise<Vixray>;
export default createVixray;

/** What createVixray resolves to. */
export interface Vixray {
  /** Full build only: single Isolation Forests (vixray-forest models). */
  readonly Forest: ForestStatic;
  /** The detector ensemble over a vixray-model bundle. */
  readonly EnsembleModel: EnsembleModelStatic;

  /**
   * Full build only. Computes features on a frame, exactly as the native core does (bit for
   * bit). `spec` omitted or null: the market catalogue restricted to the frame's columns.
   */
  computeFeatures(frame: FrameInput | string, spec?: FeatureSpecInput | null): FeatureMatrix;
  /** Full build only. Parses a wide frame CSV (date,<series>.<field>,...). */
  parseFrameCsv(text: string, source?: string): Frame;
  /** Full build only. The market feature catalogue; restricted to `columns` when given. */
  marketFeatureCatalogue(columns?: readonly string[] | null): FeatureSpec;
  /** Full build only. Seed 001's 14 indicators on ticker.* columns. */
  tickerFeatureCatalogue(options?: { priceRelative?: boolean }): FeatureSpec;
  /** Full build only. Validates a spec; returns its canonical form or throws an Error. */
  validateFeatureSpec(spec: FeatureSpecInput): FeatureSpec;
  /** Full build only. The names of the feature kinds ("zscore", "rsi", ...). */
  featureKinds(): string[];

  /**
   * Reads a daily price CSV (CBOE, Yahoo, Stooq or date,value; told from the header). `source`
   * (default "input") names the file in messages. Throws an Error naming file:line.
   */
  parsePriceCsv(text: string, source?: string): PriceSeries;
  /**
   * Joins series on the trading days of the primary (default spx, else ticker): each is CSV text
   * or a parsePriceCsv result. Throws an Error naming the series, file and line.
   */
  alignMarket(series: MarketSeries, options?: AlignOptions): AlignedMarket;
  /** A day number (days since 1970-01-01) as "YYYY-MM-DD". */
  isoDate(day: number): string;
  /** Day numbers as "YYYY-MM-DD" strings. */
  isoDates(days: ArrayLike<number>): string[];
  /** The per-day columns of EnsembleModel.columns(), as the core defines them. */
  analysisColumns(): ColumnInfo[];
  /** The core's build id ("<version>-<16 hex digits>"): a kept Analysis state is keyed by it. */
  buildId(): string;
  /**
   * Grows the core's memory to hold `megabytes` more and writes it once (then frees it), so a
   * later call that needs that much finds its pages mapped. False if the memory cannot be had.
   */
  reserveHeap(megabytes: number): boolean;

  /**
   * Full build only. Simulates a market (the embedded default data): the CSV texts `vixray
   * simulate` writes, byte for byte (defaults: seed 42, 1990-01-02 .. 2025-12-31).
   */
  simulate(options?: { seed?: number; start?: string; end?: string }): SimulatedMarket;
  /** Full build only. One-line descriptions (with units) of a spec's features, in spec order. */
  describeFeatures(spec: FeatureSpecInput): string[];
  /** Full build only. Parses numeric CSV text with a header. */
  parseNumericTable(text: string, source?: string): NumericTable;
  /**
   * The ticker view's API, a WebAssembly module of its own (vixray_ticker.wasm beside
   * vixray_core.wasm), loaded on the first call only. `options` go to its factory (under Node:
   * `{wasmBinary}` with the bytes of vixray_ticker.wasm).
   */
  openTickers(options?: CreateVixrayOptions): Promise<TickerApi>;

  /** The raw Embind module of the build (vixray_core*.mjs): its names are not a stable API. */
  readonly core: { readonly [name: string]: unknown };
}

// ---- single forests (full build) --------------------------------------------------------------

export interface ForestStatic {
  /** Loads a forest from its JSON text; an Error on a bad or newer-format model. */
  fromJSON(text: string): Forest;
  readonly kind: 'Forest';
  readonly prototype: Forest;
}

/**
 * The forest's scoring loops: "simd" is SIMD128 in WebAssembly, "auto" picks it; "rank" is the
 * rank-code walk natively only (slower than "simd" in WebAssembly, measured): here it runs "simd".
 */
export type ForestKernel = 'auto' | 'scalar' | 'simd' | 'rank';

/** An Isolation Forest held in WebAssembly memory: call delete() when done. */
export interface Forest {
  /**
   * Scores rows x cols values (row-major); a new Float64Array of `rows` scores in (0, 1].
   * `kernel` picks the loop (default "auto" = "simd"); every kernel gives the same scores.
   */
  score(
    data: ArrayLike<number> | Iterable<number>,
    rows: number,
    cols: number,
    kernel?: ForestKernel,
  ): Float64Array;
  /** The loop a kernel runs in this build: "simd128" (also for "rank") or "scalar". */
  kernelName(kernel?: ForestKernel): string;
  readonly nFeatures: number;
  readonly nTrees: number;
  readonly sampleSize: number;
  readonly offset: number;
  readonly featureNames: string[];
  /** The model's JSON text (vixray-forest). */
  toJSON(): string;
  /** Frees the WebAssembly memory of this object; later calls throw an Error. */
  delete(): void;
}

// ---- features (full build) --------------------------------------------------------------------

/** One feature definition: a kind applied to an input with integer parameters. */
export interface FeatureDef {
  name: string;
  kind: string;
  input: string;
  input2?: string;
  domain?: string;
  window?: number;
  window2?: number;
  window3?: number;
  lag?: number;
  /** 1: divide a price-unit kind by the day's close. */
  relative?: number;
}

export interface FeatureSpec {
  features: FeatureDef[];
}

/** A spec as an object, a bare list of definitions or JSON text. */
export type FeatureSpecInput = FeatureSpec | readonly FeatureDef[] | string;

/** Dates as day numbers (days since 1970-01-01) or "YYYY-MM-DD" / "MM/DD/YYYY" strings. */
export type DateList = Int32Array | ArrayLike<number> | ArrayLike<string>;

/** A frame: trading days and named columns ("vix.close", ...); NaN or null = missing. */
export interface FrameInput {
  dates: DateList;
  columns?: { readonly [column: string]: Float64Array | ArrayLike<number | null> };
}

export interface Frame {
  dates: Int32Array;
  columns: { [column: string]: Float64Array };
}

export interface FeatureMatrix {
  names: string[];
  rows: number;
  cols: number;
  /** rows x cols, row-major; NaN = not available (warm-up, missing data). */
  values: Float64Array;
  /** First non-NaN row per feature (rows if none). */
  warmup: Int32Array;
  /** One feature as a Float64Array; an Error if there is no such feature. */
  column(name: string): Float64Array;
}

export interface NumericTable {
  columns: string[];
  rows: number;
  cols: number;
  /** rows x cols, row-major. */
  values: Float64Array;
}

export interface SimulatedMarket {
  /** Trading days simulated. */
  days: number;
  /** CSV texts: CBOE format (MM/DD/YYYY) for the VIX family and SKEW, Yahoo for the S&P 500. */
  vix: string;
  spx: string;
  vix9d: string;
  vix3m: string;
  vvix: string;
  skew: string;
  /** start,end,kind,severity lines of the embedded events. */
  events: string;
}

// ---- market data ------------------------------------------------------------------------------

export type PriceFormat = 'cboe' | 'yahoo' | 'stooq' | 'stooq_long' | 'date_value';

/** The series a market can hold; `ticker` is an alternative primary to spx. */
export type SeriesName = 'spx' | 'vix' | 'vix9d' | 'vix3m' | 'vvix' | 'skew' | 'ticker';

export interface ReadWarning {
  /** e.g. "close_only", "open_outside_range", "missing_close", "descending_order". */
  kind: string;
  count: number;
  /** "file:line" of the first rows concerned. */
  examples: string[];
}

/** What the reader made of a file (the CLI's `vixray data inspect --json`). */
export interface ReadReport {
  source: string;
  format: PriceFormat;
  data_lines: number;
  rows: number;
  first: string | null;
  last: string | null;
  warnings: ReadWarning[];
}

/** A parsed price file: one entry per row; NaN = absent from the format or repaired. */
export interface PriceSeries {
  format: PriceFormat;
  source: string;
  days: Int32Array;
  dates: string[];
  open: Float64Array;
  high: Float64Array;
  low: Float64Array;
  close: Float64Array;
  adjClose: Float64Array;
  volume: Float64Array;
  report: ReadReport;
  /** report.warnings. */
  warnings: ReadWarning[];
}

/** A series given to alignMarket other than as CSV text (e.g. a parsePriceCsv result). */
export interface SeriesInput {
  days: ArrayLike<number>;
  open?: ArrayLike<number> | null;
  high?: ArrayLike<number> | null;
  low?: ArrayLike<number> | null;
  close?: ArrayLike<number> | null;
  adjClose?: ArrayLike<number> | null;
  volume?: ArrayLike<number> | null;
  report?: ReadReport;
}

export type MarketSeries = { readonly [name in SeriesName]?: string | SeriesInput };

export interface AlignOptions {
  /** The series whose trading days make the rows (default spx if given, else ticker). */
  primary?: SeriesName;
  /** Days a close is carried forward at most (default 5). */
  maxFillDays?: number;
}

export interface AlignSeriesReport {
  name: string;
  input_rows: number;
  matched: number;
  dropped: number;
  filled: number;
  unfilled: number;
  before_start: number;
  after_end: number;
  dropped_examples: string[];
  filled_examples: string[];
  unfilled_examples: string[];
  /** Frame columns written, e.g. "vix.close". */
  columns: string[];
}

export interface AlignReport {
  primary: string;
  rows: number;
  first: string | null;
  last: string | null;
  max_fill_days: number;
  gap_days: number;
  series: AlignSeriesReport[];
  /** Calendar gaps between primary days longer than gap_days. */
  gaps: { from: string; to: string; days: number }[];
}

export interface AlignedMarket {
  days: Int32Array;
  dates: string[];
  /** Column names "<series>.<field>", in columns' order. */
  names: string[];
  /** Float64Array per column on the primary's days; NaN = missing. */
  columns: { [column: string]: Float64Array };
  report: AlignReport;
  /** The read report of each series given as CSV text or with a report. */
  reads: { [name in SeriesName]?: ReadReport };
}

// ---- the detector ensemble --------------------------------------------------------------------

export interface EnsembleModelStatic {
  /**
   * Loads a vixray-model bundle from its JSON text or UTF-8 bytes (copied into the core at once).
   * An Error on a bad or newer-format bundle; a TypeError on another argument.
   */
  fromJSON(bundle: string | Uint8Array): EnsembleModel;
  /**
   * The bundle's stated content_sha256 (null when absent) and its canonical content, the text
   * whose SHA-256 it must be (the caller hashes it). An Error when the bundle is not JSON.
   */
  contentOf(bundle: string | Uint8Array): { stored: string | null; content: string };
  /**
   * Reads a bundle (UTF-8 bytes) once, for the model and its content check: `stored` is its
   * content_sha256 (null when absent), `hashText` the bundle without that member (null when it
   * cannot be cut out), whose SHA-256 is `stored` for a bundle as vixray writes it; if it is
   * not, hash contentOf(bundle).content. An Error on a bad or newer-format bundle.
   */
  openBundle(bundle: Uint8Array): {
    model: EnsembleModel;
    stored: string | null;
    hashText: Uint8Array | null;
  };
  /**
   * The same, the hash text given to `hashView` as a view valid only during that call (copy what
   * is kept: SubtleCrypto's digest does); its result comes back as `hashed`.
   */
  openBundle<T>(
    bundle: Uint8Array,
    options: { hashView: (view: Uint8Array) => T },
  ): { model: EnsembleModel; stored: string | null; hashed: T | null };
  readonly kind: 'EnsembleModel';
  readonly prototype: EnsembleModel;
}

/** Precomputed features for analyze / explain. */
export interface EnsembleInput {
  dates: DateList;
  /** Names of the feature columns: any superset of the model's, in any order. */
  featureNames: readonly string[];
  /** dates.length x featureNames.length, row-major; NaN = missing (warm-up). */
  features: Float64Array | ArrayLike<number>;
  vixClose: ArrayLike<number>;
  spxClose: ArrayLike<number>;
}

/** One of the reader's CSV files; the series is told from the file name (vix.csv, spx.csv...). */
export interface PriceFile {
  name: string;
  text: string;
}

/**
 * Where the *Columns calls copy the per-day arrays: `output`, an ArrayBuffer they share (each
 * column 8-byte aligned from its start; a column that does not fit gets a buffer of its own). A
 * page passes memory it has written to while it waited: a first write to fresh memory is most of
 * what the copies cost there.
 */
export interface ColumnOptions {
  output?: ArrayBuffer | null;
}

/** A market session and the Analysis: holds WebAssembly memory, call delete() when done. */
export interface EnsembleModel {
  /** Full build only. The whole Analysis of precomputed features (`vixray ensemble analyze`). */
  analyze(input: EnsembleInput): Analysis;
  /** Full build only. TreeSHAP contributions of every detector on row `day` of the input. */
  explain(input: EnsembleInput, day: number): Explanations;
  /** Full build only. The Analysis of market.json (text); it becomes the current market. */
  analyzeMarket(marketText: string): Analysis;
  /** Full build only. The Analysis of the reader's CSV files; they become the current market. */
  analyzeFiles(files: readonly PriceFile[]): Analysis;

  /**
   * The Analysis of market.json (text or UTF-8 bytes) as a summary plus per-day typed arrays
   * (the same numbers as analyzeMarket); the market becomes the current one.
   */
  analyzeMarketColumns(market: string | Uint8Array, options?: ColumnOptions): AnalysisColumnsResult;
  /** The current market's state bytes (core analysis_state.hpp), for a page to keep. */
  analysisState(): Uint8Array;
  /**
   * analyzeMarketColumns's result from a kept state of this same market.json: no features, no
   * forests. Throws when the state is damaged or of another build or model.
   */
  restoreMarketColumns(
    state: Uint8Array,
    market: string | Uint8Array,
    options?: ColumnOptions,
  ): AnalysisColumnsResult;
  /**
   * analyzeMarketColumns's result for a market.json that extends the kept state's market by days
   * at the end: only those are scored. Throws as restoreMarketColumns, or when earlier days differ.
   */
  extendMarketColumns(
    state: Uint8Array,
    market: string | Uint8Array,
    options?: ColumnOptions,
  ): AnalysisColumnsResult;
  /**
   * Scores some detectors (indices in model order) on market.json, for another instance's
   * analyzeMarketColumnsSplit. The current market (if any) stays the current one.
   */
  scoreMarket(
    market: string | Uint8Array,
    detectors: ArrayLike<number> | Iterable<number>,
    options?: ColumnOptions,
  ): DetectorScores;
  /**
   * analyzeMarketColumns with `remote.detectors` scored elsewhere (`remote.scores`: scoreMarket's
   * result from another instance with the same bundle and market, or a promise of it). If it
   * rejects or does not fit, those detectors are scored here: the Analysis is the same. Only the
   * features of the detectors scored here are computed first (all of them if it must score the
   * others); an explanation or a what-if computes the features it reads.
   */
  analyzeMarketColumnsSplit(
    market: string | Uint8Array,
    remote: {
      detectors: ArrayLike<number> | Iterable<number>;
      scores: DetectorScores | PromiseLike<DetectorScores>;
    },
    options?: ColumnOptions,
  ): Promise<SplitAnalysisColumnsResult>;
  /** analyzeFiles with the result of analyzeMarketColumns. */
  analyzeFilesColumns(files: readonly PriceFile[]): AnalysisColumnsResult;
  /** The current Analysis as summary + typed arrays (copied out of the core). */
  columns(output?: ArrayBuffer | null): AnalysisColumns;
  /** The explanation of day `index` of the current market (features with labels, TreeSHAP). */
  explainDay(index: number): Explanations;
  /** What a page shows about the model, with the labels people read. */
  modelFacts(): ModelFacts;
  /** Where the current market's prices came from, said plainly. */
  dataSource(): DataSource;
  /**
   * Tomorrow with this VIX close and S&P 500 return (%), on the current market (unchanged):
   * that day's summary and its drivers.
   */
  whatIf(vixClose: number, spxReturnPct: number): WhatIf;
  /**
   * Full build only. The eight seed-000 documents of the current market by file name
   * ("anomaly_report.json", ...). Defaults: now (ISO) and no training date.
   */
  documents(timestamp?: string, trainingDate?: string): { [file: string]: JsonObject };

  readonly nDetectors: number;
  /**
   * Lays out these detectors' forests (indices in model order) for scoring now; a forest is
   * otherwise laid out on its first use, so an instance that scores some detectors (the page's
   * two workers) lays out only those. Changes no number.
   */
  layOut(detectors: Iterable<number>): void;
  /** Every feature the model reads, in first-use order. */
  readonly featureNames: string[];
  /** Full build only. The bundle's JSON text. */
  toJSON(): string;
  /** Frees the WebAssembly memory of this object; later calls throw an Error. */
  delete(): void;
}

export type JsonValue = null | boolean | number | string | JsonValue[] | JsonObject;
export interface JsonObject {
  [key: string]: JsonValue;
}

export type LevelName = 'NORMAL' | 'MODERATE' | 'HIGH' | 'CRITICAL';

export interface Thresholds {
  /** Percentiles (0..100) of the training scores the thresholds sit at. */
  percentiles: number[];
  moderate: number;
  high: number;
  critical: number;
  /** Bootstrap confidence interval per level. */
  ci_low: number[];
  ci_high: number[];
  confidence: number;
  bootstrap_resamples: number;
}

/** The Analysis without its per-day arrays (analysis_summary_json). */
export interface AnalysisSummary {
  /** Detector names, in model order (the order of detector_scores blocks). */
  detectors: string[];
  detector_domains: string[];
  /** Domain names (the order of domain_scores / domain_levels blocks). */
  domains: string[];
  persistence: {
    episodes: { start: string; end: string; length: number }[];
    current_streak: number;
    mean_duration: number;
    max_duration: number;
    total_anomaly_days: number;
    available_days: number;
    anomaly_rate: number;
  };
  regimes: {
    names: string[];
    bounds: number[];
    distribution: { [regime: string]: { count: number; percentage: number } };
    durations: {
      [regime: string]: { runs: number; mean_duration: number; max_duration: number };
    };
    transitions: number[][];
    transition_probability: number[][];
    current: { code: number; name: string; days: number; start_date: string } | null;
  };
  /** Forward returns (%) by level; null where a level has no days. */
  forward_returns_by_level: {
    [level in LevelName]: {
      count: number;
      mean: number | null;
      median: number | null;
      q25: number | null;
      q75: number | null;
      win_rate: number | null;
    };
  };
  level_counts: { [level in LevelName]: number };
  contamination: {
    rates: number[];
    thresholds: (number | null)[];
    training_realized_rates: (number | null)[];
    realized_rates: (number | null)[];
  };
  thresholds: Thresholds;
  permutation_importance: { [feature: string]: number };
  permutation_importance_by_domain: {
    [domain: string]: { feature: string; importance: number }[];
  };
  /** The last scored day, or null when no day has a score. */
  today: {
    index: number;
    date: string;
    ensemble: { score: number; std: number; min: number; max: number; n_detectors: number };
    level: LevelName;
    top_anomalies: { name: string; score: number }[];
    domains: { [domain: string]: { score: number | null; level: LevelName | 'UNAVAILABLE' } };
    domains_at_high: string[];
    domains_at_high_count: number;
    max_possible: number;
    /** A day some detectors could not score (a series or field missing): null when all did. */
    partial: PartialDay | null;
  } | null;
}

/** Which detectors scored a partial day and which inputs would add the rest (core partial_day). */
export interface PartialDay {
  detectors_scored: number;
  detectors: number;
  scored: string[];
  not_scored: string[];
  /** Readers' names of the series or fields that would add the others: "VVIX", "S&P 500 volume". */
  missing_inputs: string[];
  domains_not_scored: string[];
  /** The thresholds the day's level follows: those fitted at training for these detectors. */
  thresholds: { moderate: number; high: number; critical: number };
  /** One sentence saying the above, for a reader. */
  text: string;
}

/** The whole Analysis (analysis_to_json): the summary plus per-day arrays; null = missing. */
export interface Analysis extends AnalysisSummary {
  dates: string[];
  detector_scores: { [detector: string]: (number | null)[] };
  ensemble: {
    score: (number | null)[];
    std: (number | null)[];
    min: (number | null)[];
    max: (number | null)[];
  };
  level: (LevelName | 'UNAVAILABLE')[];
  detectors_at_high: number[];
  /** Detectors the day's ensemble combines (fewer than all on a partial day; 0 = no score). */
  detectors_scored: number[];
  domain_scores: { [domain: string]: (number | null)[] };
  domain_levels: { [domain: string]: (LevelName | 'UNAVAILABLE')[] };
  contamination_flag: number[];
  /** Forward return (%) over the horizon; null for the last days. */
  forward_return: (number | null)[];
  /** Regime code per day; -1 = VIX missing. */
  regime: number[];
  vix_close: (number | null)[];
  spx_close: (number | null)[];
}

/**
 * The per-day figures as typed arrays, one value per day (detector_scores, domain_scores and
 * domain_levels: one block of `days` values per detector / domain, in summary order).
 */
export interface AnalysisDayColumns {
  /** Days since 1970-01-01. */
  dates: Int32Array;
  vix_close: Float64Array;
  spx_close: Float64Array;
  ensemble_score: Float64Array;
  ensemble_std: Float64Array;
  ensemble_min: Float64Array;
  ensemble_max: Float64Array;
  /** NaN = missing. */
  forward_return: Float64Array;
  /** 0 NORMAL .. 3 CRITICAL; -1 = unavailable. */
  level: Int8Array;
  regime: Int32Array;
  detectors_at_high: Int32Array;
  detectors_scored: Int32Array;
  streak: Int32Array;
  regime_days: Int32Array;
  domains_at_high: Int32Array;
  detector_scores: Float64Array;
  domain_scores: Float64Array;
  domain_levels: Int8Array;
}

export interface AnalysisColumns {
  summary: AnalysisSummary;
  days: number;
  columns: AnalysisDayColumns;
}

/** Milliseconds: reading the prices and the features, the Analysis, summary + array copies. */
export interface AnalysisTimings {
  featuresMs: number;
  analysisMs: number;
  exportMs: number;
}

export interface AnalysisColumnsResult extends AnalysisColumns {
  timings: AnalysisTimings;
}

/** scoreMarket's result: one block of `days` scores per detector, in `detectors` order. */
export interface DetectorScores {
  days: number;
  detectors: number[];
  scores: Float64Array;
  timings: { featuresMs: number; scoringMs: number };
}

export interface SplitAnalysisColumnsResult extends AnalysisColumns {
  timings: AnalysisTimings & {
    /** The detectors scored here. */
    scoringMs: number;
    /** Waiting for the remote scores. */
    waitMs: number;
    /** Whether the remote scores were used. */
    remote: boolean;
    remoteTimings: DetectorScores['timings'] | null;
  };
}

/** A per-day column of the Analysis: its element type and its blocks of `days` values. */
export interface ColumnInfo {
  name: keyof AnalysisDayColumns;
  type: 'Float64' | 'Int32' | 'Int8';
  blocks: 'day' | 'detector' | 'domain';
}

/**
 * The explanation of one day: what each feature did to the score (mean path-length shortening
 * over the explained detectors; positive = pushes the score up), largest first, and the TreeSHAP
 * values per detector in path-length units (negative = pushes the score up).
 */
export interface Explanations {
  day: number;
  date: string;
  unit: string;
  explained_detectors: number;
  /** The sum of every feature's value. */
  output: number;
  /** The largest contributions, largest |value| first. */
  features: { feature: string; label: string; value: number; detectors: string[] }[];
  /** The other features' contributions, summed. */
  other_features: { count: number; value: number };
  /** null where the detector has no score that day (warm-up). */
  detectors: {
    [detector: string]: {
      label: string;
      features: string[];
      phi: number[];
      expected_value: number;
      path_length: number;
    } | null;
  };
}

/** A domain's coverage: the features its detectors expect and have. */
export interface DomainCoverage {
  domain: string;
  label: string;
  expected_features: number;
  available_features: number;
  coverage_pct: number;
  status: 'OK' | 'WARNING' | 'CRITICAL';
  missing_features: string[];
  active_detectors: number;
  inactive_detectors: number;
}

/** What a page shows about a model beside its Analysis, with labels. */
export interface ModelFacts {
  training: {
    first_date: string;
    last_date: string;
    input_rows: number;
    n_observations: number;
    n_features: number;
    n_detectors: number;
  };
  forward_return_horizon: number;
  domains: { name: string; label: string }[];
  coverage: DomainCoverage[];
  detectors: { name: string; label: string; domain: string; features: string[] }[];
  inactive_detectors: { name: string; label: string; domain: string; note: string }[];
  /** Every feature of the model's spec: name -> label. */
  features: { [feature: string]: string };
}

/** Where a market's prices came from. */
export interface DataSource {
  kind: 'simulated' | 'files' | 'reader_files' | 'unknown';
  simulated: boolean;
  /** The simulator's seed (simulated data only). */
  seed?: number;
  files: string[];
  last_date: string;
  /** One line for people: "Simulated market, seed 42 — not real prices". */
  description: string;
}

export interface WhatIf {
  day: number;
  date: string;
  vix_close: number | null;
  spx_close: number | null;
  regime: string;
  ensemble: { score: number | null; std: number | null; min: number | null; max: number | null };
  level: LevelName | 'UNAVAILABLE';
  domains: { [domain: string]: { score: number | null; level: LevelName | 'UNAVAILABLE' } };
  detectors: { [detector: string]: number | null };
  thresholds: { moderate: number; high: number; critical: number };
  drivers: Explanations;
}

// ---- the ticker view (ticker.mjs) -------------------------------------------------------------

export interface TickerApi {
  /** A session of ticker models (one per market and interval) and the view of one bar file. */
  readonly TickerSession: { new (): TickerSession };
  /**
   * Review statuses (CSV `ticker,datetime,status,note` or vixray-review JSON) read and checked by
   * the core, written as `format`. Throws an Error naming the source, line or entry and field.
   */
  reviewConvert(text: string, format: 'csv' | 'json', source?: string): string;
  /** The raw Embind module of vixray_ticker.mjs: its names are not a stable API. */
  readonly core: { readonly [name: string]: unknown };
}

export interface TickerModelInfo {
  market: string;
  interval: string;
  content_sha256: string | null;
  tickers: string[];
}

export interface TickerMarker {
  bar: number;
  price: number;
  /** The anomaly's time as given (UTC, format_bar_time). */
  datetime: string;
  /** true: a bar the model flagged; false: an extra time (e.g. an imported review entry). */
  flagged: boolean;
}

export interface BarCheck {
  interval_s: number;
  daily: boolean;
  outside_session: number;
  outside_examples: string[];
  gaps: number;
  gap_examples: string[];
  holidays: string[];
}

export interface TickerViewColumns {
  /** UTC seconds of each bar's start. */
  time: Float64Array;
  open: Float64Array;
  high: Float64Array;
  low: Float64Array;
  close: Float64Array;
  volume: Float64Array;
  /** Calibrated score in [0, 1]; NaN in warm-up. */
  score: Float64Array;
  raw: Float64Array;
  flagged: Uint8Array;
  vwap: Float64Array;
  bb_mid: Float64Array;
  bb_upper: Float64Array;
  bb_lower: Float64Array;
}

export interface TickerViewSummary {
  source: string;
  format: string;
  ticker: string;
  market: string;
  interval: string;
  daily: boolean;
  bars: number;
  first: string;
  last: string;
  report: JsonObject;
  check: BarCheck;
  markers: TickerMarker[];
  flagged: number;
  /** Extra anomaly times with no bar within the tolerance. */
  unmatched: number;
  tolerance_s: number;
  /** Each bar's market local time ("2024-03-08 09:30", or the date for daily bars). */
  labels: string[];
  /** Each bar's UTC time (the review entries' datetime). */
  times: string[];
}

export interface TickerView extends TickerViewSummary {
  columns: TickerViewColumns;
}

export interface TickerBarExplanation {
  bar: number;
  datetime: string;
  label: string;
  score: number | null;
  raw_score: number | null;
  flagged: boolean;
  /** false on a warm-up bar (no features). */
  available: boolean;
  unit: string;
  expected_value?: number;
  path_length?: number;
  output?: number;
  /** Largest |value| first; value = -phi (positive = towards anomalous). */
  features: { feature: string; indicator: number; value: number }[];
}

export interface TickerSession {
  /** Loads a vixray-ticker-model bundle (its JSON text). */
  addModel(text: string): TickerModelInfo;
  readonly nModels: number;
  /** Reads, routes (by the ticker's suffix), scores one bar CSV and matches the markers. */
  open(name: string, text: string, extra?: readonly string[]): TickerView;
  /** The open view's markers for other extra anomaly times. */
  setExtraTimes(extra: readonly string[]): TickerViewSummary;
  columns(): TickerViewColumns;
  explainBar(bar: number): TickerBarExplanation;
  delete(): void;
}
