// The trained ensemble: its detectors (forest, calibration, stress direction, importance), the
// domains, coverage, thresholds, regimes and contamination. Built by train_ensemble (train.hpp),
// read and written by model_io.hpp, scored by the Analysis.
#pragma once
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "vixray/ensemble/calibration.hpp"
#include "vixray/ensemble/contamination.hpp"
#include "vixray/ensemble/regimes.hpp"
#include "vixray/ensemble/settings.hpp"
#include "vixray/ensemble/stress_direction.hpp"
#include "vixray/ensemble/subsets.hpp"
#include "vixray/ensemble/thresholds.hpp"
#include "vixray/forest/forest.hpp"

namespace vixray {

struct DetectorModel {
  std::string name;
  std::string domain;
  bool random_subspace = false;
  std::vector<std::string> features;          // forest column order (names in the input)
  std::vector<std::string> missing_features;  // catalogue features absent at training
  IsolationForest forest;
  Calibration calibration;
  /// One-sided scoring (stress_direction.hpp): the detector's score is
  /// directional_score(calibration.apply(raw), direction.weight(features)). Inactive (no
  /// signed feature, or a model trained without "stress_direction"): the calibrated score.
  StressDirection direction;
  /// Label-free permutation importance per feature, in calibrated-score units (see treeshap.hpp).
  std::vector<double> permutation_importance;
};

struct InactiveDetector {
  std::string name;
  std::string domain;
  std::string note;
  std::vector<std::string> missing_features;
};

struct DomainModel {
  std::string name;
  std::vector<int32_t> detectors;       // indices into EnsembleModel::detectors
  Thresholds thresholds;                // same percentiles of the domain's training scores
  std::vector<DetectorSubset> subsets;  // partial domains (subsets.hpp), largest first
};

struct TrainingInfo {
  std::string first_date, last_date;  // of the training rows (ISO)
  int64_t input_rows = 0;             // days given
  int64_t n_observations = 0;         // training rows: every active detector's features finite
  int64_t n_features = 0;             // feature columns given
  int32_t n_detectors = 0;            // active detectors
};

struct EnsembleModel {
  nlohmann::json feature_spec;  // opaque: defined by the feature library (null when absent)
  nlohmann::json settings;      // resolved settings used for training
  std::vector<DetectorModel> detectors;
  std::vector<InactiveDetector> inactive_detectors;
  std::vector<DomainModel> domains;  // domains with at least one active detector
  std::vector<DomainCoverage> coverage;
  Thresholds thresholds;  // of the ensemble score
  /// Partial ensembles (subsets.hpp): the detector sets that days lacking optional inputs are
  /// scored with, largest first, each with its own thresholds. Empty in bundles before 1.2.
  std::vector<DetectorSubset> subsets;
  RegimeConfig regimes;
  Contamination contamination;
  int32_t forward_return_horizon = 10;
  TrainingInfo training;
};

/// The error for a detector index, given by a caller, that a model of `count` detectors does not
/// have: "detector k does not exist (the model has count)".
[[noreturn]] void throw_no_detector(int64_t k, size_t count);

/// Throws throw_no_detector's error unless 0 <= k < count.
inline void check_detector_index(int64_t k, size_t count) {
  if (k < 0 || static_cast<uint64_t>(k) >= count) throw_no_detector(k, count);
}

}  // namespace vixray
