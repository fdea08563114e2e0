// Persistence of alarms: episodes of consecutive trading days at HIGH or above.
#pragma once
#include <cstdint>
#include <vector>

#include "vixray/ensemble/thresholds.hpp"

namespace vixray {

struct Episode {
  int64_t start = 0;   // first day index
  int64_t length = 0;  // trading days
};

struct PersistenceStats {
  std::vector<Episode> episodes;  // runs of consecutive days with level >= HIGH
  int64_t current_streak = 0;     // length of the run that includes the last day (0 if none)
  double mean_duration = 0.0;     // mean episode length in trading days (0 without episodes)
  int64_t max_duration = 0;
  int64_t total_anomaly_days = 0;  // days with level >= HIGH
  int64_t available_days = 0;      // days with a level (not UNAVAILABLE)
  double anomaly_rate = 0.0;       // total_anomaly_days / available_days (0 if none)
};

/// Episodes over a daily level series (trading days). An UNAVAILABLE day is neither counted
/// nor part of a run: it ends a run like a NORMAL day does.
PersistenceStats persistence_stats(const std::vector<Level>& levels);

}  // namespace vixray
