// Training of the detector ensemble on a feature matrix: the one place a model is made.
#pragma once
#include <cstdint>
#include <nlohmann/json.hpp>
#include <vector>

#include "vixray/base/tasks.hpp"
#include "vixray/ensemble/input.hpp"
#include "vixray/ensemble/model.hpp"
#include "vixray/ensemble/settings.hpp"

namespace vixray {

/// Trains the ensemble: resolves the catalogue against the input's features (columns with at
/// least one finite value), keeps the days on which every active detector's features are
/// finite, fits one Isolation Forest per active detector (settings.n_trees trees, subsample
/// min(sample_size, rows), seed drawn from vixray::Rng(settings.seed) in detector order),
/// calibrates each detector on its training scores, fits its stress direction (when the
/// settings have one), and sets the ensemble and domain thresholds (percentiles of the
/// two-sided calibrated training scores unless stress_direction.thresholds is "directional"),
/// the regime-adaptive contamination (fitted on the ensemble the Analysis classifies, so the
/// realized rates match the map) and the permutation importance. Deterministic:
/// same input and settings, same model (byte for byte once serialised), whichever runner `run`
/// fits the detectors and the thresholds (independent tasks; base/tasks.hpp).
EnsembleModel train_ensemble(const AnalysisInput& input, const EnsembleSettings& settings,
                             nlohmann::json feature_spec = nullptr,
                             const TaskRunner& run = run_serially);

/// The input rows train_ensemble() trains on (ascending indices: the days on which every active
/// detector's features are finite), without training; throws as train_ensemble() does when no
/// detector is active or fewer than 16 rows qualify. The model lifecycle splits these rows.
std::vector<int64_t> ensemble_training_rows(const AnalysisInput& input,
                                            const EnsembleSettings& settings);

}  // namespace vixray
