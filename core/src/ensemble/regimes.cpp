#include "vixray/ensemble/regimes.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>

#include "vixray/base/error.hpp"

namespace vixray {
namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
}

int32_t RegimeConfig::regime_of(double vix) const {
  if (!(vix > 0.0) || !std::isfinite(vix)) return -1;
  const auto above = std::upper_bound(bounds.begin(), bounds.end(), vix) - bounds.begin();
  return static_cast<int32_t>(above);
}

std::pair<double, double> RegimeConfig::range(int32_t regime) const {
  const auto r = static_cast<size_t>(regime);
  const double low = r == 0 ? 0.0 : bounds[r - 1];
  const double high = r < bounds.size() ? bounds[r] : std::numeric_limits<double>::infinity();
  return {low, high};
}

void RegimeConfig::validate(const std::string& where) const {
  if (names.size() != bounds.size() + 1 || bounds.empty())
    throw Error(where + ": expected one more regime name than bounds, got " +
                std::to_string(names.size()) + " names and " + std::to_string(bounds.size()) +
                " bounds");
  for (size_t i = 0; i < bounds.size(); ++i) {
    if (!std::isfinite(bounds[i]) || !(bounds[i] > 0.0) ||
        (i > 0 && !(bounds[i] > bounds[i - 1]))) {
      std::ostringstream s;
      s << where << ".bounds[" << i << "]: expected positive, strictly increasing VIX levels, got "
        << bounds[i];
      throw Error(s.str());
    }
  }
}

RegimeConfig regimes_from_quantiles(const std::vector<double>& vix,
                                    const std::vector<double>& quantiles,
                                    std::vector<std::string> names) {
  std::vector<double> sorted;
  for (double v : vix)
    if (std::isfinite(v) && v > 0.0) sorted.push_back(v);
  if (sorted.empty()) throw Error("regimes: no finite VIX values to take quantiles of");
  std::sort(sorted.begin(), sorted.end());
  RegimeConfig c;
  c.bounds.clear();
  for (size_t i = 0; i < quantiles.size(); ++i) {
    if (!(quantiles[i] > 0.0 && quantiles[i] < 1.0) ||
        (i > 0 && !(quantiles[i] > quantiles[i - 1])))
      throw Error("regimes: quantiles must be strictly increasing in (0, 1)");
    c.bounds.push_back(quantile_sorted(sorted, quantiles[i]));
  }
  c.names = std::move(names);
  c.validate("regimes (from quantiles)");
  return c;
}

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
