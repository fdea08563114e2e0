// THE one place where the worker's Analysis (computed by the WebAssembly core) becomes what the
// panels draw. Panels read only the AnalysisView below; adapting the page to a change of the
// core's Analysis is an edit of this file (and of core_api.js for the call itself).
//
// ---- Input: what the worker posts -----------------------------------------------------------
// The JSON of the core's vixray::analysis_to_json(analysis, model) (core/src/analysis.cpp):
//   dates                 ISO 'YYYY-MM-DD' per day
//   detectors, detector_domains, domains      names (detector_domains parallel to detectors)
//   detector_scores       {detector name: per-day calibrated score [0, 1] | null}
//   ensemble              {score, std, min, max}: per-day arrays (null = unavailable)
//   level                 per-day 'NORMAL' | 'MODERATE' | 'HIGH' | 'CRITICAL' | 'UNAVAILABLE'
//   domain_scores, domain_levels              {domain: per-day score | level name}
//   forward_return        per-day S&P forward return in percent (null at the end)
//   regime                per-day regime code (-1 = VIX missing)
//   vix_close, spx_close  per-day closes
//   persistence           {episodes: [{start, end (ISO), length}], current_streak,
//                          mean_duration, max_duration, total_anomaly_days, available_days,
//                          anomaly_rate}
//   regimes               {names, bounds, distribution: {name: {count, percentage}},
//                          durations: {name: {runs, mean_duration, max_duration}}, transitions,
//                          transition_probability, current: {code, name, days, start_date}|null}
//   forward_returns_by_level {NORMAL..CRITICAL: {count, mean, median, q25, q75, win_rate}}
//   thresholds            {moderate, high, critical, percentiles, ci_low, ci_high, confidence,
//                          bootstrap_resamples}  (from the model: the page has no constants)
//   today                 {index, date, level, ...} | null
// plus `model`, picked from the model bundle by core_api.js modelSummary():
//   {training: {first_date, last_date, input_rows, n_observations, n_features, n_detectors},
//    coverage: [{domain, expected_features, available_features, coverage_pct, status,
//                active_detectors, inactive_detectors}],
//    forward_return_horizon, detectors: [{name, domain, features}]}
//
// ---- Output: AnalysisView (what every panel consumes) ---------------------------------------
//   n                 number of days; every per-day array below has length n
//   dates             string[] ISO
//   days              {vix, spx, score, std, forward: Float64Array (NaN = missing),
//                      level: Int8Array (-1 unavailable, 0..3 NORMAL..CRITICAL),
//                      regime: Int32Array (-1 = unknown),
//                      firing: Int32Array (detectors at or above the ensemble HIGH threshold),
//                      domainsAtHigh: Int32Array (domains whose own level is HIGH or above)}
//   lastIndex         "today": the core's today.index (last day with a score; -1 if none)
//   levelNames        ['NORMAL', 'MODERATE', 'HIGH', 'CRITICAL']
//   thresholds        {moderate, high, critical, percentiles, ciLow, ciHigh, confidence, resamples}
//   detectors         [{name, domain, scores: Float64Array|null, features: string[]}]
//   domains           string[]
//   coverage          [{domain, expected, available, coveragePct, status, activeDetectors,
//                       inactiveDetectors}]
//   persistence       {currentStreak, meanDuration, maxDuration, totalAnomalyDays, availableDays,
//                      anomalyRate, episodes: [{startDate, endDate, length}]}
//   regimes           {names, bounds, count, percentage, durations: [{runs, meanDuration,
//                      maxDuration}], transitions, transitionProbability, current, currentName,
//                      daysInCurrent, currentStartDate}
//   forward           {horizon, byLevel: [{level, count, mean, median, q25, q75, winRate}]}
//   training          {start, end, nObservations, nFeatures, nDetectors, inputRows}
// dayView(view, i) gives one day's figures for the hero and ranking panels; toDriversView and
// toWhatIfView shape the worker's explanations and what-if answers.

export const LEVEL_NAMES = ['NORMAL', 'MODERATE', 'HIGH', 'CRITICAL'];

/** Thrown when the worker's analysis lacks what the panels need (names the field). */
export class AnalysisShapeError extends Error {}

function floats(values, n, field) {
  const out = new Float64Array(n).fill(NaN);
  if (values === undefined || values === null) return out;
  if (values.length !== n) {
    throw new AnalysisShapeError(`analysis.${field} has ${values.length} values for ${n} days`);
  }
  for (let i = 0; i < n; i++) {
    const v = values[i];
    out[i] = typeof v === 'number' ? v : NaN;
  }
  return out;
}

function num(x) {
  return typeof x === 'number' ? x : NaN;
}

/** Level code of a name ('HIGH' -> 2) or a code; -1 for UNAVAILABLE or anything else. */
export function levelCode(level) {
  if (typeof level === 'number') return Number.isInteger(level) && level >= 0 && level <= 3 ? level : -1;
  if (typeof level === 'string') return LEVEL_NAMES.indexOf(level.toUpperCase());
  return -1;
}

export function levelName(code) {
  return code >= 0 && code <= 3 ? LEVEL_NAMES[code] : 'UNAVAILABLE';
}


function thresholdsView(t) {
  if (!t || ![t.moderate, t.high, t.critical].every((x) => typeof x === 'number' && Number.isFinite(x))) {
    throw new AnalysisShapeError('analysis.thresholds must hold finite moderate, high and critical');
  }
  if (!(t.moderate < t.high && t.high < t.critical)) {
    throw new AnalysisShapeError(
      `analysis.thresholds must increase: moderate ${t.moderate}, high ${t.high}, critical ${t.critical}`);
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

/** Per-day level codes from the level names of the analysis. */
function levelCodes(names, n, field) {
  const out = new Int8Array(n).fill(-1);
  if (!names) return out;
  if (names.length !== n) throw new AnalysisShapeError(`analysis.${field} has ${names.length} values for ${n} days`);
  for (let i = 0; i < n; i++) out[i] = levelCode(names[i]);
  return out;
}

/** Turns the worker's raw Analysis into the AnalysisView. Throws AnalysisShapeError. */
export function toAnalysisView(raw) {
  if (!raw || typeof raw !== 'object') throw new AnalysisShapeError('the analysis is not an object');
  if (!Array.isArray(raw.dates)) throw new AnalysisShapeError('analysis.dates is missing');
  const dates = raw.dates.map(String);
  const n = dates.length;
  if (n === 0) throw new AnalysisShapeError('the analysis has no days');
  const dateIndex = new Map(dates.map((d, i) => [d, i]));

  const ensemble = raw.ensemble ?? {};
  if (!ensemble.score) throw new AnalysisShapeError('analysis.ensemble.score is missing');
  const thresholds = thresholdsView(raw.thresholds);
  const score = floats(ensemble.score, n, 'ensemble.score');
  // Levels come from the core (one classification rule, in C++); the page never re-derives them.
  if (!raw.level) throw new AnalysisShapeError('analysis.level is missing');
  const level = levelCodes(raw.level, n, 'level');

  const model = raw.model ?? {};
  const featuresOf = new Map((model.detectors ?? []).map((d) => [d.name, (d.features ?? []).map(String)]));
  const names = (raw.detectors ?? []).map(String);
  const detectors = names.map((name, k) => {
    const scores = raw.detector_scores?.[name];
    return {
      name,
      domain: String(raw.detector_domains?.[k] ?? ''),
      scores: scores ? floats(scores, n, `detector_scores["${name}"]`) : null,
      features: featuresOf.get(name) ?? [],
    };
  });
  // Detectors at HIGH or above under the ensemble thresholds, per day: counted by the core.
  if (!raw.detectors_at_high) throw new AnalysisShapeError('analysis.detectors_at_high is missing');
  const firing = Int32Array.from(raw.detectors_at_high);
  if (firing.length !== n) throw new AnalysisShapeError(`detectors_at_high has ${firing.length} values for ${n} dates`);
  const domains = Array.isArray(raw.domains) ? raw.domains.map(String)
    : [...new Set(detectors.map((d) => d.domain).filter((x) => x))];
  const domainsAtHigh = new Int32Array(n);
  const domainLevels = {};  // domain -> per-day level code, from the core
  for (const domain of domains) {
    const levels = raw.domain_levels?.[domain];
    if (!levels) continue;
    const codes = levelCodes(levels, n, `domain_levels["${domain}"]`);
    domainLevels[domain] = codes;
    for (let i = 0; i < n; i++) if (codes[i] >= 2) domainsAtHigh[i]++;
  }

  let lastIndex = typeof raw.today?.index === 'number' ? raw.today.index : -1;
  if (lastIndex < 0) {
    for (let i = n - 1; i >= 0; i--) {
      if (Number.isFinite(score[i])) {
        lastIndex = i;
        break;
      }
    }
  }

  const p = raw.persistence ?? {};
  const r = raw.regimes ?? {};
  const regimeNames = Array.isArray(r.names) ? r.names.map(String) : [];
  const regime = new Int32Array(n).fill(-1);
  if (raw.regime) {
    if (raw.regime.length !== n) throw new AnalysisShapeError(`analysis.regime has ${raw.regime.length} values for ${n} days`);
    for (let i = 0; i < n; i++) regime[i] = Number.isInteger(raw.regime[i]) ? raw.regime[i] : -1;
  }
  const byName = (object, name) => (object && typeof object === 'object' ? object[name] ?? {} : {});
  const current = r.current ?? null;
  const training = model.training ?? {};
  const byLevel = raw.forward_returns_by_level ?? {};
  return {
    n,
    dates,
    days: {
      vix: floats(raw.vix_close, n, 'vix_close'),
      spx: floats(raw.spx_close, n, 'spx_close'),
      score,
      std: floats(ensemble.std, n, 'ensemble.std'),
      forward: floats(raw.forward_return, n, 'forward_return'),
      level,
      regime,
      firing,
      domainsAtHigh,
    },
    lastIndex,
    levelNames: LEVEL_NAMES,
    thresholds,
    detectors,
    domains,
    domainLevels,
    coverage: (model.coverage ?? []).map((c) => ({
      domain: String(c.domain ?? ''),
      expected: num(c.expected_features),
      available: num(c.available_features),
      coveragePct: num(c.coverage_pct),
      status: String(c.status ?? ''),
      activeDetectors: num(c.active_detectors),
      inactiveDetectors: num(c.inactive_detectors),
    })),
    persistence: {
      currentStreak: num(p.current_streak),
      meanDuration: num(p.mean_duration),
      maxDuration: num(p.max_duration),
      totalAnomalyDays: num(p.total_anomaly_days),
      availableDays: num(p.available_days),
      anomalyRate: num(p.anomaly_rate),
      episodes: (p.episodes ?? []).map((e) => ({
        startDate: String(e.start), endDate: String(e.end), length: num(e.length),
        start: dateIndex.get(String(e.start)) ?? -1,
      })),
    },
    regimes: {
      names: regimeNames,
      bounds: Array.isArray(r.bounds) ? r.bounds.map(num) : [],
      count: regimeNames.map((name) => num(byName(r.distribution, name).count)),
      percentage: regimeNames.map((name) => num(byName(r.distribution, name).percentage)),
      durations: regimeNames.map((name) => {
        const d = byName(r.durations, name);
        return { runs: num(d.runs), meanDuration: num(d.mean_duration), maxDuration: num(d.max_duration) };
      }),
      transitions: Array.isArray(r.transitions) ? r.transitions.map((row) => Array.from(row, num)) : [],
      transitionProbability: Array.isArray(r.transition_probability)
        ? r.transition_probability.map((row) => Array.from(row, num)) : [],
      current: current ? num(current.code) : -1,
      currentName: current ? String(current.name) : null,
      daysInCurrent: current ? num(current.days) : NaN,
      currentStartDate: current ? String(current.start_date) : null,
    },
    forward: {
      horizon: num(model.forward_return_horizon),
      byLevel: LEVEL_NAMES.filter((name) => byLevel[name]).map((name) => {
        const d = byLevel[name];
        return { level: name, count: num(d.count), mean: num(d.mean), median: num(d.median),
                 q25: num(d.q25), q75: num(d.q75), winRate: num(d.win_rate) };
      }),
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

/** Days in the regime run that ends on day i (0 when the regime of day i is unknown). */
function regimeRunLength(regime, i) {
  if (regime[i] < 0) return 0;
  let start = i;
  while (start > 0 && regime[start - 1] === regime[i]) start--;
  return i - start + 1;
}

/** Length of the run of days at HIGH or above that ends on day i. */
function streakAt(level, i) {
  let length = 0;
  for (let k = i; k >= 0 && level[k] >= 2; k--) length++;
  return length;
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
  const { days, thresholds } = view;
  const vixChange = change(days.vix, i);
  const spxChange = change(days.spx, i);
  const ranking = view.detectors
    .filter((d) => d.scores && Number.isFinite(d.scores[i]))
    // A detector shows its domain's level that day (the core classifies domains, not detectors).
    .map((d) => ({ name: d.name, domain: d.domain, score: d.scores[i],
                   level: levelName(view.domainLevels?.[d.domain]?.[i] ?? -1) }))
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
    regimeDays: regimeRunLength(days.regime, i),
    streak: streakAt(days.level, i),
    firing: days.firing[i],
    detectorCount: view.detectors.length,
    domainsAtHigh: days.domainsAtHigh[i],
    domainCount: view.domains.length,
    forward: days.forward[i],
    ranking,
  };
}

// ---- Explanations ----------------------------------------------------------------------------
// Raw drivers from the worker, either
//  (a) the core's TreeSHAP of one day (wasm EnsembleModel.explain / `vixray ensemble explain`):
//      {index, detectors: {name: {features?: [...], phi: [...] | {feature: value},
//      expected_value, path_length} | null (warm-up)}} (an array of {detector, phi, ...} is
//      accepted too). phi is in path-length units per feature of that detector: a NEGATIVE phi
//      shortens the path = MORE anomalous (treeshap.hpp). Shown as the ensemble's mean
//      path-length shortening: value = -phi / (detectors explained), so positive = pushes the
//      day towards anomalous, and the values add up to the mean of E_train[E[h]] - E[h](day); or
//  (b) {index, base, output, unit, contributions: [{feature, detector, value}]} already in
//      display units (positive = more anomalous).
// DriversView: {index, date, base, output, unit, items: [{label (feature), value, detectors}]
// largest |value| first (a feature's contributions summed over the detectors reading it), at
// most `top` plus one "other features" item}.
function detectorEntries(detectors, view) {
  if (Array.isArray(detectors)) {
    return detectors.map((d) => {
      const known = typeof d.detector === 'number' ? view?.detectors[d.detector]
        : view?.detectors.find((x) => x.name === d.detector);
      return [known?.name ?? String(d.detector), d.available === false ? null : d, known];
    });
  }
  return Object.entries(detectors).map(([name, d]) => [name, d, view?.detectors.find((x) => x.name === name)]);
}

export function toDriversView(raw, view, top = 10) {
  if (!raw) throw new AnalysisShapeError('the explanation is empty');
  let contributions, base, output, unit;
  if (Array.isArray(raw.contributions)) {
    contributions = raw.contributions;
    base = num(raw.base);
    output = num(raw.output);
    unit = String(raw.unit ?? 'score');
  } else if (raw.detectors && typeof raw.detectors === 'object') {
    const available = detectorEntries(raw.detectors, view).filter(([, d]) => d && d.phi);
    if (available.length === 0) throw new AnalysisShapeError('no detector can explain this day (warm-up)');
    const count = available.length;
    contributions = [];
    for (const [name, d, known] of available) {
      const pairs = Array.isArray(d.phi)
        ? d.phi.map((phi, j) => [d.features?.[j] ?? known?.features[j] ?? `feature ${j + 1}`, phi])
        : Object.entries(d.phi);
      for (const [feature, phi] of pairs) contributions.push({ detector: name, feature, value: -phi / count });
    }
    base = 0;
    output = contributions.reduce((sum, c) => sum + c.value, 0);
    unit = 'mean path-length shortening (trees; positive = more anomalous)';
  } else {
    throw new AnalysisShapeError('the explanation has neither contributions nor detectors');
  }
  // One item per feature: a feature read by several detectors adds up their contributions.
  const byFeature = new Map();
  for (const c of contributions) {
    if (typeof c.value !== 'number' || !Number.isFinite(c.value)) continue;
    const item = byFeature.get(String(c.feature)) ?? { label: String(c.feature), value: 0, detectors: [] };
    item.value += c.value;
    if (c.detector) item.detectors.push(String(c.detector));
    byFeature.set(item.label, item);
  }
  const items = [...byFeature.values()].sort((a, b) => Math.abs(b.value) - Math.abs(a.value));
  const shown = items.slice(0, top);
  const rest = items.slice(top).reduce((sum, c) => sum + c.value, 0);
  if (items.length > top) shown.push({ label: `${items.length - top} other features`, value: rest, detectors: [] });
  return {
    index: raw.index,
    date: view?.dates[raw.index] ?? raw.date ?? null,
    base,
    output,
    unit,
    items: shown,
  };
}

// Raw what-if from the core (EnsembleModel.whatIf, core day_summary + drivers): {date, ensemble:
// {score, std, min, max}, level, domains: {name: {score, level}}, detectors: {name: score},
// drivers}. Levels come from the core. WhatIfView: {date, score, level, ranking [{name, score,
// level}] (domains, highest first), drivers: DriversView|null}.
export function toWhatIfView(raw, view) {
  const score = raw?.ensemble?.score;
  if (typeof score !== 'number') throw new AnalysisShapeError('the what-if result has no score');
  const ranking = Object.entries(raw.domains ?? {})
    .filter(([, d]) => typeof d?.score === 'number' && Number.isFinite(d.score))
    .map(([name, d]) => ({ name, score: d.score, level: String(d.level) }))
    .sort((a, b) => b.score - a.score);
  return {
    date: raw.date ?? null,
    score,
    level: levelName(levelCode(raw.level)),
    ranking,
    drivers: raw.drivers ? toDriversView({ ...raw.drivers, index: raw.day }, view) : null,
  };
}
