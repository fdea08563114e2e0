// A feature matrix as a wide CSV: the frame's dates, then one column per feature, in the format of
// the frame CSV (data/frame_csv.hpp): ISO dates, %.17g numbers, an empty field for NaN.
#pragma once
#include <string>
#include <vector>

#include "vixray/data/dates.hpp"
#include "vixray/features/compute.hpp"

namespace vixray {

/// Writes features as a wide CSV: the frame's dates, then one column per feature.
std::string format_feature_csv(const std::vector<Day>& dates, const FeatureMatrix& features);

}  // namespace vixray
