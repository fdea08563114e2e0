// Monitoring a model folder's two models (Model A, Model B) on the rows that came after their
// training data: flag rates over windows of the newest rows, their drift against the baseline
// rate, the PSI of the scores, which model wins each window, and a recommendation by the rules
// of docs/LIFECYCLE.md. Generic over "a flag and a score per row": market days (flag = HIGH or
// above) and ticker bars (flag = flagged bar) alike. Pure: the CLI reads the folder and the data,
// computes each model's Analysis, and passes the new rows in.
#pragma once
#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "vixray/analysis/drift_metrics.hpp"

namespace vixray {

/// One model's new rows: flags[i] = 1 when row i is flagged (HIGH or above / flagged bar),
/// scores[i] its ensemble score (NaN when the row has none; its flag is then ignored).
struct MonitoredRows {
  std::vector<uint8_t> flags;
  std::vector<double> scores;
};

/// The rate drift is measured against: Model A's validation flag rate, or the expected rate when
/// the validation rate is 0 (a relative change from 0 is undefined).
struct MonitorBaseline {
  double flag_rate = 0.0;
  bool expected = false;  // true: flag_rate is the expected rate ("source": "expected")
};
MonitorBaseline monitor_baseline(double validation_flag_rate, double expected_flag_rate);

/// The recommendation's thresholds (fractions: 0.10 = 10%), command-line options.
struct MonitorThresholds {
  double retrain_drift = 0.10;  // RETRAIN when A's drift exceeds it
  double watch_drift = 0.05;    // WATCH when A's drift is at least it (and not RETRAIN)
  double b_win_share = 0.75;    // USE MODEL B needs B to win at least this share of windows
  double b_max_drift = 0.10;    // ... and B's drift under this
};
/// Drifts and shares are compared with this tolerance, so a drift of exactly 10% that rounding
/// made 0.10000000000000009 is 10%, not "over 10%".
constexpr double kMonitorTolerance = 1e-9;

struct MonitorInput {
  MonitoredRows model_a, model_b;  // the same rows, in time order
  MonitorBaseline baseline;
  ScoreBins reference;  // validation_baseline.json's score_bins (the reference of every PSI)
  std::vector<int64_t> windows{5, 21, 63};  // lengths in rows, each > 0
  MonitorThresholds thresholds;
  std::string unit = "days";  // what a row is, in window names ("bars" for ticker models)
};

struct WindowModel {
  double flag_rate = 0.0;  // flag_rate() on the window
  double drift = 0.0;      // relative_drift(flag_rate, baseline)
  double psi = 0.0;        // population_stability_index(reference, window scores)
};

struct MonitorWindow {
  std::string name;  // "last 5 days" ... "all new days" (with the input's unit)
  int64_t days = 0;  // rows in the window
  size_t first = 0;  // first row (index into the new rows)
  size_t last = 0;   // last row (the newest)
  WindowModel a, b;
  bool b_wins = false;  // B's drift is lower (a tie, or an undefined drift, goes to A)
};

enum class Recommendation { kUseModelA, kWatch, kRetrain, kUseModelB };
/// "USE MODEL A", "WATCH", "RETRAIN", "USE MODEL B".
const char* recommendation_name(Recommendation r);
/// The exit code a scheduler acts on: 0 USE MODEL A, 10 WATCH, 11 USE MODEL B, 12 RETRAIN.
int recommendation_exit_code(Recommendation r);

struct MonitorResult {
  std::vector<MonitorWindow> windows;  // the given lengths that fit, then "all new days"
  WindowModel headline_a, headline_b;  // the "all new days" window: the drift the rules read
  int64_t b_wins = 0;                  // windows B won
  double b_win_rate = 0.0;             // b_wins / windows
  Recommendation recommendation = Recommendation::kUseModelA;
  std::string rule;  // the rule that decided, in words with the figures
  int exit_code = 0;
};

/// Applies LIFECYCLE.md's rules in order: USE MODEL B (B wins at least b_win_share of the windows
/// and B's drift is under b_max_drift), RETRAIN (A's drift exceeds retrain_drift), WATCH (A's
/// drift at least watch_drift), USE MODEL A. Throws vixray::Error when there is no new row, the
/// rows differ in length, a window length is not > 0, the baseline rate is not > 0, or no new row
/// has a score (drift would be undefined).
MonitorResult monitor_models(const MonitorInput& input);

/// What a monitoring line records besides the result (the CLI computes hashes and dates).
struct MonitorRecord {
  std::string monitored_at;                         // ISO time of the run
  std::string kind;                                 // "market" or "ticker"
  std::string sha256_a, sha256_b;                   // the bundles' content_sha256
  std::vector<std::string> row_dates;               // date (or bar time) of each new row
  nlohmann::json extra = nlohmann::json::object();  // extra fields (ticker: market, interval)
};

/// The monitoring_history.jsonl line of LIFECYCLE.md, without previous_sha256 (append_history
/// sets it). Throws vixray::Error unless row_dates has one date per new row.
nlohmann::json monitoring_entry(const MonitorInput& input, const MonitorResult& result,
                                const MonitorRecord& record);

}  // namespace vixray
