// THE one place where the worker's Analysis (computed by the WebAssembly core) becomes what the
// panels draw. Panels read only the AnalysisView below; adapting the page to a change of the
// core's Analysis is an edit of this file (and of core_api.js for the call itself). Nothing here
// computes an analysis figure: levels, streaks, regime runs and counts come from the core; this
// file only names and slices the core's arrays.
//
// ---- Input: what core_api.js openSession gives (wasm/vixray.mjs analyzeMarketColumns) --------
//   summary   the core's vixray::analysis_summary_json(analysis, model) (core/src/analysis/analysis_json.cpp),
//             i.e. analysis_to_json without its per-day arrays:
//     detectors, detector_domains, domains      names (detector_domains parallel to detectors)
//     persistence      {episodes: [{start, end (ISO), length}], current_streak, mean_duration,
//                       max_duration, total_anomaly_days, available_days, anomaly_rate}
//     regimes          {names, bounds, distribution: {name: {count, percentage}},
//                       durations: {name: {runs, mean_duration, max_duration}}, transitions,
//                       transition_probability, current: {code, name, days, start_date} | null}
//     forward_returns_by_level {NORMAL..CRITICAL: {count, mean, median, q25, q75, win_rate}}
//     thresholds       {moderate, high, critical, percentiles, ci_low, ci_high, confidence,
//                       bootstrap_resamples}  (from the model: the page has no constants)
//     today            {index, date, level, ...} | null
//   dates     ISO 'YYYY-MM-DD' per day (n days), formatted by the core
//   columnList  the core's list of the columns below: [{name, type: 'Float64' | 'Int32' |
//             'Int8', blocks: 'day' | 'detector' | 'domain'}] (analysis_column_list)
//   columns   per-day typed arrays copied out of the core (wasm/bind_analysis.cpp column(),
//             core/include/vixray/analysis/analysis_columns.hpp):
//     vix_close, spx_close, ensemble_score, ensemble_std, forward_return   Float64Array, NaN = missing
//     level                Int8Array, -1 unavailable, 0..3 NORMAL..CRITICAL
//     regime               Int32Array, -1 = VIX missing
//     detectors_at_high    Int32Array, detectors at or above the ensemble HIGH threshold
//     detectors_scored     Int32Array, detectors the day's ensemble combines (fewer on a partial day)
//     streak               Int32Array, days at HIGH or above in the run ending that day
//     regime_days          Int32Array, days in the regime run ending that day (0 unknown)
//     domains_at_high      Int32Array, domains whose own level is HIGH or above
//     detector_scores      Float64Array, detectors x n (detector k at [k n, (k + 1) n))
//     domain_levels        Int8Array, domains x n (domain-major, level codes)
//   model     the core's facts of the model, with labels (EnsembleModel.modelFacts(),
//             core/include/vixray/analysis/model_facts.hpp):
//     {training: {first_date, last_date, input_rows, n_observations, n_features, n_detectors},
//      coverage: [{domain, label, expected_features, available_features, coverage_pct, status,
//                  missing_features, active_detectors, inactive_detectors}],
//      forward_return_horizon, domains: [{name, label}], detectors: [{name, label, domain,
//      features}], inactive_detectors, features: {name: label}}
//   source    where the prices came from (EnsembleModel.dataSource(), data_source.hpp):
//     {kind, simulated, seed?, files, last_date, description}
//
// ---- Output: AnalysisView (what every panel consumes) ---------------------------------------
//   n                 number of days; every per-day array below has length n
//   dates             string[] ISO
//   days              {vix, spx, score, std, forward: Float64Array (NaN = missing),
//                      level: Int8Array (-1 unavailable, 0..3 NORMAL..CRITICAL),
//                      regime: Int32Array (-1 = unknown), regimeDays: Int32Array,
//                      streak: Int32Array, firing: Int32Array (detectors at or above the
//                      ensemble HIGH threshold), domainsAtHigh: Int32Array}
//                     (subarrays of the core's columns: they share buffers; see buffersOf)
//   lastIndex         "today": the core's today.index (last day with a score; -1 if none)
//   levelNames        ['NORMAL', 'MODERATE', 'HIGH', 'CRITICAL']
//   thresholds        {moderate, high, critical, percentiles, ciLow, ciHigh, confidence, resamples}
//   detectors         [{name, label, domain, scores: Float64Array, features: string[]}]
//   domains           string[]
//   domainLabels      {domain: label}
//   featureLabels     {feature: label}
//   domainLevels      {domain: Int8Array of level codes}
//   coverage          [{domain, label, expected, available, coveragePct, status, missing,
//                       activeDetectors, inactiveDetectors}]
//   persistence       {currentStreak, meanDuration, maxDuration, totalAnomalyDays, availableDays,
//                      anomalyRate, episodes: [{startDate, endDate, length}]}
//   regimes           {names, bounds, count, percentage, durations: [{runs, meanDuration,
//                      maxDuration}], transitions, transitionProbability, current, currentName,
//                      daysInCurrent, currentStartDate}
//   forward           {horizon, byLevel: [{level, count, mean, median, q25, q75, winRate}]}
//   training          {start, end, nObservations, nFeatures, nDetectors, inputRows}
//   source            {simulated, description, kind, files, lastDate}
// dayView(view, i) gives one day's figures for the hero and ranking panels; toDriversView and
// toWhatIfView shape the worker's explanations and what-if answers.

export const LEVEL_NAMES = ['NORMAL', 'MODERATE', 'HIGH', 'CRITICAL'];

/** Thrown when the worker's analysis lacks what the panels need (names the field). */
export class AnalysisShapeError extends Error {}

const ARRAY_TYPES = { Float64: Float64Array, Int32: Int32Array, Int8: Int8Array };

/** The core's column list as {name: [TypedArray class, blocks]} (names the field if absent). */
function columnTypes(list) {
  if (!Array.isArray(list) || list.length === 0)
    throw new AnalysisShapeError("analysis.columnList (the core's column list) is missing");
  return Object.fromEntries(list.map((c) => [c.name, [ARRAY_TYPES[c.type], c.blocks]]));
}

// The per-day columns the panels read, by the core's names.
const DAY_COLUMNS = [
  'vix_close',
  'spx_close',
  'ensemble_score',
  'ensemble_std',
  'forward_return',
  'level',
  'regime',
  'detectors_at_high',
  'detectors_scored',
  'streak',
  'regime_days',
  'domains_at_high',
];

/** The core's column `name` of `count` blocks of n days, checked (names the field). */
function column(columns, types, name, n, count = 1) {
  const type = types[name]?.[0];
  if (!type) throw new AnalysisShapeError(`the core lists no analysis column ${name}`);
  const values = columns?.[name];
  if (!(values instanceof type)) {
    throw new AnalysisShapeError(
      `analysis column ${name} must be a ${type.name}, got ${values?.constructor?.name ?? values}`,
    );
  }
  if (values.length !== n * count) {
    throw new AnalysisShapeError(
      `analysis column ${name} has ${values.length} values for ${count} x ${n} days`,
    );
  }
  return values;
}

function num(x) {
  return typeof x === 'number' ? x : NaN;
}

/** Level code of a name ('HIGH' -> 2) or a code; -1 for UNAVAILABLE or anything else. */
export function levelCode(level) {
  if (typeof level === 'number')
    return Number.isInteger(level) && level >= 0 && level <= 3 ? level : -1;
  if (typeof level === 'string') return LEVEL_NAMES.indexOf(level.toUpperCase());
  return -1;
}

export function levelName(code) {
  return code >= 0 && code <= 3 ? LEVEL_NAMES[code] : 'UNAVAILABLE';
}

function thresholdsView(t) {
  if (
    !t ||
    ![t.moderate, t.high, t.critical].every((x) => typeof x === 'number' && Number.isFinite(x))
  ) {
    throw new AnalysisShapeError(
      'analysis.thresholds must hold finite moderate, high and critical',
    );
  }
  if (!(t.moderate < t.high && t.high < t.critical)) {
    throw new AnalysisShapeError(
      `analysis.thresholds must increase: moderate ${t.moderate}, high ${t.high}, critical ${t.critical}`,
    );
  }
  const triple = (a) => (Array.isArray(a) && a.length === 3 ? a.map(num) : [NaN, NaN, NaN]);
  return {
    moderate: t.moderate,
    high: t.high,
    critical: t.critical,
    percentiles: triple(t.percentiles),
    ciLow: triple(t.ci_low),
    ciHigh: triple(t.ci_high),
    confidence: num(t.confidence),
    resamples: num(t.bootstrap_resamples),
  };
}

/** Turns the core's Analysis (summary + columns) into the AnalysisView. Throws AnalysisShapeError. */
export function toAnalysisView(raw) {
  if (!raw || typeof raw !== 'object')
    throw new AnalysisShapeError('the analysis is not an object');
  const summary = raw.summary;
  if (!summary || typeof summary !== 'object')
    throw new AnalysisShapeError('analysis.summary is missing');
  if (!Array.isArray(raw.dates)) throw new AnalysisShapeError('analysis.dates is missing');
  const dates = raw.dates;
  const n = dates.length;
  if (n === 0) throw new AnalysisShapeError('the analysis has no days');
  const thresholds = thresholdsView(summary.thresholds);
  const c = raw.columns;
  const types = columnTypes(raw.columnList);
  const day = Object.fromEntries(DAY_COLUMNS.map((name) => [name, column(c, types, name, n)]));

  const model = raw.model ?? {};
  const factsOf = new Map((model.detectors ?? []).map((d) => [d.name, d]));
  const names = (summary.detectors ?? []).map(String);
  const scores = column(c, types, 'detector_scores', n, names.length);
  const detectors = names.map((name, k) => ({
    name,
    label: String(factsOf.get(name)?.label ?? name),
    domain: String(summary.detector_domains?.[k] ?? ''),
    scores: scores.subarray(k * n, (k + 1) * n),
    features: (factsOf.get(name)?.features ?? []).map(String),
  }));
  const domains = (summary.domains ?? []).map(String);
  const domainLabels = Object.fromEntries(
    (model.domains ?? []).map((d) => [String(d.name), String(d.label ?? d.name)]),
  );
  const levels = column(c, types, 'domain_levels', n, domains.length);
  const domainLevels = Object.fromEntries(
    domains.map((d, k) => [d, levels.subarray(k * n, (k + 1) * n)]),
  );

  const p = summary.persistence ?? {};
  const r = summary.regimes ?? {};
  const regimeNames = Array.isArray(r.names) ? r.names.map(String) : [];
  const byName = (object, name) =>
    object && typeof object === 'object' ? (object[name] ?? {}) : {};
  const current = r.current ?? null;
  const training = model.training ?? {};
  const byLevel = summary.forward_returns_by_level ?? {};
  return {
    n,
    dates,
    days: {
      vix: day.vix_close,
      spx: day.spx_close,
      score: day.ensemble_score,
      std: day.ensemble_std,
      forward: day.forward_return,
      level: day.level,
      regime: day.regime,
      regimeDays: day.regime_days,
      streak: day.streak,
      firing: day.detectors_at_high,
      scored: day.detectors_scored,
      domainsAtHigh: day.domains_at_high,
    },
    lastIndex: typeof summary.today?.index === 'number' ? summary.today.index : -1,
    levelNames: LEVEL_NAMES,
    thresholds,
    detectors,
    domains,
    domainLabels,
    featureLabels: { ...(model.features ?? {}) },
    domainLevels,
    coverage: (model.coverage ?? []).map((x) => ({
      domain: String(x.domain ?? ''),
      label: String(x.label ?? x.domain ?? ''),
      missing: (x.missing_features ?? []).map(String),
      expected: num(x.expected_features),
      available: num(x.available_features),
      coveragePct: num(x.coverage_pct),
      status: String(x.status ?? ''),
      activeDetectors: num(x.active_detectors),
      inactiveDetectors: num(x.inactive_detectors),
    })),
    persistence: {
      currentStreak: num(p.current_streak),
      meanDuration: num(p.mean_duration),
      maxDuration: num(p.max_duration),
      totalAnomalyDays: num(p.total_anomaly_days),
      availableDays: num(p.available_days),
      anomalyRate: num(p.anomaly_rate),
      episodes: (p.episodes ?? []).map((e) => ({
        startDate: String(e.start),
        endDate: String(e.end),
        length: num(e.length),
      })),
    },
    regimes: {
      names: regimeNames,
      bounds: Array.isArray(r.bounds) ? r.bounds.map(num) : [],
      count: regimeNames.map((name) => num(byName(r.distribution, name).count)),
      percentage: regimeNames.map((name) => num(byName(r.distribution, name).percentage)),
      durations: regimeNames.map((name) => {
        const d = byName(r.durations, name);
        return {
          runs: num(d.runs),
          meanDuration: num(d.mean_duration),
          maxDuration: num(d.max_duration),
        };
      }),
      transitions: Array.isArray(r.transitions)
        ? r.transitions.map((row) => Array.from(row, num))
        : [],
      transitionProbability: Array.isArray(r.transition_probability)
        ? r.transition_probability.map((row) => Array.from(row, num))
        : [],
      current: current ? num(current.code) : -1,
      currentName: current ? String(current.name) : null,
      daysInCurrent: current ? num(current.days) : NaN,
      currentStartDate: current ? String(current.start_date) : null,
    },
    forward: {
      horizon: num(model.forward_return_horizon),
      byLevel: LEVEL_NAMES.filter((name) => byLevel[name]).map((name) => {
        const d = byLevel[name];
        return {
          level: name,
          count: num(d.count),
          mean: num(d.mean),
          median: num(d.median),
          q25: num(d.q25),
          q75: num(d.q75),
          winRate: num(d.win_rate),
        };
      }),
    },
    source: {
      simulated: raw.source?.simulated === true,
      description: String(raw.source?.description ?? ''),
      kind: String(raw.source?.kind ?? 'unknown'),
      files: (raw.source?.files ?? []).map(String),
      lastDate: raw.source?.last_date ?? null,
    },
    training: {
      start: training.first_date ?? null,
      end: training.last_date ?? null,
      nObservations: num(training.n_observations),
      nFeatures: num(training.n_features),
      nDetectors: num(training.n_detectors),
      inputRows: num(training.input_rows),
    },
  };
}

/** The distinct ArrayBuffers under a view's typed arrays: postMessage transfers each once. */
export function buffersOf(view) {
  const arrays = [
    ...Object.values(view.days),
    ...view.detectors.map((d) => d.scores),
    ...Object.values(view.domainLevels),
  ];
  return [...new Set(arrays.map((a) => a.buffer))];
}

function change(values, i) {
  const now = values[i];
  let k = i - 1;
  while (k >= 0 && !Number.isFinite(values[k])) k--;
  if (k < 0 || !Number.isFinite(now)) return { change: NaN, changePct: NaN };
  return { change: now - values[k], changePct: ((now - values[k]) / values[k]) * 100 };
}

/** One day's figures (hero, ranking): everything a panel shows about day i. */
export function dayView(view, i) {
  const { days } = view;
  const vixChange = change(days.vix, i);
  const spxChange = change(days.spx, i);
  const ranking = view.detectors
    .filter((d) => d.scores && Number.isFinite(d.scores[i]))
    // A detector shows its domain's level that day (the core classifies domains, not detectors).
    .map((d) => ({
      name: d.name,
      label: d.label,
      domain: d.domain,
      domainLabel: view.domainLabels?.[d.domain] ?? d.domain,
      score: d.scores[i],
      level: levelName(view.domainLevels?.[d.domain]?.[i] ?? -1),
    }))
    .sort((a, b) => b.score - a.score || a.name.localeCompare(b.name));
  const regimeCode = days.regime[i];
  return {
    index: i,
    date: view.dates[i],
    vix: days.vix[i],
    vixChange: vixChange.change,
    vixChangePct: vixChange.changePct,
    spx: days.spx[i],
    spxChange: spxChange.change,
    spxChangePct: spxChange.changePct,
    score: days.score[i],
    std: days.std[i],
    levelCode: days.level[i],
    level: levelName(days.level[i]),
    regime: regimeCode,
    regimeName: view.regimes.names[regimeCode] ?? null,
    regimeDays: days.regimeDays[i],
    streak: days.streak[i],
    firing: days.firing[i],
    detectorCount: view.detectors.length,
    // Detectors the day's ensemble combines: fewer than all on a partial day (a series or field
    // the model reads is missing), classified with the thresholds fitted for them.
    scored: days.scored[i],
    domainsAtHigh: days.domainsAtHigh[i],
    domainCount: view.domains.length,
    forward: days.forward[i],
    ranking,
  };
}

// ---- Explanations ----------------------------------------------------------------------------
// The core's explanation of a day (EnsembleModel.explainDay, core/include/vixray/analysis/
// explain.hpp explanation_json): {day, date, unit, explained_detectors, output, features:
// [{feature, label, value, detectors}] largest |value| first, other_features: {count, value},
// detectors}. The core aggregates and ranks; here they are only named for the panel.
// DriversView: {index, date, output, unit, explained, items: [{label, feature, value,
// detectors}] (plus one "N other features" item when the core summed the rest)}.
export function toDriversView(raw, view) {
  if (!raw || !Array.isArray(raw.features))
    throw new AnalysisShapeError('the explanation has no features (from the core)');
  if (raw.features.length === 0)
    throw new AnalysisShapeError('no detector can explain this day (warm-up)');
  const labelOf = (name) => view?.detectors.find((d) => d.name === name)?.label ?? name;
  const items = raw.features.map((f) => ({
    label: String(f.label ?? f.feature),
    feature: String(f.feature),
    value: num(f.value),
    detectors: (f.detectors ?? []).map(labelOf),
  }));
  const other = raw.other_features;
  if (other && other.count > 0)
    items.push({
      label: `${other.count} other features`,
      feature: null,
      value: num(other.value),
      detectors: [],
    });
  return {
    index: raw.index ?? raw.day,
    date: raw.date ?? view?.dates[raw.day] ?? null,
    output: num(raw.output),
    unit: String(raw.unit ?? ''),
    explained: num(raw.explained_detectors),
    items,
  };
}

// Raw what-if from the core (EnsembleModel.whatIf, core day_summary + drivers): {date, ensemble:
// {score, std, min, max}, level, domains: {name: {score, level}}, detectors: {name: score},
// drivers}. Levels come from the core. WhatIfView: {date, score, level, ranking [{name, label,
// score, level}] (domains, highest first), drivers: DriversView|null}.
export function toWhatIfView(raw, view) {
  const score = raw?.ensemble?.score;
  if (typeof score !== 'number') throw new AnalysisShapeError('the what-if result has no score');
  const ranking = Object.entries(raw.domains ?? {})
    .filter(([, d]) => typeof d?.score === 'number' && Number.isFinite(d.score))
    .map(([name, d]) => ({
      name,
      label: view?.domainLabels?.[name] ?? name,
      score: d.score,
      level: String(d.level),
    }))
    .sort((a, b) => b.score - a.score);
  return {
    date: raw.date ?? null,
    score,
    level: levelName(levelCode(raw.level)),
    ranking,
    drivers: raw.drivers ? toDriversView(raw.drivers, view) : null,
  };
}
