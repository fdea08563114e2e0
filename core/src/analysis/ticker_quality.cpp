// Flags against labelled patterns: windows with the matching tolerance, recall, false flags,
// lags, and the naive |return| > 3 sd rule (definitions in ticker_quality.hpp).
#include "vixray/analysis/ticker_quality.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "vixray/base/error.hpp"

namespace vixray {

std::vector<uint8_t> naive_return_flags(const std::vector<double>& close, int32_t window,
                                        double multiple) {
  const size_t n = close.size();
  const auto w = static_cast<size_t>(window);
  std::vector<uint8_t> flags(n, 0);
  std::vector<double> ret(n, std::numeric_limits<double>::quiet_NaN());
  for (size_t i = 1; i < n; ++i) ret[i] = close[i] / close[i - 1] - 1.0;
  for (size_t i = w + 1; i < n; ++i) {
    double sum = 0.0, sum_sq = 0.0;
    bool finite = std::isfinite(ret[i]);
    for (size_t j = i - w; j < i; ++j) {
      finite = finite && std::isfinite(ret[j]);
      sum += ret[j];
    }
    if (!finite) continue;
    const double mean = sum / static_cast<double>(w);
    for (size_t j = i - w; j < i; ++j) sum_sq += (ret[j] - mean) * (ret[j] - mean);
    const double sd = std::sqrt(sum_sq / static_cast<double>(w - 1));
    if (sd > 0.0 && std::abs(ret[i]) > multiple * sd) flags[i] = 1;
  }
  return flags;
}

FlagQuality evaluate_flags(const std::vector<int64_t>& bar_times, const std::vector<uint8_t>& flags,
                           const std::vector<TickerEvent>& events, int64_t tolerance_s) {
  if (flags.size() != bar_times.size())
    throw Error("evaluate_flags: " + std::to_string(flags.size()) + " flags for " +
                std::to_string(bar_times.size()) + " bars");
  FlagQuality q;
  q.bars = static_cast<int64_t>(bar_times.size());
  q.events = static_cast<int64_t>(events.size());
  std::vector<uint8_t> inside(bar_times.size(), 0);
  const auto index_at = [&](int64_t t) {
    return static_cast<size_t>(std::lower_bound(bar_times.begin(), bar_times.end(), t) -
                               bar_times.begin());
  };
  for (const TickerEvent& e : events) {
    auto& kind = q.by_kind[ticker_pattern_name(e.kind)];
    ++kind.second;
    const size_t first = index_at(e.start - tolerance_s);
    const size_t last = index_at(e.end + tolerance_s + 1);  // one past the window
    const size_t start = index_at(e.start);
    bool found = false;
    for (size_t i = first; i < last; ++i) {
      inside[i] = 1;
      if (found || flags[i] == 0) continue;
      found = true;
      q.lags.push_back(static_cast<int64_t>(i) - static_cast<int64_t>(start));
    }
    q.found += found;
    kind.first += found;
  }
  for (size_t i = 0; i < flags.size(); ++i) {
    if (flags[i] == 0) continue;
    ++q.flags;
    q.false_flags += inside[i] == 0;
  }
  const double years =
      bar_times.empty()
          ? 0.0
          : static_cast<double>(bar_times.back() - bar_times.front()) / (365.25 * 86400.0);
  q.detection = count_detections(flags, inside, q.events, q.lags, years);
  return q;
}

void add_quality(FlagQuality& total, const FlagQuality& part) {
  total.bars += part.bars;
  total.events += part.events;
  total.found += part.found;
  total.flags += part.flags;
  total.false_flags += part.false_flags;
  total.lags.insert(total.lags.end(), part.lags.begin(), part.lags.end());
  add_counts(total.detection, part.detection);
  for (const auto& [kind, counts] : part.by_kind) {
    total.by_kind[kind].first += counts.first;
    total.by_kind[kind].second += counts.second;
  }
}

double recall_of(const FlagQuality& q) { return ratio(q.found, q.events); }

double false_flags_per_1000(const FlagQuality& q) { return 1000.0 * ratio(q.false_flags, q.bars); }

double median_lag(const FlagQuality& q) { return median_lag(q.lags); }

}  // namespace vixray
