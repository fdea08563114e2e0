// VIX regimes (bands of the VIX level) and S&P 500 forward returns. Pure functions, no I/O.
// Durations are counted in trading days (rows), never calendar days.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "vixray/data/dates.hpp"
#include "vixray/ensemble/ensemble.hpp"

namespace vixray {

/// Regime bands: regime r covers VIX in [bounds[r-1], bounds[r]) with bounds[-1] = -inf and
/// bounds[k-1] = +inf, so k - 1 strictly increasing boundaries define k regimes coded 0..k-1.
/// Default (seed 000): 16.77 / 24.40 / 39.67 -> Low Vol, Normal, Elevated, Crisis.
struct RegimeConfig {
  std::vector<double> bounds{16.77, 24.40, 39.67};
  std::vector<std::string> names{"Low Vol", "Normal", "Elevated", "Crisis"};

  int32_t count() const { return static_cast<int32_t>(names.size()); }
  /// Regime code of a VIX level (-1 for NaN or a non-positive level).
  int32_t regime_of(double vix) const;
  /// [low, high) VIX range of a regime (low = 0 for the first, high = +inf for the last).
  std::pair<double, double> range(int32_t regime) const;
  /// Throws vixray::Error unless names.size() == bounds.size() + 1 and bounds strictly increase.
  void validate(const std::string& where) const;
};

/// Bounds at the given quantiles (type 7, in (0, 1), increasing) of the finite VIX values, for
/// "derive the bands from the data"; names are kept from `names` (must be quantiles.size() + 1).
RegimeConfig regimes_from_quantiles(const std::vector<double>& vix,
                                    const std::vector<double>& quantiles,
                                    std::vector<std::string> names);

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

// ---------------------------------------------------------------------------------------------
// Forward returns

/// S&P 500 forward return in percent over `horizon` trading days:
/// (close[t + h] / close[t] - 1) * 100; NaN (exported as null, never 0) for the last h days and
/// wherever either close is missing or not positive.
std::vector<double> forward_returns(const std::vector<double>& close, int32_t horizon = 10);

struct ReturnDistribution {
  int64_t count = 0;                                      // days with a level and a forward return
  double mean = 0.0, median = 0.0, q25 = 0.0, q75 = 0.0;  // percent; NaN when count == 0
  double win_rate = 0.0;  // share of those days with a return > 0; NaN when count == 0
};

/// Forward-return distribution per level (index 0..3 = NORMAL..CRITICAL); quartiles and median
/// are type-7 quantiles. Days with an UNAVAILABLE level or a NaN return are skipped.
std::vector<ReturnDistribution> returns_by_level(const std::vector<double>& forward,
                                                 const std::vector<Level>& levels);

}  // namespace vixray
