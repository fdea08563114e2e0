#include "vixray/ensemble/input.hpp"

#include "vixray/base/error.hpp"

namespace vixray {

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

}  // namespace vixray
