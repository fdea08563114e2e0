// Global permutation importance of the features, per domain and over all detectors, from the
// per-detector importances stored in the model.
#pragma once
#include <string>
#include <vector>

#include "vixray/ensemble/model.hpp"

namespace vixray {

struct FeatureImportance {
  std::string feature;
  double importance = 0.0;  // calibrated-score units (mean absolute change when shuffled)
};

/// Global permutation importance per domain (model.domains order): for every feature read by a
/// detector of the domain, the mean of those detectors' importances; highest first, ties by name.
std::vector<std::vector<FeatureImportance>> importance_by_domain(const EnsembleModel& model);
/// The same over all detectors (one entry per feature), highest first, ties by name.
std::vector<FeatureImportance> global_importance(const EnsembleModel& model);

}  // namespace vixray
