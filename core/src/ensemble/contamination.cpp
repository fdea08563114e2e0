#include "vixray/ensemble/contamination.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "vixray/base/error.hpp"
#include "vixray/base/nan.hpp"
#include "vixray/base/quantile.hpp"

namespace vixray {

Contamination fit_contamination(const std::vector<double>& scores,
                                const std::vector<int32_t>& regimes,
                                const std::vector<double>& rates) {
  if (scores.size() != regimes.size())
    throw Error("contamination: scores and regimes must be parallel, got " +
                std::to_string(scores.size()) + " and " + std::to_string(regimes.size()));
  for (size_t r = 0; r < rates.size(); ++r)
    if (!(rates[r] >= 0.0 && rates[r] < 1.0))
      throw Error("contamination: the rate of regime " + std::to_string(r) +
                  " must be in [0, 1), got " + number_text(rates[r]));
  Contamination c;
  c.rates = rates;
  const size_t k = rates.size();
  std::vector<std::vector<double>> by_regime(k);
  for (size_t i = 0; i < scores.size(); ++i) {
    const int32_t r = regimes[i];
    if (r < 0 || std::isnan(scores[i])) continue;
    if (static_cast<size_t>(r) >= k)
      throw Error("contamination: regime code " + std::to_string(r) + " on day " +
                  std::to_string(i) + " has no rate (the map has " + std::to_string(k) + ")");
    by_regime[static_cast<size_t>(r)].push_back(scores[i]);
  }
  for (size_t r = 0; r < k; ++r) {
    auto& s = by_regime[r];
    c.training_days.push_back(static_cast<int64_t>(s.size()));
    if (s.empty()) {
      c.thresholds.push_back(kNaN);
      c.realized_rates.push_back(kNaN);
      continue;
    }
    std::sort(s.begin(), s.end());
    const double threshold = quantile_sorted(s, 1.0 - rates[r]);
    const auto above = s.end() - std::upper_bound(s.begin(), s.end(), threshold);
    c.thresholds.push_back(threshold);
    c.realized_rates.push_back(static_cast<double>(above) / static_cast<double>(s.size()));
  }
  return c;
}

bool contamination_flag(const Contamination& c, double score, int32_t regime) {
  if (regime < 0 || static_cast<size_t>(regime) >= c.thresholds.size() || std::isnan(score))
    return false;
  const double threshold = c.thresholds[static_cast<size_t>(regime)];
  return !std::isnan(threshold) && score > threshold;
}

}  // namespace vixray
