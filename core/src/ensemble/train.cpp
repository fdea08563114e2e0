#include "vixray/ensemble/train.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "vixray/base/error.hpp"
#include "vixray/base/rng.hpp"
#include "vixray/ensemble/calibration.hpp"
#include "vixray/ensemble/combine.hpp"
#include "vixray/ensemble/contamination.hpp"
#include "vixray/ensemble/detector_scores.hpp"
#include "vixray/ensemble/input.hpp"
#include "vixray/ensemble/model.hpp"
#include "vixray/ensemble/regimes.hpp"
#include "vixray/ensemble/stress_direction.hpp"
#include "vixray/ensemble/subsets.hpp"
#include "vixray/ensemble/thresholds.hpp"
#include "vixray/features/spec.hpp"
#include "vixray/forest/treeshap.hpp"

namespace vixray {

using nlohmann::json;

namespace {

std::vector<double> ensemble_means(const std::vector<std::vector<double>>& scores, size_t days) {
  std::vector<double> out(days);
  std::vector<double> day(scores.size());
  for (size_t t = 0; t < days; ++t) {
    for (size_t k = 0; k < scores.size(); ++k) day[k] = scores[k][t];
    out[t] = combine_day(day.data(), static_cast<int32_t>(day.size())).mean;
  }
  return out;
}

// The ensemble means of detectors `which` only (a partial ensemble), as the Analysis combines
// them.
std::vector<double> subset_means(const std::vector<std::vector<double>>& scores,
                                 const std::vector<int32_t>& which, size_t days) {
  std::vector<double> out(days);
  std::vector<double> day(which.size());
  for (size_t t = 0; t < days; ++t) {
    for (size_t i = 0; i < which.size(); ++i) day[i] = scores[static_cast<size_t>(which[i])][t];
    out[t] = combine_day(day.data(), static_cast<int32_t>(day.size())).mean;
  }
  return out;
}

// Feature columns with at least one finite value.
std::vector<std::string> available_columns(const AnalysisInput& input) {
  const MatrixView x = input.features;
  std::vector<std::string> available;
  for (int64_t c = 0; c < x.cols; ++c) {
    for (int64_t r = 0; r < x.rows; ++r) {
      if (std::isfinite(x.row(r)[c])) {
        available.push_back(input.feature_names[static_cast<size_t>(c)]);
        break;
      }
    }
  }
  return available;
}

// The model before fitting: settings, coverage, and one untrained detector per active catalogue
// detector (the inactive ones reported).
EnsembleModel untrained_model(const EnsembleSettings& settings,
                              const std::vector<std::string>& available, json feature_spec) {
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
  return model;
}

// Training rows: the days on which every active detector's features are finite.
std::vector<int64_t> training_rows(MatrixView x, const std::vector<std::vector<int64_t>>& columns) {
  std::vector<int64_t> all_columns;
  for (const auto& c : columns) all_columns.insert(all_columns.end(), c.begin(), c.end());
  std::vector<int64_t> rows;
  for (int64_t r = 0; r < x.rows; ++r)
    if (row_finite(x, r, all_columns)) rows.push_back(r);
  if (rows.size() < 16)
    throw Error("training: only " + std::to_string(rows.size()) +
                " days have every detector feature available; expected at least 16");
  return rows;
}

StressDirection fit_direction(const DetectorModel& d, const std::vector<double>& dense,
                              const EnsembleSettings& settings) {
  const size_t n_features = d.features.size();
  if (!settings.stress_direction)
    return StressDirection{std::vector<double>(n_features, 0.0),
                           std::vector<double>(n_features, 0.0),
                           std::vector<double>(n_features, 1.0), 1.0, 0.0};
  std::vector<double> signs;
  for (const auto& f : d.features) {
    const auto found = settings.stress_signs.find(f);
    signs.push_back(found == settings.stress_signs.end() ? 0.0 : found->second);
  }
  return StressDirection::fit(dense, std::move(signs), settings.stress_ramp,
                              settings.stress_neutral);
}

// A detector's random draws, made in detector order before the detectors are fitted (in any
// order, possibly concurrently): its forest seed (from the seed stream) and its permutation
// importance sample of training rows (ascending) and seed (from the importance stream).
struct DetectorDraws {
  uint64_t forest_seed = 0;
  std::vector<size_t> importance_rows;
  uint64_t importance_seed = 0;
};

std::vector<DetectorDraws> detector_draws(size_t detectors, size_t rows,
                                          const EnsembleSettings& settings) {
  Rng seeds(settings.seed);
  Rng importance_rng(settings.importance_seed);
  const size_t sample = std::min(rows, static_cast<size_t>(settings.importance_rows));
  std::vector<DetectorDraws> out(detectors);
  std::vector<size_t> pick(rows);
  for (auto& draws : out) {
    draws.forest_seed = seeds.next_u64();
    for (size_t i = 0; i < pick.size(); ++i) pick[i] = i;
    for (size_t i = 0; i < sample; ++i)
      std::swap(pick[i], pick[i + static_cast<size_t>(importance_rng.below(pick.size() - i))]);
    draws.importance_rows.assign(pick.begin(), pick.begin() + static_cast<std::ptrdiff_t>(sample));
    std::sort(draws.importance_rows.begin(), draws.importance_rows.end());
    draws.importance_seed = importance_rng.next_u64();
  }
  return out;
}

// Permutation importance on a seeded sample of the detector's training rows (`dense`, one row
// per training day), in units of its one-sided score.
std::vector<double> detector_importance(const DetectorModel& d, const std::vector<double>& dense,
                                        const DetectorDraws& draws,
                                        const EnsembleSettings& settings) {
  const size_t cols = d.features.size();
  const size_t sample = draws.importance_rows.size();
  std::vector<double> subset(sample * cols);
  for (size_t i = 0; i < sample; ++i)
    std::copy_n(dense.begin() + static_cast<std::ptrdiff_t>(draws.importance_rows[i] * cols), cols,
                subset.begin() + static_cast<std::ptrdiff_t>(i * cols));
  const IsolationForest& forest = d.forest;
  const Calibration& calibration = d.calibration;
  const StressDirection& direction = d.direction;
  const RowScorer scorer = [&forest, &calibration, &direction](MatrixView m, double* out) {
    forest.score_samples(m, out);
    for (int64_t i = 0; i < m.rows; ++i)
      out[i] = directional_score(calibration.apply(out[i]), direction.weight(m.row(i)));
  };
  return permutation_importance(
      MatrixView{subset.data(), static_cast<int64_t>(sample), static_cast<int64_t>(cols)}, scorer,
      settings.importance_repeats, draws.importance_seed);
}

// Per detector, per training row: the calibrated forest scores (two-sided anomaly) and the
// detector scores as the Analysis computes them (one-sided when a direction is active).
struct TrainingScores {
  std::vector<std::vector<double>> anomaly, detector;
};

// Fits detector d (forest, calibration, direction, importance) on its training rows with its
// draws and sets its training scores (anomaly, detector): it reads and writes nothing else, so
// the detectors are fitted as independent tasks.
void fit_detector(DetectorModel& d, MatrixView x, const std::vector<int64_t>& rows,
                  const std::vector<int64_t>& cols, int32_t psi, const EnsembleSettings& settings,
                  const DetectorDraws& draws, std::vector<double>& anomaly,
                  std::vector<double>& detector) {
  const std::vector<double> dense = gather_rows(x, rows, cols);
  const MatrixView view{dense.data(), static_cast<int64_t>(rows.size()),
                        static_cast<int64_t>(cols.size())};
  ForestParams params;
  params.n_trees = settings.n_trees;
  params.sample_size = psi;
  params.seed = draws.forest_seed;
  d.forest = IsolationForest::fit(view, params, d.features);
  std::vector<double> raw(rows.size());
  d.forest.score_samples(view, raw.data());
  d.calibration = Calibration::fit(raw, settings.calibration_knots);
  d.direction = fit_direction(d, dense, settings);
  // Training scores as the Analysis computes them (thresholds, domains and contamination are
  // fitted on these).
  std::vector<double> calibrated(rows.size()), directional(rows.size());
  for (size_t i = 0; i < rows.size(); ++i) {
    calibrated[i] = d.calibration.apply(raw[i]);
    directional[i] = directional_score(calibrated[i], d.direction.weight(&dense[i * cols.size()]));
  }
  anomaly = std::move(calibrated);
  detector = std::move(directional);
  d.permutation_importance = detector_importance(d, dense, draws, settings);
}

// The domains with at least one active detector, in settings order, and (when the model has a
// feature spec) the partial ensembles and partial domains (subsets.hpp), without thresholds.
void add_domains_and_subsets(EnsembleModel& model, const EnsembleSettings& settings) {
  for (const auto& spec : settings.domains) {
    DomainModel dm;
    dm.name = spec.name;
    for (size_t k = 0; k < model.detectors.size(); ++k)
      if (model.detectors[k].domain == spec.name) dm.detectors.push_back(static_cast<int32_t>(k));
    if (!dm.detectors.empty()) model.domains.push_back(std::move(dm));
  }
  if (model.feature_spec.is_null()) return;
  std::vector<std::vector<std::string>> features;
  for (const auto& d : model.detectors) features.push_back(d.features);
  const auto inputs =
      detector_inputs(features, feature_spec_from_json(model.feature_spec, "model.feature_spec"));
  std::vector<int32_t> all(model.detectors.size());
  for (size_t k = 0; k < all.size(); ++k) all[k] = static_cast<int32_t>(k);
  model.subsets = input_subsets(inputs, all);
  for (auto& dm : model.domains) dm.subsets = input_subsets(inputs, dm.detectors);
}

std::vector<double> domain_means(const std::vector<std::vector<double>>& scores,
                                 const std::vector<int32_t>& which, size_t days) {
  std::vector<double> out(days);
  for (size_t i = 0; i < days; ++i) out[i] = mean_of_detectors(scores, which, i);
  return out;
}

// Ensemble and domain thresholds. They are percentiles of the training ensemble of the
// calibrated forest scores (the anomaly budget: 8% of training days are at HIGH or above as
// anomalies). A day's level classifies its ensemble of one-sided scores, which never exceeds its
// two-sided ensemble: a day alarms when it is as anomalous as the top of the training days AND
// its anomalies sit on the stress side. With stress_direction.thresholds = "directional" the
// thresholds are percentiles of the one-sided training ensemble instead (alarm budget spent on
// stress days only). Every partial ensemble and partial domain (subsets.hpp) gets the same
// percentiles and bootstrap of the same training days, over its detectors only. The bootstrap's
// resamples are drawn once for all sets (BootstrapPlan); each set is then a task of its own
// (means, sort, resample order statistics) that writes only its thresholds.
void fit_thresholds(EnsembleModel& model, const TrainingScores& scores, size_t rows,
                    const EnsembleSettings& settings, const BootstrapPlan& plan,
                    const TaskRunner& run) {
  const auto& threshold_scores =
      settings.stress_thresholds_directional ? scores.detector : scores.anomaly;
  add_domains_and_subsets(model, settings);
  const ThresholdOptions& options = settings.thresholds;
  std::vector<std::function<void()>> fits;
  fits.emplace_back([&] {
    model.thresholds = compute_thresholds(ensemble_means(threshold_scores, rows), options, plan);
  });
  for (auto& dm : model.domains)
    fits.emplace_back([&] {
      dm.thresholds =
          compute_thresholds(domain_means(threshold_scores, dm.detectors, rows), options, plan);
    });
  for (auto& s : model.subsets)
    fits.emplace_back([&] {
      s.thresholds =
          compute_thresholds(subset_means(threshold_scores, s.detectors, rows), options, plan);
    });
  for (auto& dm : model.domains)
    for (auto& s : dm.subsets)
      fits.emplace_back([&] {
        s.thresholds =
            compute_thresholds(domain_means(threshold_scores, s.detectors, rows), options, plan);
      });
  run(fits.size(), [&](size_t i) { fits[i](); });
}

// Regime bands (from quantiles of the training VIX when the settings ask for it) and the
// regime-adaptive contamination, fitted on the ensemble the Analysis classifies, so the realized
// rates match the map.
void fit_regimes(EnsembleModel& model, const AnalysisInput& input, const std::vector<int64_t>& rows,
                 const std::vector<double>& ensemble, const EnsembleSettings& settings) {
  if (!settings.regime_quantiles.empty()) {
    std::vector<double> vix;
    for (int64_t r : rows) vix.push_back(input.vix_close[static_cast<size_t>(r)]);
    model.regimes = regimes_from_quantiles(vix, settings.regime_quantiles, settings.regimes.names);
  }
  std::vector<int32_t> regimes(rows.size());
  for (size_t i = 0; i < rows.size(); ++i)
    regimes[i] = model.regimes.regime_of(input.vix_close[static_cast<size_t>(rows[i])]);
  model.contamination = fit_contamination(ensemble, regimes, settings.contamination);
}

}  // namespace

std::vector<int64_t> ensemble_training_rows(const AnalysisInput& input,
                                            const EnsembleSettings& settings) {
  input.validate();
  const EnsembleModel model = untrained_model(settings, available_columns(input), nullptr);
  return training_rows(input.features, bind_columns(model.detectors, input.feature_names));
}

EnsembleModel train_ensemble(const AnalysisInput& input, const EnsembleSettings& settings,
                             json feature_spec, const TaskRunner& run) {
  input.validate();
  const MatrixView x = input.features;
  EnsembleModel model =
      untrained_model(settings, available_columns(input), std::move(feature_spec));
  const auto columns = bind_columns(model.detectors, input.feature_names);
  const std::vector<int64_t> rows = training_rows(x, columns);
  const int32_t psi = static_cast<int32_t>(
      std::min<size_t>(static_cast<size_t>(settings.sample_size), rows.size()));
  const size_t d = model.detectors.size();
  const std::vector<DetectorDraws> draws = detector_draws(d, rows.size(), settings);
  TrainingScores scores;
  scores.anomaly.resize(d);
  scores.detector.resize(d);
  // Every set of thresholds is fitted on the training days, so one bootstrap plan serves them all
  // (a set with non-finite scores on some days draws its own); it is drawn as the first task,
  // beside the detectors.
  BootstrapPlan plan;
  run(d + 1, [&](size_t task) {
    if (task == 0) {
      plan = bootstrap_plan(rows.size(), settings.thresholds);
    } else {
      const size_t k = task - 1;
      fit_detector(model.detectors[k], x, rows, columns[k], psi, settings, draws[k],
                   scores.anomaly[k], scores.detector[k]);
    }
  });
  fit_thresholds(model, scores, rows.size(), settings, plan, run);
  fit_regimes(model, input, rows, ensemble_means(scores.detector, rows.size()), settings);

  model.training.first_date = format_iso(input.dates[static_cast<size_t>(rows.front())]);
  model.training.last_date = format_iso(input.dates[static_cast<size_t>(rows.back())]);
  model.training.input_rows = x.rows;
  model.training.n_observations = static_cast<int64_t>(rows.size());
  model.training.n_features = x.cols;
  model.training.n_detectors = static_cast<int32_t>(model.detectors.size());
  return model;
}

}  // namespace vixray
