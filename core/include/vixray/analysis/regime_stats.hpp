// The VIX regime of every day and the statistics of a history: days, runs and durations in
// trading days (rows, never calendar days), transitions.
#pragma once
#include <cstdint>
#include <vector>

#include "vixray/ensemble/regimes.hpp"

namespace vixray {

struct RegimeDuration {
  int64_t runs = 0;  // number of runs (maximal stretches of consecutive days) in regime
  double mean_duration = 0.0;
  int64_t max_duration = 0;
};

struct RegimeStats {
  std::vector<int32_t> regime;            // per day (-1 = VIX missing)
  std::vector<int64_t> count;             // days per regime
  std::vector<double> percentage;         // 100 * count / days with a regime
  std::vector<RegimeDuration> durations;  // per regime
  /// transitions[a][b]: days t with regime[t-1] == a and regime[t] == b (both known), self
  /// transitions included; probabilities are the row-normalised counts (a row without days: 0).
  std::vector<std::vector<int64_t>> transitions;
  std::vector<std::vector<double>> transition_probability;
  int32_t current_regime = -1;  // regime of the last day
  int64_t days_in_current = 0;  // length of the run ending on the last day (0 if unknown)
  int64_t current_start = -1;   // day index where that run started
};

/// Regime series and statistics. A day with missing VIX has regime -1 and ends a run.
RegimeStats regime_stats(const std::vector<double>& vix, const RegimeConfig& config);

}  // namespace vixray
