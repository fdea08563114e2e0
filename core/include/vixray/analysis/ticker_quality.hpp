// Quality of ticker flags against labelled patterns (`vixray backtest tickers`, issue 12 item 6):
// on the simulated tickers (sim/simulated_tickers.hpp), which flagged bars find which embedded
// patterns, how many flags fall outside every pattern, and how late the first flag comes; for
// the model's flags and for a naive rule computed here.
//
// Definitions (per ticker and interval; a market's row pools its tickers):
//   window     an event's [start - tol, end + tol], tol = match_tolerance_s (ticker_scores.hpp):
//              max(2 x interval, 15 min) intraday, 2 days for daily bars (seed 001's matching)
//   found      a flagged bar's start lies in the event's window; recall = found / events
//   false flag a flagged bar outside every window of its series; reported per 1,000 bars
//   lag        bars from the event's first bar to the first flagged bar in its window (negative:
//              flagged before the pattern began, within the tolerance); the median over found
//              events of a row
//   naive rule flag bar i when |return_1| > 3 x sd of the 20 returns before it, return_1 =
//              close_i / close_{i-1} - 1 (the feature library's return_1), sd with n - 1
#pragma once
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "vixray/analysis/backtest_metrics.hpp"
#include "vixray/sim/simulated_tickers.hpp"

namespace vixray {

/// The naive rule above; 0 on the first `window` + 1 bars and where a close is not finite or the
/// trailing sd is 0.
std::vector<uint8_t> naive_return_flags(const std::vector<double>& close, int32_t window = 20,
                                        double multiple = 3.0);

/// One series' flags against its events (events of other series are ignored by the caller).
struct FlagQuality {
  int64_t bars = 0, events = 0, found = 0, flags = 0, false_flags = 0;
  std::vector<int64_t> lags;  // one per found event, in event order
  std::map<std::string, std::pair<int64_t, int64_t>> by_kind;  // kind -> (found, events)
  // Seed 003's counts (backtest_metrics.hpp): bars against the union of the event windows,
  // detected = found (with its lag), years = (last bar start - first bar start) / 365.25 days.
  DetectionCounts detection;
};

/// Evaluates flags (1 per flagged bar) over bars at `bar_times` (ascending UTC starts).
FlagQuality evaluate_flags(const std::vector<int64_t>& bar_times, const std::vector<uint8_t>& flags,
                           const std::vector<TickerEvent>& events, int64_t tolerance_s);

/// Sums counts and pools lags (several tickers of one market and interval).
void add_quality(FlagQuality& total, const FlagQuality& part);

/// Recall (NaN without events), false flags per 1,000 bars (NaN without bars), median lag in
/// bars (NaN without found events; the mean of the middle two for an even count).
double recall_of(const FlagQuality& q);
double false_flags_per_1000(const FlagQuality& q);
double median_lag(const FlagQuality& q);

}  // namespace vixray
