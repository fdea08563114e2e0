#include "vixray/ensemble/combine.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "vixray/base/error.hpp"
#include "vixray/base/nan.hpp"

namespace vixray {

EnsembleDay combine_day(const double* scores, int32_t n_detectors) {
  EnsembleDay day;
  int32_t finite = 0;
  double sum = 0.0, lo = std::numeric_limits<double>::infinity(), hi = -lo;
  for (int32_t i = 0; i < n_detectors; ++i) {
    if (!std::isfinite(scores[i])) continue;
    ++finite;
    sum += scores[i];
    lo = std::min(lo, scores[i]);
    hi = std::max(hi, scores[i]);
  }
  day.n_detectors = finite;
  if (finite != n_detectors || n_detectors == 0) {
    day.mean = day.std = day.min = day.max = kNaN;
    return day;
  }
  const double mean = sum / static_cast<double>(n_detectors);
  double squares = 0.0;
  for (int32_t i = 0; i < n_detectors; ++i) squares += (scores[i] - mean) * (scores[i] - mean);
  day.mean = mean;
  day.std = std::sqrt(squares / static_cast<double>(n_detectors));
  day.min = lo;
  day.max = hi;
  return day;
}

double mean_of_detectors(const std::vector<std::vector<double>>& scores,
                         const std::vector<int32_t>& which, size_t day) {
  double sum = 0.0;
  for (int32_t k : which) {
    const double v = scores[static_cast<size_t>(k)][day];
    if (!std::isfinite(v)) return kNaN;
    sum += v;
  }
  return which.empty() ? kNaN : sum / static_cast<double>(which.size());
}

std::vector<RankedDetector> rank_detectors(const double* scores, int32_t n_detectors) {
  std::vector<RankedDetector> ranked;
  for (int32_t i = 0; i < n_detectors; ++i)
    if (!std::isnan(scores[i])) ranked.push_back({i, scores[i]});
  std::stable_sort(
      ranked.begin(), ranked.end(),
      [](const RankedDetector& a, const RankedDetector& b) { return a.score > b.score; });
  return ranked;
}

}  // namespace vixray
