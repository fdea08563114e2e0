// Why a day scored as it did: the exact TreeSHAP explanation of every detector's forest on one
// day (treeshap.hpp).
#pragma once
#include <cstdint>
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

}  // namespace vixray
