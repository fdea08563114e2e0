#include "vixray/analysis/regime_stats.hpp"

#include <algorithm>

#include "vixray/base/error.hpp"
#include "vixray/ensemble/regimes.hpp"

namespace vixray {

RegimeStats regime_stats(const std::vector<double>& vix, const RegimeConfig& config) {
  config.validate("regimes");
  const auto k = static_cast<size_t>(config.count());
  RegimeStats s;
  s.count.assign(k, 0);
  s.percentage.assign(k, 0.0);
  s.durations.assign(k, RegimeDuration{});
  s.transitions.assign(k, std::vector<int64_t>(k, 0));
  s.transition_probability.assign(k, std::vector<double>(k, 0.0));
  const auto n = static_cast<int64_t>(vix.size());
  s.regime.resize(vix.size());
  std::vector<int64_t> run_total(k, 0);
  int64_t known = 0, run_start = 0;
  for (int64_t t = 0; t < n; ++t) {
    const int32_t r = config.regime_of(vix[static_cast<size_t>(t)]);
    s.regime[static_cast<size_t>(t)] = r;
    const int32_t previous = t > 0 ? s.regime[static_cast<size_t>(t - 1)] : -1;
    if (r >= 0) {
      ++known;
      ++s.count[static_cast<size_t>(r)];
      if (previous >= 0) ++s.transitions[static_cast<size_t>(previous)][static_cast<size_t>(r)];
    }
    if (r != previous) {
      // The run of `previous` ended at t - 1.
      if (previous >= 0) {
        auto& d = s.durations[static_cast<size_t>(previous)];
        const int64_t length = t - run_start;
        ++d.runs;
        run_total[static_cast<size_t>(previous)] += length;
        d.max_duration = std::max(d.max_duration, length);
      }
      run_start = t;
    }
  }
  if (n > 0) {
    const int32_t last = s.regime[static_cast<size_t>(n - 1)];
    if (last >= 0) {
      auto& d = s.durations[static_cast<size_t>(last)];
      const int64_t length = n - run_start;
      ++d.runs;
      run_total[static_cast<size_t>(last)] += length;
      d.max_duration = std::max(d.max_duration, length);
      s.current_regime = last;
      s.days_in_current = length;
      s.current_start = run_start;
    }
  }
  for (size_t r = 0; r < k; ++r) {
    if (known > 0)
      s.percentage[r] = 100.0 * static_cast<double>(s.count[r]) / static_cast<double>(known);
    if (s.durations[r].runs > 0)
      s.durations[r].mean_duration =
          static_cast<double>(run_total[r]) / static_cast<double>(s.durations[r].runs);
    int64_t row = 0;
    for (size_t c = 0; c < k; ++c) row += s.transitions[r][c];
    if (row > 0)
      for (size_t c = 0; c < k; ++c)
        s.transition_probability[r][c] =
            static_cast<double>(s.transitions[r][c]) / static_cast<double>(row);
  }
  return s;
}

}  // namespace vixray
