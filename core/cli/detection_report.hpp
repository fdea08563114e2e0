// Seed 003's detection metrics (analysis/backtest_metrics.hpp) as markdown cells and JSON, shared
// by `vixray backtest` (samples: test days) and `vixray backtest tickers` (samples: bars).
// Undefined figures print "n/a" and are null in JSON.
#pragma once
#include <cstddef>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "vixray/analysis/backtest.hpp"
#include "vixray/analysis/backtest_metrics.hpp"

namespace vixray::cli {

/// "| TP | FP | TN | FN | precision | recall | F1 | accuracy | event recall | median lag (<unit>s)
/// | false episodes |" and its alignment row (both end with a newline); `first` names the
/// leading columns, e.g. "| signal " (the alignment row gives them "|---").
std::string detection_table_head(const std::string& first, int first_columns,
                                 const std::string& unit);
/// The cells after the leading columns, ending with " |\n".
std::string detection_cells(const DetectionCounts& counts, const std::string& unit);

/// {"tp", "fp", "tn", "fn", "precision", "recall", "f1", "accuracy", "events", "detected",
///  "event_recall", "median_lag", "alarm_episodes", "false_episodes",
///  "false_alarm_rate": {"per", "denominator", "rate"}}; per is "year" or "1000 <unit>s".
nlohmann::json detection_json(const DetectionCounts& counts, const std::string& unit);

/// The walk-forward's clock figures (measured by the CLI).
struct WalkForwardTiming {
  size_t trainings = 0;
  double training_seconds = 0.0;
  size_t test_days = 0;
  double scoring_seconds = 0.0;
};

/// `vixray backtest`'s "Detection metrics" section (the ensemble and the VIX rule, then the
/// throughput line); adds "detection" and "throughput" to the JSON.
void write_detection_section(std::ostringstream& md, nlohmann::json& doc,
                             const BacktestEvaluation& eval, const BacktestOptions& options,
                             const WalkForwardTiming& timing);

}  // namespace vixray::cli
