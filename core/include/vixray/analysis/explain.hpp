// Why a day scored as it did: the exact TreeSHAP explanation of every detector's forest on one
// day (treeshap.hpp).
#pragma once
#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "vixray/ensemble/input.hpp"
#include "vixray/ensemble/model.hpp"

namespace vixray {

struct DetectorExplanation {
  int32_t detector = 0;
  std::vector<double> phi;  // per detector feature, path-length units (negative = more anomalous)
  double expected_value = 0.0;
  double path_length = 0.0;  // E[h(x)] of the day: expected_value + sum(phi)
  bool available = false;    // false on warm-up days (phi empty)
};

/// TreeSHAP explanation of every detector on one day (index into input.dates).
std::vector<DetectorExplanation> explain_day(const EnsembleModel& model, const AnalysisInput& input,
                                             int64_t day);

/// What one feature did to the day's score, over every detector that explains the day: the sum
/// over the detectors reading it of -phi / (detectors explained), so the values of all features
/// add up to the mean over those detectors of (expected path length - the day's path length).
/// Positive = the feature pushed the day towards anomalous (a shorter path).
struct FeatureContribution {
  std::string feature;
  double value = 0.0;
  std::vector<int32_t> detectors;  // detectors (model order) that read it and explain the day
};

/// Contributions of every feature read by an explained detector, largest |value| first (ties:
/// feature name); empty on a warm-up day.
std::vector<FeatureContribution> feature_contributions(
    const EnsembleModel& model, const std::vector<DetectorExplanation>& explanations);

/// THE explanation of one day, as `vixray ensemble explain` writes it and the page and the
/// report draw it:
///   {"day", "date", "unit", "explained_detectors", "output" (sum of all values),
///    "features": [{"feature", "label", "value", "detectors": [names]}] (the `top` largest),
///    "other_features": {"count", "value"} (the rest, summed),
///    "detectors": {name: {"label", "features", "phi", "expected_value", "path_length"} or null
///                  on a warm-up day}}
/// phi per detector feature in path-length units (negative = more anomalous; TreeSHAP is
/// additive: expected_value + sum(phi) = path_length).
nlohmann::json explanation_json(const EnsembleModel& model,
                                const std::vector<DetectorExplanation>& explanations, int64_t day,
                                const std::string& date, size_t top = 10);

}  // namespace vixray
