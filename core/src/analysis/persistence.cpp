#include "vixray/analysis/persistence.hpp"

#include <cmath>

#include "vixray/base/error.hpp"
#include "vixray/ensemble/thresholds.hpp"

namespace vixray {

PersistenceStats persistence_stats(const std::vector<Level>& levels) {
  PersistenceStats p;
  int64_t run_start = -1;
  const auto n = static_cast<int64_t>(levels.size());
  for (int64_t i = 0; i < n; ++i) {
    const Level level = levels[static_cast<size_t>(i)];
    if (level != Level::kUnavailable) ++p.available_days;
    const bool anomalous = level == Level::kHigh || level == Level::kCritical;
    if (anomalous) {
      ++p.total_anomaly_days;
      if (run_start < 0) run_start = i;
    } else if (run_start >= 0) {
      p.episodes.push_back({run_start, i - run_start});
      run_start = -1;
    }
  }
  if (run_start >= 0) {
    p.episodes.push_back({run_start, n - run_start});
    p.current_streak = n - run_start;
  }
  int64_t total = 0;
  for (const auto& e : p.episodes) {
    total += e.length;
    p.max_duration = std::max(p.max_duration, e.length);
  }
  if (!p.episodes.empty())
    p.mean_duration = static_cast<double>(total) / static_cast<double>(p.episodes.size());
  if (p.available_days > 0)
    p.anomaly_rate =
        static_cast<double>(p.total_anomaly_days) / static_cast<double>(p.available_days);
  return p;
}

}  // namespace vixray
