#include "vixray/analysis/analysis.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <map>

#include "vixray/base/detmath.hpp"
#include "vixray/base/error.hpp"
#include "vixray/base/rng.hpp"
#include "vixray/data/table.hpp"
#include "vixray/ensemble/model_io.hpp"
#include "vixray/forest/treeshap.hpp"

namespace vixray {

using nlohmann::json;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Column index of every detector feature in the input, by name.
std::vector<std::vector<int64_t>> bind_columns(const std::vector<DetectorModel>& detectors,
                                               const std::vector<std::string>& names) {
  std::map<std::string, int64_t> index;
  for (size_t c = 0; c < names.size(); ++c) index.emplace(names[c], static_cast<int64_t>(c));
  std::vector<std::vector<int64_t>> out;
  for (const auto& d : detectors) {
    std::vector<int64_t> cols;
    for (const auto& f : d.features) {
      const auto it = index.find(f);
      if (it == index.end())
        throw Error("input: feature \"" + f + "\" of detector \"" + d.name +
                    "\" is not among the " + std::to_string(names.size()) + " feature columns");
      cols.push_back(it->second);
    }
    out.push_back(std::move(cols));
  }
  return out;
}

// Rows (of `rows`) gathered into a dense matrix of the given columns.
std::vector<double> gather(MatrixView x, const std::vector<int64_t>& rows,
                           const std::vector<int64_t>& cols) {
  std::vector<double> out(rows.size() * cols.size());
  size_t k = 0;
  for (int64_t r : rows) {
    const double* row = x.row(r);
    for (int64_t c : cols) out[k++] = row[c];
  }
  return out;
}

bool row_finite(MatrixView x, int64_t r, const std::vector<int64_t>& cols) {
  const double* row = x.row(r);
  for (int64_t c : cols)
    if (!std::isfinite(row[c])) return false;
  return true;
}

// Scores of one detector (calibrated; one-sided when it has a stress direction) on input days
// [begin, end), written to out[begin, end)
// (NaN where a feature is missing). A row's score does not depend on the other rows scored with
// it, so any split of the days gives the same numbers.
void score_days(const DetectorModel& d, MatrixView x, const std::vector<int64_t>& cols,
                size_t begin, size_t end, double* out) {
  std::vector<int64_t> rows;
  for (size_t r = begin; r < end; ++r) {
    out[r] = kNaN;
    if (row_finite(x, static_cast<int64_t>(r), cols)) rows.push_back(static_cast<int64_t>(r));
  }
  if (rows.empty()) return;
  const std::vector<double> dense = gather(x, rows, cols);
  std::vector<double> raw(rows.size());
  d.forest.score_samples(MatrixView{dense.data(), static_cast<int64_t>(rows.size()),
                                    static_cast<int64_t>(cols.size())},
                         raw.data());
  const bool one_sided = d.direction.active();
  for (size_t i = 0; i < rows.size(); ++i) {
    const double calibrated = d.calibration.apply(raw[i]);
    out[static_cast<size_t>(rows[i])] =
        one_sided ? directional_score(calibrated, d.direction.weight(&dense[i * cols.size()]))
                  : calibrated;
  }
}

// Days scored per task of analyze(): small enough to balance 15 detectors over a few threads,
// large enough that a task's overhead (a gather, an allocation) stays negligible.
constexpr size_t kDaysPerTask = 1024;

// Mean of the given detectors' scores on one day (NaN unless all are finite).
double mean_of(const std::vector<std::vector<double>>& scores, const std::vector<int32_t>& which,
               size_t day) {
  double sum = 0.0;
  for (int32_t k : which) {
    const double v = scores[static_cast<size_t>(k)][day];
    if (!std::isfinite(v)) return kNaN;
    sum += v;
  }
  return which.empty() ? kNaN : sum / static_cast<double>(which.size());
}

std::vector<double> ensemble_means(const std::vector<std::vector<double>>& scores, size_t days) {
  std::vector<double> out(days);
  std::vector<double> day(scores.size());
  for (size_t t = 0; t < days; ++t) {
    for (size_t k = 0; k < scores.size(); ++k) day[k] = scores[k][t];
    out[t] = combine_day(day.data(), static_cast<int32_t>(day.size())).mean;
  }
  return out;
}

// Window in trading days written in a feature name ("..._63d" -> 63), 1 without one.
int64_t window_of(const std::string& name) {
  int64_t window = 1;
  for (size_t i = 0; i < name.size(); ++i) {
    if (name[i] != '_') continue;
    size_t j = i + 1;
    int64_t value = 0;
    while (j < name.size() && name[j] >= '0' && name[j] <= '9')
      value = value * 10 + (name[j++] - '0');
    if (j > i + 1 && j < name.size() && name[j] == 'd' &&
        (j + 1 == name.size() || name[j + 1] == '_'))
      window = std::max(window, value);
  }
  return window;
}

}  // namespace

void AnalysisInput::validate() const {
  const size_t n = dates.size();
  if (n == 0) throw Error("input: no days");
  if (static_cast<size_t>(features.rows) != n)
    throw Error("input.features: expected " + std::to_string(n) + " rows (one per date), got " +
                std::to_string(features.rows));
  if (static_cast<size_t>(features.cols) != feature_names.size())
    throw Error("input.feature_names: expected " + std::to_string(features.cols) +
                " names (one per column), got " + std::to_string(feature_names.size()));
  if (features.cols > 0 && features.data == nullptr) throw Error("input.features: no data");
  if (vix_close.size() != n)
    throw Error("input.vix_close: expected " + std::to_string(n) + " values, got " +
                std::to_string(vix_close.size()));
  if (spx_close.size() != n)
    throw Error("input.spx_close: expected " + std::to_string(n) + " values, got " +
                std::to_string(spx_close.size()));
  for (size_t t = 1; t < n; ++t)
    if (!(dates[t] > dates[t - 1]))
      throw Error("input.dates: " + format_iso(dates[t]) + " (row " + std::to_string(t) +
                  ") does not come after " + format_iso(dates[t - 1]));
}

EnsembleModel train_ensemble(const AnalysisInput& input, const EnsembleSettings& settings,
                             json feature_spec) {
  input.validate();
  const MatrixView x = input.features;
  const auto n = static_cast<size_t>(x.rows);
  // Available = a column with at least one finite value.
  std::vector<std::string> available;
  for (int64_t c = 0; c < x.cols; ++c) {
    for (int64_t r = 0; r < x.rows; ++r) {
      if (std::isfinite(x.row(r)[c])) {
        available.push_back(input.feature_names[static_cast<size_t>(c)]);
        break;
      }
    }
  }
  const auto resolved = resolve_detectors(settings, available);
  EnsembleModel model;
  model.feature_spec = std::move(feature_spec);
  model.settings = settings.resolved;
  model.coverage = domain_coverage(settings, resolved);
  model.regimes = settings.regimes;
  model.forward_return_horizon = settings.forward_return_horizon;
  for (const auto& r : resolved) {
    if (!r.active) {
      model.inactive_detectors.push_back({r.name, r.domain, r.note, r.missing});
      continue;
    }
    DetectorModel d;
    d.name = r.name;
    d.domain = r.domain;
    d.random_subspace = r.random_subspace;
    d.features = r.features;
    d.missing_features = r.missing;
    model.detectors.push_back(std::move(d));
  }
  if (model.detectors.empty())
    throw Error("training: no detector has enough features (" + std::to_string(available.size()) +
                " feature columns with data)");
  const auto columns = bind_columns(model.detectors, input.feature_names);
  // Training rows: every active detector's features finite.
  std::vector<int64_t> all_columns;
  for (const auto& c : columns) all_columns.insert(all_columns.end(), c.begin(), c.end());
  std::vector<int64_t> rows;
  for (int64_t r = 0; r < x.rows; ++r)
    if (row_finite(x, r, all_columns)) rows.push_back(r);
  if (rows.size() < 16)
    throw Error("training: only " + std::to_string(rows.size()) +
                " days have every detector feature available; expected at least 16");

  Rng seeds(settings.seed);
  Rng importance_rng(settings.importance_seed);
  const int32_t psi = static_cast<int32_t>(
      std::min<size_t>(static_cast<size_t>(settings.sample_size), rows.size()));
  // Per detector, per training row: the calibrated forest scores (two-sided anomaly) and the
  // detector scores as the Analysis computes them (one-sided when a direction is active).
  std::vector<std::vector<double>> anomaly_scores, train_scores;
  for (size_t k = 0; k < model.detectors.size(); ++k) {
    auto& d = model.detectors[k];
    const auto& cols = columns[k];
    const std::vector<double> dense = gather(x, rows, cols);
    const MatrixView view{dense.data(), static_cast<int64_t>(rows.size()),
                          static_cast<int64_t>(cols.size())};
    ForestParams params;
    params.n_trees = settings.n_trees;
    params.sample_size = psi;
    params.seed = seeds.next_u64();
    d.forest = IsolationForest::fit(view, params, d.features);
    std::vector<double> raw(rows.size());
    d.forest.score_samples(view, raw.data());
    d.calibration = Calibration::fit(raw, settings.calibration_knots);
    if (settings.stress_direction) {
      std::vector<double> signs;
      for (const auto& f : d.features) {
        const auto found = settings.stress_signs.find(f);
        signs.push_back(found == settings.stress_signs.end() ? 0.0 : found->second);
      }
      d.direction = StressDirection::fit(dense, std::move(signs), settings.stress_ramp,
                                         settings.stress_neutral);
    } else {
      d.direction = StressDirection{std::vector<double>(cols.size(), 0.0),
                                    std::vector<double>(cols.size(), 0.0),
                                    std::vector<double>(cols.size(), 1.0), 1.0, 0.0};
    }
    // Training scores as the Analysis computes them (thresholds, domains and contamination are
    // fitted on these).
    std::vector<double> calibrated(rows.size()), directional(rows.size());
    for (size_t i = 0; i < rows.size(); ++i) {
      calibrated[i] = d.calibration.apply(raw[i]);
      directional[i] =
          directional_score(calibrated[i], d.direction.weight(&dense[i * cols.size()]));
    }
    anomaly_scores.push_back(std::move(calibrated));
    train_scores.push_back(std::move(directional));
    // Permutation importance on a seeded sample of training rows, in calibrated-score units.
    const size_t sample = std::min(rows.size(), static_cast<size_t>(settings.importance_rows));
    std::vector<size_t> pick(rows.size());
    for (size_t i = 0; i < pick.size(); ++i) pick[i] = i;
    for (size_t i = 0; i < sample; ++i)
      std::swap(pick[i], pick[i + static_cast<size_t>(importance_rng.below(pick.size() - i))]);
    pick.resize(sample);
    std::sort(pick.begin(), pick.end());
    std::vector<double> subset;
    for (size_t i : pick)
      subset.insert(subset.end(), dense.begin() + static_cast<std::ptrdiff_t>(i * cols.size()),
                    dense.begin() + static_cast<std::ptrdiff_t>((i + 1) * cols.size()));
    const IsolationForest& forest = d.forest;
    const Calibration& calibration = d.calibration;
    const StressDirection& direction = d.direction;
    const RowScorer scorer = [&forest, &calibration, &direction](MatrixView m, double* out) {
      forest.score_samples(m, out);
      for (int64_t i = 0; i < m.rows; ++i)
        out[i] = directional_score(calibration.apply(out[i]), direction.weight(m.row(i)));
    };
    d.permutation_importance = permutation_importance(
        MatrixView{subset.data(), static_cast<int64_t>(sample), static_cast<int64_t>(cols.size())},
        scorer, settings.importance_repeats, importance_rng.next_u64());
  }

  // Thresholds: percentiles of the training ensemble of the calibrated forest scores (the
  // anomaly budget: 8% of training days are at HIGH or above as anomalies). A day's level
  // classifies its ensemble of one-sided scores, which never exceeds its two-sided ensemble:
  // a day alarms when it is as anomalous as the top of the training days AND its anomalies
  // sit on the stress side. With stress_direction.thresholds = "directional" the thresholds
  // are percentiles of the one-sided training ensemble instead (alarm budget spent on stress
  // days only).
  const auto& threshold_scores =
      settings.stress_thresholds_directional ? train_scores : anomaly_scores;
  const std::vector<double> ensemble = ensemble_means(train_scores, rows.size());
  model.thresholds =
      compute_thresholds(ensemble_means(threshold_scores, rows.size()), settings.thresholds);
  // Domains with at least one active detector, in settings order.
  for (const auto& spec : settings.domains) {
    DomainModel dm;
    dm.name = spec.name;
    for (size_t k = 0; k < model.detectors.size(); ++k)
      if (model.detectors[k].domain == spec.name) dm.detectors.push_back(static_cast<int32_t>(k));
    if (dm.detectors.empty()) continue;
    std::vector<double> scores(rows.size());
    for (size_t i = 0; i < rows.size(); ++i) scores[i] = mean_of(threshold_scores, dm.detectors, i);
    dm.thresholds = compute_thresholds(scores, settings.thresholds);
    model.domains.push_back(std::move(dm));
  }
  if (!settings.regime_quantiles.empty()) {
    std::vector<double> vix;
    for (int64_t r : rows) vix.push_back(input.vix_close[static_cast<size_t>(r)]);
    model.regimes = regimes_from_quantiles(vix, settings.regime_quantiles, settings.regimes.names);
  }
  std::vector<int32_t> regimes(rows.size());
  for (size_t i = 0; i < rows.size(); ++i)
    regimes[i] = model.regimes.regime_of(input.vix_close[static_cast<size_t>(rows[i])]);
  model.contamination = fit_contamination(ensemble, regimes, settings.contamination);

  model.training.first_date = format_iso(input.dates[static_cast<size_t>(rows.front())]);
  model.training.last_date = format_iso(input.dates[static_cast<size_t>(rows.back())]);
  model.training.input_rows = static_cast<int64_t>(n);
  model.training.n_observations = static_cast<int64_t>(rows.size());
  model.training.n_features = x.cols;
  model.training.n_detectors = static_cast<int32_t>(model.detectors.size());
  return model;
}

std::vector<double> detector_scores(const EnsembleModel& model, const AnalysisInput& input,
                                    size_t k) {
  if (k >= model.detectors.size())
    throw Error("analysis: detector " + std::to_string(k) + " does not exist (the model has " +
                std::to_string(model.detectors.size()) + ")");
  input.validate();
  const DetectorModel& detector = model.detectors[k];
  const auto columns = bind_columns({detector}, input.feature_names);
  // In spans of kDaysPerTask days, as analyze() does: the same values, and in WebAssembly the
  // engine swaps in its optimised code for the scoring function at the next call, not mid-call.
  const size_t n = input.dates.size();
  std::vector<double> out(n);
  for (size_t begin = 0; begin < n; begin += kDaysPerTask)
    score_days(detector, input.features, columns.front(), begin, std::min(n, begin + kDaysPerTask),
               out.data());
  return out;
}

Analysis analyze(const EnsembleModel& model, const AnalysisInput& input, const TaskRunner& run) {
  input.validate();
  const auto columns = bind_columns(model.detectors, input.feature_names);
  // The forests take most of the time. A task scores one detector on one span of days and
  // writes only those values.
  const size_t n = input.dates.size();
  std::vector<std::vector<double>> scores(model.detectors.size(), std::vector<double>(n));
  const size_t spans = std::max<size_t>(1, (n + kDaysPerTask - 1) / kDaysPerTask);
  run(scores.size() * spans, [&](size_t task) {
    const size_t k = task / spans, begin = (task % spans) * kDaysPerTask;
    score_days(model.detectors[k], input.features, columns[k], begin,
               std::min(n, begin + kDaysPerTask), scores[k].data());
  });
  return analyze_scored(model, input, std::move(scores));
}

Analysis analyze_appended(const EnsembleModel& model, const AnalysisInput& input,
                          const Analysis& base) {
  input.validate();
  const size_t n = input.dates.size(), kept = base.dates.size(), d = model.detectors.size();
  if (kept > n || !std::equal(base.dates.begin(), base.dates.end(), input.dates.begin()))
    throw Error("analysis: the input does not begin with the " + std::to_string(kept) +
                " days of the analysis it extends");
  if (base.detector_scores.size() != kept * d || base.detector_names.size() != d)
    throw Error("analysis: the analysis to extend is of another model");
  const auto columns = bind_columns(model.detectors, input.feature_names);
  std::vector<std::vector<double>> scores(d, std::vector<double>(n));
  for (size_t k = 0; k < d; ++k) {
    for (size_t t = 0; t < kept; ++t) scores[k][t] = base.detector_scores[t * d + k];
    if (kept < n)
      score_days(model.detectors[k], input.features, columns[k], kept, n, scores[k].data());
  }
  return analyze_scored(model, input, std::move(scores));
}

Analysis analyze_scored(const EnsembleModel& model, const AnalysisInput& input,
                        std::vector<std::vector<double>> scores) {
  input.validate();
  const size_t n = input.dates.size();
  const size_t d = model.detectors.size();
  const size_t m = model.domains.size();
  if (scores.size() != d)
    throw Error("analysis: " + std::to_string(scores.size()) + " detector score vectors for " +
                std::to_string(d) + " detectors");
  for (size_t k = 0; k < d; ++k)
    if (scores[k].size() != n)
      throw Error("analysis: detector " + model.detectors[k].name + " has " +
                  std::to_string(scores[k].size()) + " scores for " + std::to_string(n) + " days");
  Analysis a;
  for (const auto& det : model.detectors) {
    a.detector_names.push_back(det.name);
    a.detector_domains.push_back(det.domain);
  }
  for (const auto& dom : model.domains) a.domain_names.push_back(dom.name);
  a.dates = input.dates;
  a.vix_close = input.vix_close;
  a.spx_close = input.spx_close;

  a.detector_scores.resize(n * d);
  a.ensemble_score.resize(n);
  a.ensemble_std.resize(n);
  a.ensemble_min.resize(n);
  a.ensemble_max.resize(n);
  a.level.resize(n);
  a.domain_scores.resize(n * m);
  a.domain_levels.resize(n * m);
  a.contamination_flag.resize(n);
  a.regimes = regime_stats(input.vix_close, model.regimes);
  std::vector<double> day(d);
  for (size_t t = 0; t < n; ++t) {
    for (size_t k = 0; k < d; ++k) day[k] = a.detector_scores[t * d + k] = scores[k][t];
    const EnsembleDay e = combine_day(day.data(), static_cast<int32_t>(d));
    a.ensemble_score[t] = e.mean;
    a.ensemble_std[t] = e.std;
    a.ensemble_min[t] = e.min;
    a.ensemble_max[t] = e.max;
    a.level[t] = classify(e.mean, model.thresholds);
    for (size_t j = 0; j < m; ++j) {
      const double s = mean_of(scores, model.domains[j].detectors, t);
      a.domain_scores[t * m + j] = s;
      a.domain_levels[t * m + j] = classify(s, model.domains[j].thresholds);
    }
    a.contamination_flag[t] =
        contamination_flag(model.contamination, e.mean, a.regimes.regime[t]) ? 1 : 0;
  }
  a.detectors_at_high.assign(n, 0);
  const size_t k_detectors = a.detector_names.size();
  for (size_t t = 0; t < n; ++t)
    for (size_t k = 0; k < k_detectors; ++k) {
      const Level l = classify(a.detector_scores[t * k_detectors + k], model.thresholds);
      if (l == Level::kHigh || l == Level::kCritical) ++a.detectors_at_high[t];
    }
  a.forward_return = forward_returns(input.spx_close, model.forward_return_horizon);
  a.persistence = persistence_stats(a.level);
  a.returns_by_level = returns_by_level(a.forward_return, a.level);
  const auto k_regimes = static_cast<size_t>(model.regimes.count());
  std::vector<int64_t> regime_days(k_regimes, 0), regime_flags(k_regimes, 0);
  a.level_counts.assign(4, 0);
  for (size_t t = 0; t < n; ++t) {
    if (a.level[t] != Level::kUnavailable) ++a.level_counts[static_cast<size_t>(a.level[t])];
    const int32_t r = a.regimes.regime[t];
    if (r < 0 || std::isnan(a.ensemble_score[t])) continue;
    ++regime_days[static_cast<size_t>(r)];
    regime_flags[static_cast<size_t>(r)] += a.contamination_flag[t];
  }
  for (size_t r = 0; r < k_regimes; ++r)
    a.contamination_rate.push_back(regime_days[r] > 0 ? static_cast<double>(regime_flags[r]) /
                                                            static_cast<double>(regime_days[r])
                                                      : kNaN);
  for (size_t t = n; t-- > 0;) {
    if (!std::isnan(a.ensemble_score[t])) {
      a.today = static_cast<int64_t>(t);
      break;
    }
  }
  if (a.today >= 0) {
    const auto t = static_cast<size_t>(a.today);
    a.top_anomalies = rank_detectors(a.detector_scores.data() + t * d, static_cast<int32_t>(d));
    for (size_t j = 0; j < m; ++j) {
      const Level l = a.domain_levels[t * m + j];
      if (l == Level::kHigh || l == Level::kCritical)
        a.domains_at_high.push_back(static_cast<int32_t>(j));
    }
  }
  return a;
}

namespace {

std::vector<FeatureImportance> mean_importance(const EnsembleModel& model,
                                               const std::vector<int32_t>& detectors) {
  std::map<std::string, std::pair<double, int32_t>> sums;
  for (int32_t k : detectors) {
    const auto& d = model.detectors[static_cast<size_t>(k)];
    for (size_t f = 0; f < d.features.size(); ++f) {
      auto& entry = sums[d.features[f]];
      entry.first += d.permutation_importance[f];
      entry.second += 1;
    }
  }
  std::vector<FeatureImportance> out;
  for (const auto& [feature, sum] : sums)
    out.push_back({feature, sum.first / static_cast<double>(sum.second)});
  std::stable_sort(out.begin(), out.end(),
                   [](const FeatureImportance& a, const FeatureImportance& b) {
                     return a.importance > b.importance;
                   });
  return out;
}

}  // namespace

std::vector<std::vector<FeatureImportance>> importance_by_domain(const EnsembleModel& model) {
  std::vector<std::vector<FeatureImportance>> out;
  for (const auto& domain : model.domains) out.push_back(mean_importance(model, domain.detectors));
  return out;
}

std::vector<FeatureImportance> global_importance(const EnsembleModel& model) {
  std::vector<int32_t> all;
  for (size_t k = 0; k < model.detectors.size(); ++k) all.push_back(static_cast<int32_t>(k));
  return mean_importance(model, all);
}

std::vector<DetectorExplanation> explain_day(const EnsembleModel& model, const AnalysisInput& input,
                                             int64_t day) {
  input.validate();
  if (day < 0 || day >= input.features.rows)
    throw Error("explain: day index " + std::to_string(day) + " is outside [0, " +
                std::to_string(input.features.rows) + ")");
  const auto columns = bind_columns(model.detectors, input.feature_names);
  std::vector<DetectorExplanation> out;
  for (size_t k = 0; k < model.detectors.size(); ++k) {
    DetectorExplanation e;
    e.detector = static_cast<int32_t>(k);
    if (row_finite(input.features, day, columns[k])) {
      const std::vector<double> row = gather(input.features, {day}, columns[k]);
      e.phi.resize(row.size());
      path_length_shap(model.detectors[k].forest, row.data(), e.phi.data(), e.expected_value);
      model.detectors[k].forest.mean_path_length(
          MatrixView{row.data(), 1, static_cast<int64_t>(row.size())}, &e.path_length);
      e.available = true;
    }
    out.push_back(std::move(e));
  }
  return out;
}

AnalysisInput FeatureTable::input() const {
  AnalysisInput in;
  in.dates = dates;
  in.feature_names = feature_names;
  in.features = view_of(features);
  in.vix_close = vix_close;
  in.spx_close = spx_close;
  return in;
}

FeatureTable generate_feature_table(int64_t days, const std::vector<std::string>& feature_names,
                                    uint64_t seed) {
  if (days < 1)
    throw Error("generate_feature_table: days must be positive, got " + std::to_string(days));
  FeatureTable g;
  g.feature_names = feature_names;
  Rng rng(seed);
  Day date = days_from_civil(1990, 1, 2);
  const double log_mean = detmath::log(18.0);
  double log_vix = log_mean, spx = 350.0;
  std::vector<double> returns, zvix;
  for (int64_t t = 0; t < days; ++t) {
    while (weekday(date) >= 5) ++date;
    g.dates.push_back(date++);
    const double shock = rng.normal();
    const double jump = rng.uniform() < 0.004 ? 0.35 + 0.2 * rng.uniform() : 0.0;
    log_vix += 0.02 * (log_mean - log_vix) + 0.055 * shock + jump;
    const double vix = detmath::exp(log_vix);
    const double sigma = vix / 100.0 / std::sqrt(252.0);
    const double r = 0.0003 + sigma * (-0.7 * shock + 0.714 * rng.normal()) - 0.5 * jump * sigma;
    spx *= 1.0 + r;
    g.vix_close.push_back(vix);
    g.spx_close.push_back(spx);
    returns.push_back(r);
    zvix.push_back((log_vix - log_mean) / 0.3);
  }
  const auto n = static_cast<size_t>(days);
  g.features.resize(static_cast<Eigen::Index>(days),
                    static_cast<Eigen::Index>(feature_names.size()));
  for (size_t c = 0; c < feature_names.size(); ++c) {
    const double a = rng.normal(), b = rng.normal(), noise = 0.3 + rng.uniform();
    const int64_t warmup = window_of(feature_names[c]) - 1;
    double ar = 0.0;
    for (size_t t = 0; t < n; ++t) {
      ar = 0.8 * ar + 0.6 * rng.normal();
      const double value = a * zvix[t] + b * returns[t] * 100.0 + noise * ar;
      g.features(static_cast<Eigen::Index>(t), static_cast<Eigen::Index>(c)) =
          static_cast<int64_t>(t) < warmup ? kNaN : value;
    }
  }
  return g;
}

FeatureTable parse_feature_table_csv(std::string_view text, const std::string& source) {
  LineReader lines(text);
  std::string_view line;
  if (!lines.next(line)) throw Error(source + ": empty file, expected a header line");
  const auto header = split_csv_record(line, source, lines.line_number());
  if (header.empty() || (header[0] != "date" && header[0] != "Date" && header[0] != "DATE"))
    throw Error(source + ":1: column 1: expected \"date\", got \"" +
                (header.empty() ? std::string() : header[0]) + "\"");
  int64_t vix_col = -1, spx_col = -1;
  FeatureTable t;
  std::vector<int64_t> feature_cols;
  for (size_t c = 1; c < header.size(); ++c) {
    if (header[c] == "vix.close") {
      vix_col = static_cast<int64_t>(c);
    } else if (header[c] == "spx.close") {
      spx_col = static_cast<int64_t>(c);
    } else {
      t.feature_names.push_back(header[c]);
      feature_cols.push_back(static_cast<int64_t>(c));
    }
  }
  if (vix_col < 0) throw Error(source + ":1: missing column \"vix.close\"");
  if (spx_col < 0) throw Error(source + ":1: missing column \"spx.close\"");
  std::vector<double> values;
  while (lines.next(line)) {
    if (line.find_first_not_of(" \t") == std::string_view::npos) continue;
    const int64_t number = lines.line_number();
    const auto fields = split_csv_record(line, source, number);
    if (fields.size() != header.size())
      throw Error(source + ":" + std::to_string(number) + ": expected " +
                  std::to_string(header.size()) + " fields, got " + std::to_string(fields.size()));
    Day day = 0;
    if (!parse_date(fields[0], day))
      throw Error(source + ":" + std::to_string(number) +
                  ": column 1 (\"date\"): expected a date " + "(YYYY-MM-DD or MM/DD/YYYY), got \"" +
                  fields[0] + "\"");
    if (!t.dates.empty() && !(day > t.dates.back()))
      throw Error(source + ":" + std::to_string(number) + ": date " + fields[0] +
                  " does not come after " + format_iso(t.dates.back()));
    t.dates.push_back(day);
    auto value = [&](int64_t c) {
      const std::string& f = fields[static_cast<size_t>(c)];
      if (f.empty() || f == "NaN" || f == "nan" || f == "NA" || f == "null")
        return std::numeric_limits<double>::quiet_NaN();
      double v = 0;
      if (!parse_double(f, v))
        throw Error(source + ":" + std::to_string(number) + ": column " + std::to_string(c + 1) +
                    " (\"" + header[static_cast<size_t>(c)] + "\"): expected a number or an " +
                    "empty field, got \"" + f + "\"");
      return v;
    };
    t.vix_close.push_back(value(vix_col));
    t.spx_close.push_back(value(spx_col));
    for (int64_t c : feature_cols) values.push_back(value(c));
  }
  if (t.dates.empty()) throw Error(source + ": no data rows after the header");
  t.features.resize(static_cast<Eigen::Index>(t.dates.size()),
                    static_cast<Eigen::Index>(feature_cols.size()));
  std::copy(values.begin(), values.end(), t.features.data());
  return t;
}

std::string feature_table_csv(const FeatureTable& t) {
  std::string out = "date,vix.close,spx.close";
  for (const auto& name : t.feature_names) out += "," + name;
  out += "\n";
  char buffer[32];
  auto put = [&](double v) {
    out += ',';
    if (std::isnan(v)) return;
    std::snprintf(buffer, sizeof buffer, "%.17g", v);
    out += buffer;
  };
  for (size_t r = 0; r < t.dates.size(); ++r) {
    out += format_iso(t.dates[r]);
    put(t.vix_close[r]);
    put(t.spx_close[r]);
    for (Eigen::Index c = 0; c < t.features.cols(); ++c)
      put(t.features(static_cast<Eigen::Index>(r), c));
    out += '\n';
  }
  return out;
}

}  // namespace vixray
