// Does a (simulated) market look like the real one? The statistics of issue 3 item 6, computed
// the same way for both, and the pass/fail comparison.
#pragma once
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "vixray/data/dates.hpp"

namespace vixray {

/// Statistics of aligned daily VIX and S&P 500 closes (one row per trading day, both present).
struct RealismStats {
  int64_t days = 0;
  Day first = 0, last = 0;
  /// VIX close quantiles at 5/25/50/75/95% (linear interpolation between order statistics,
  /// numpy's default "linear" method).
  std::array<double, 5> vix_quantiles{};
  double spx_return_sd = 0;           // sample sd (n-1) of daily log returns
  double spx_excess_kurtosis = 0;     // m4 / m2^2 - 3 (population moments)
  double return_vix_correlation = 0;  // Pearson: S&P log return vs VIX log change, same day
  /// Share of days with VIX close in [0, 16.77), [16.77, 24.40), [24.40, 39.67), [39.67, inf):
  /// the default regime bands of DESIGN.md.
  std::array<double, 4> vix_band_share{};
  double vix_lag1_autocorrelation = 0;  // of the VIX close level (not log)
  double vix_half_life_days = 0;        // ln(0.5) / ln(lag-1 autocorrelation), trading days
};

/// Throws vixray::Error if the lengths differ, there are fewer than 30 days, or a close is not
/// positive.
RealismStats compute_realism_stats(const std::vector<Day>& dates,
                                   const std::vector<double>& vix_close,
                                   const std::vector<double>& spx_close);

struct RealismCheck {
  std::string name;  // e.g. "VIX q50"
  double simulated = 0;
  double real = 0;
  double low = 0, high = 0;  // the accepted interval for the simulated value
  bool pass = false;
};

/// The checks: VIX quantiles within +-15% of real; S&P return sd within +-20% and excess
/// kurtosis >= 3; return/VIX-change correlation in [-0.85, -0.60]; each band share within
/// +-7 percentage points; VIX half-life within a factor 2.
std::vector<RealismCheck> compare_realism(const RealismStats& simulated, const RealismStats& real);

/// A fixed-width text table of the checks (one line each, "PASS"/"FAIL"), ending with a summary.
std::string format_realism_table(const std::vector<RealismCheck>& checks);

}  // namespace vixray
