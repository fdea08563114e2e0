// THE one place where the worker's Analysis (computed by the WebAssembly core) becomes what the
// panels draw. Panels read only the AnalysisView below; adapting the page to a change of the
// core's Analysis is an edit of this file (and of core_api.js for the call itself).
//
// ---- Input: the raw Analysis posted by the worker (fields of the core's Analysis) -----------
//   dates            string[] ISO 'YYYY-MM-DD', or `days` (days since 1970-01-01, any array)
//   vix_close, spx_close                      per-day closes (null/NaN = missing)
//   ensemble         {mean, std, min, max}    per-day arrays; mean is THE ensemble score [0, 1]
//   levels           per-day level codes: -1 unavailable, 0 NORMAL, 1 MODERATE, 2 HIGH, 3 CRITICAL
//   detectors        [{name, domain, expected_features, available_features}]
//   detector_scores  per detector, its per-day calibrated score ([detector][day]; optional)
//   thresholds       {moderate, high, critical, percentiles[3], ci_low[3], ci_high[3],
//                     confidence, resamples}   (from the model: the page has no constants)
//   persistence      {episodes: [{start, length}], current_streak, mean_duration, max_duration,
//                     total_anomaly_days, available_days, anomaly_rate}
//   regimes          {names, bounds, regime (per day), count, percentage,
//                     durations: [{runs, mean_duration, max_duration}], transitions,
//                     transition_probability, current_regime, days_in_current, current_start}
//   forward_returns  per-day S&P forward return in percent (null for the last `horizon` days)
//   horizon          trading days of that return (10)
//   returns_by_level [{count, mean, median, q25, q75, win_rate}] for NORMAL..CRITICAL
//   training         {start, end, n_observations, n_features} (dates ISO or day numbers)
//
// ---- Output: AnalysisView (what every panel consumes) ---------------------------------------
//   n                 number of days; every per-day array below has length n
//   dates             string[] ISO
//   days              {vix, spx, score, std, forward: Float64Array (NaN = missing),
//                      level: Int8Array (-1..3), regime: Int32Array (-1 = unknown),
//                      firing: Int32Array (detectors at or above the HIGH threshold)}
//   lastIndex         last day with a score (-1 if none): "today"
//   levelNames        ['NORMAL', 'MODERATE', 'HIGH', 'CRITICAL']
//   thresholds        {moderate, high, critical, percentiles, ciLow, ciHigh, confidence, resamples}
//   detectors         [{name, domain, expected, available, coveragePct, scores: Float64Array|null}]
//   domains           string[] distinct detector domains
//   persistence       {currentStreak, meanDuration, maxDuration, totalAnomalyDays, availableDays,
//                      anomalyRate, episodes: [{start, length, startDate, endDate}]}
//   regimes           {names, bounds, count, percentage, durations: [{runs, meanDuration,
//                      maxDuration}], transitions, transitionProbability, current, currentName,
//                      daysInCurrent, currentStartDate}
//   forward           {horizon, byLevel: [{level, count, mean, median, q25, q75, winRate}]}
//   training          {start, end, nObservations, nFeatures}
// dayView(view, i) gives one day's figures for the hero, ranking and what-if panels;
// toDriversView / toWhatIfView shape the worker's explanations.

export const LEVEL_NAMES = ['NORMAL', 'MODERATE', 'HIGH', 'CRITICAL'];

/** Thrown when the worker's analysis lacks what the panels need (names the field). */
export class AnalysisShapeError extends Error {}

const DAY_MS = 86400000;

function isoFromDay(day) {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

function toIso(value) {
  if (typeof value === 'string') return value.slice(0, 10);
  if (typeof value === 'number' && Number.isFinite(value)) return isoFromDay(value);
  return null;
}

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

function ints(values, n, field, ArrayType, fallback) {
  const out = new ArrayType(n).fill(fallback);
  if (values === undefined || values === null) return out;
  if (values.length !== n) {
    throw new AnalysisShapeError(`analysis.${field} has ${values.length} values for ${n} days`);
  }
  for (let i = 0; i < n; i++) {
    const v = values[i];
    out[i] = typeof v === 'number' && Number.isFinite(v) ? v : fallback;
  }
  return out;
}

function num(x) {
  return typeof x === 'number' ? x : NaN;
}

function levelCode(level) {
  if (typeof level === 'number') return Number.isInteger(level) && level >= 0 && level <= 3 ? level : -1;
  if (typeof level === 'string') return LEVEL_NAMES.indexOf(level.toUpperCase());
  return -1;
}

export function levelName(code) {
  return code >= 0 && code <= 3 ? LEVEL_NAMES[code] : 'UNAVAILABLE';
}

/** The level of a score under the model's thresholds (same rule as the core's classify()). */
export function classify(score, thresholds) {
  if (!Number.isFinite(score)) return -1;
  if (score >= thresholds.critical) return 3;
  if (score >= thresholds.high) return 2;
  if (score >= thresholds.moderate) return 1;
  return 0;
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
    resamples: num(t.resamples),
  };
}

/** Turns the worker's raw Analysis into the AnalysisView. Throws AnalysisShapeError. */
export function toAnalysisView(raw) {
  if (!raw || typeof raw !== 'object') throw new AnalysisShapeError('the analysis is not an object');
  let dates;
  if (Array.isArray(raw.dates)) dates = raw.dates.map(toIso);
  else if (raw.days && typeof raw.days.length === 'number') dates = Array.from(raw.days, toIso);
  else throw new AnalysisShapeError('analysis.dates (or analysis.days) is missing');
  const n = dates.length;
  if (n === 0) throw new AnalysisShapeError('the analysis has no days');
  const bad = dates.findIndex((d) => d === null);
  if (bad >= 0) throw new AnalysisShapeError(`analysis.dates[${bad}] is not a date`);

  const ensemble = raw.ensemble ?? {};
  if (!ensemble.mean) throw new AnalysisShapeError('analysis.ensemble.mean (the score) is missing');
  const thresholds = thresholdsView(raw.thresholds);
  const score = floats(ensemble.mean, n, 'ensemble.mean');
  let level = ints(raw.levels, n, 'levels', Int8Array, -1);
  if (!raw.levels) level = Int8Array.from(score, (s) => classify(s, thresholds));

  const detectors = (raw.detectors ?? []).map((d, k) => {
    const expected = num(d.expected_features);
    const available = num(d.available_features);
    const scores = raw.detector_scores?.[k];
    return {
      name: String(d.name ?? `detector ${k + 1}`),
      domain: String(d.domain ?? ''),
      expected,
      available,
      coveragePct: expected > 0 ? (100 * available) / expected : NaN,
      scores: scores ? floats(scores, n, `detector_scores[${k}]`) : null,
    };
  });
  const firing = new Int32Array(n);
  for (const d of detectors) {
    if (!d.scores) continue;
    for (let i = 0; i < n; i++) if (d.scores[i] >= thresholds.high) firing[i]++;
  }

  let lastIndex = -1;
  for (let i = n - 1; i >= 0; i--) {
    if (Number.isFinite(score[i])) {
      lastIndex = i;
      break;
    }
  }

  const p = raw.persistence ?? {};
  const r = raw.regimes ?? {};
  const regime = ints(r.regime, n, 'regimes.regime', Int32Array, -1);
  const names = Array.isArray(r.names) ? r.names.map(String) : [];
  const training = raw.training ?? {};
  return {
    n,
    dates,
    days: {
      vix: floats(raw.vix_close, n, 'vix_close'),
      spx: floats(raw.spx_close, n, 'spx_close'),
      score,
      std: floats(ensemble.std, n, 'ensemble.std'),
      forward: floats(raw.forward_returns, n, 'forward_returns'),
      level,
      regime,
      firing,
    },
    lastIndex,
    levelNames: LEVEL_NAMES,
    thresholds,
    detectors,
    domains: [...new Set(detectors.map((d) => d.domain).filter((x) => x))],
    persistence: {
      currentStreak: num(p.current_streak),
      meanDuration: num(p.mean_duration),
      maxDuration: num(p.max_duration),
      totalAnomalyDays: num(p.total_anomaly_days),
      availableDays: num(p.available_days),
      anomalyRate: num(p.anomaly_rate),
      episodes: (p.episodes ?? []).map((e) => ({
        start: e.start,
        length: e.length,
        startDate: dates[e.start] ?? null,
        endDate: dates[e.start + e.length - 1] ?? null,
      })),
    },
    regimes: {
      names,
      bounds: Array.isArray(r.bounds) ? r.bounds.map(num) : [],
      count: Array.isArray(r.count) ? r.count.map(num) : [],
      percentage: Array.isArray(r.percentage) ? r.percentage.map(num) : [],
      durations: (r.durations ?? []).map((d) => ({
        runs: num(d.runs), meanDuration: num(d.mean_duration), maxDuration: num(d.max_duration),
      })),
      transitions: Array.isArray(r.transitions) ? r.transitions.map((row) => Array.from(row, num)) : [],
      transitionProbability: Array.isArray(r.transition_probability)
        ? r.transition_probability.map((row) => Array.from(row, num)) : [],
      current: typeof r.current_regime === 'number' ? r.current_regime : -1,
      currentName: names[r.current_regime] ?? null,
      daysInCurrent: num(r.days_in_current),
      currentStartDate: dates[r.current_start] ?? null,
    },
    forward: {
      horizon: num(raw.horizon ?? 10),
      byLevel: (raw.returns_by_level ?? []).slice(0, 4).map((d, k) => ({
        level: LEVEL_NAMES[k],
        count: num(d.count),
        mean: num(d.mean),
        median: num(d.median),
        q25: num(d.q25),
        q75: num(d.q75),
        winRate: num(d.win_rate),
      })),
    },
    training: {
      start: toIso(training.start),
      end: toIso(training.end),
      nObservations: num(training.n_observations),
      nFeatures: num(training.n_features),
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
    .map((d) => ({ name: d.name, domain: d.domain, score: d.scores[i],
                   level: levelName(classify(d.scores[i], thresholds)) }))
    .sort((a, b) => b.score - a.score);
  const firingDomains = new Set(ranking.filter((d) => d.score >= thresholds.high).map((d) => d.domain));
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
    firingDomains: firingDomains.size,
    domainCount: view.domains.length,
    forward: days.forward[i],
    ranking,
  };
}

// ---- Explanations ----------------------------------------------------------------------------
// Raw drivers from the worker: {index, base, output, contributions: [{feature, detector, value}]}
// with value in score units and positive = raises the anomaly score (the core's TreeSHAP of the
// path length, sign flipped for display). DriversView: {index, date, base, output,
// items: [{label, value}] largest |value| first, at most `top` plus one "other features" item}.
export function toDriversView(raw, view, top = 10) {
  if (!raw || !Array.isArray(raw.contributions)) {
    throw new AnalysisShapeError('drivers.contributions is missing');
  }
  const items = raw.contributions
    .filter((c) => typeof c.value === 'number' && Number.isFinite(c.value))
    .map((c) => ({
      label: c.detector ? `${c.feature} (${c.detector})` : String(c.feature),
      value: c.value,
    }))
    .sort((a, b) => Math.abs(b.value) - Math.abs(a.value));
  const shown = items.slice(0, top);
  const rest = items.slice(top).reduce((sum, c) => sum + c.value, 0);
  if (items.length > top) shown.push({ label: `${items.length - top} other features`, value: rest });
  return {
    index: raw.index,
    date: view?.dates[raw.index] ?? raw.date ?? null,
    base: num(raw.base),
    output: num(raw.output),
    items: shown,
  };
}

// Raw what-if from the worker: {date?, score, level?, detector_scores?, drivers?}.
// WhatIfView: {score, level (name), ranking [{name, score, level}], drivers: DriversView|null}.
export function toWhatIfView(raw, view) {
  if (!raw || typeof raw.score !== 'number') throw new AnalysisShapeError('what-if result has no score');
  const code = raw.level !== undefined ? levelCode(raw.level) : classify(raw.score, view.thresholds);
  const ranking = (raw.detector_scores ?? [])
    .map((s, k) => ({ name: view.detectors[k]?.name ?? `detector ${k + 1}`, score: s,
                      level: levelName(classify(s, view.thresholds)) }))
    .filter((d) => Number.isFinite(d.score))
    .sort((a, b) => b.score - a.score);
  return {
    date: raw.date ? toIso(raw.date) : null,
    score: raw.score,
    level: levelName(code),
    ranking,
    drivers: raw.drivers ? toDriversView(raw.drivers, null) : null,
  };
}
