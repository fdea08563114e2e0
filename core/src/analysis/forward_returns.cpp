#include "vixray/analysis/forward_returns.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "vixray/base/error.hpp"
#include "vixray/base/nan.hpp"
#include "vixray/base/quantile.hpp"
#include "vixray/ensemble/thresholds.hpp"

namespace vixray {

std::vector<double> forward_returns(const std::vector<double>& close, int32_t horizon) {
  if (horizon < 1)
    throw Error("forward_returns: horizon must be at least 1, got " + std::to_string(horizon));
  std::vector<double> out(close.size(), kNaN);
  const auto h = static_cast<size_t>(horizon);
  for (size_t t = 0; t + h < close.size(); ++t) {
    const double now = close[t], later = close[t + h];
    if (std::isfinite(now) && std::isfinite(later) && now > 0.0 && later > 0.0)
      out[t] = (later / now - 1.0) * 100.0;
  }
  return out;
}

std::vector<ReturnDistribution> returns_by_level(const std::vector<double>& forward,
                                                 const std::vector<Level>& levels) {
  if (forward.size() != levels.size())
    throw Error("returns_by_level: forward returns and levels must be parallel, got " +
                std::to_string(forward.size()) + " and " + std::to_string(levels.size()));
  std::vector<std::vector<double>> groups(4);
  for (size_t t = 0; t < forward.size(); ++t) {
    if (levels[t] == Level::kUnavailable || std::isnan(forward[t])) continue;
    groups[static_cast<size_t>(levels[t])].push_back(forward[t]);
  }
  std::vector<ReturnDistribution> out(4);
  for (size_t l = 0; l < 4; ++l) {
    auto& g = groups[l];
    auto& d = out[l];
    d.count = static_cast<int64_t>(g.size());
    if (g.empty()) {
      d.mean = d.median = d.q25 = d.q75 = d.win_rate = kNaN;
      continue;
    }
    double sum = 0.0;
    int64_t wins = 0;
    for (double v : g) {
      sum += v;
      wins += v > 0.0;
    }
    std::sort(g.begin(), g.end());
    d.mean = sum / static_cast<double>(g.size());
    d.median = quantile_sorted(g, 0.5);
    d.q25 = quantile_sorted(g, 0.25);
    d.q75 = quantile_sorted(g, 0.75);
    d.win_rate = static_cast<double>(wins) / static_cast<double>(g.size());
  }
  return out;
}

}  // namespace vixray
