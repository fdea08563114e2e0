// Scoring ticker bars with a per-market model, the flagged bars (seed 001's anomaly records),
// incremental scoring of appended bars, and the anomalies document of `vixray ticker score`.
//
// Incremental = full: every feature is causal and computed in one forward pass
// (features/spec.hpp), so features are recomputed over the whole file and only the bars after
// the last scored one are passed through the forest; the result equals a full scoring bit for
// bit (native_tests/test_ticker_scores.cpp cuts the file at several points).
//
// anomalies.json: {"format":"vixray-ticker-anomalies","format_version":"1.0",
//   "model":{"market","interval","content_sha256"},"indicators":[14 names],
//   "tickers":[{"ticker","market","interval","bars","first","last","last_scored",
//               "time":[ISO...],"score":[0..1 or null]}],
//   "anomalies":[{"ticker","datetime","close","volume","status":"new","note":"","score",
//                 "raw_score","indicators":{name: value}}]}
// STATE: {"format":"vixray-ticker-state","format_version":"1.0","model_sha256",
//   "tickers":{"AAPL":{"last_scored":"2024-03-08T20:55:00Z","bars":1234}}}
#pragma once
#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "vixray/data/bars.hpp"
#include "vixray/ensemble/ticker_model.hpp"
#include "vixray/features/compute.hpp"

namespace vixray {

struct TickerScores {
  std::string ticker;
  FeatureMatrix features;     // every bar
  std::vector<double> raw;    // forest score per bar; NaN in warm-up or before from_row
  std::vector<double> score;  // calibrated to [0, 1]; NaN likewise
  std::vector<uint8_t> flagged;
  int64_t from_row = 0;
};

/// Computes features over all bars and scores rows >= from_row.
TickerScores score_ticker(const TickerModel& model, const Bars& bars, int64_t from_row = 0);

struct TickerAnomaly {
  std::string ticker;
  int64_t time = 0;  // UTC seconds
  double close = 0, volume = 0, score = 0, raw_score = 0;
  std::vector<double> indicators;  // model.spec order
  std::string status = "new";      // new | acknowledged | dismissed
  std::string note;
};

std::vector<TickerAnomaly> flagged_bars(const TickerModel& model, const Bars& bars,
                                        const TickerScores& scores);

/// Indicator overlays the ticker view draws: 20-bar VWAP and Bollinger bands (20, 2 sd).
struct TickerOverlays {
  std::vector<double> vwap, bb_mid, bb_upper, bb_lower;  // NaN in warm-up
};
TickerOverlays ticker_overlays(const Bars& bars);

/// One ticker's part of anomalies.json, and the whole document of one run. `previous` is the
/// document of the last run (null if none): earlier bars keep their scores, statuses and notes.
nlohmann::json ticker_anomalies_document(const TickerModel& model, const std::string& model_sha256,
                                         const std::vector<Bars>& bars,
                                         const std::vector<TickerScores>& scores,
                                         const nlohmann::json& previous);
/// The rows already scored for a ticker by `state` (0 if unknown): the index after the bar at
/// the state's last_scored; throws naming the ticker if the file no longer contains that bar.
int64_t resume_row(const nlohmann::json& state, const Bars& bars);
nlohmann::json ticker_state_document(const std::string& model_sha256,
                                     const std::vector<Bars>& bars);
/// Checks the format and fields of a state / anomalies document; errors name the field.
void check_ticker_state(const nlohmann::json& state);
void check_ticker_anomalies(const nlohmann::json& anomalies);

/// Seed 001's marker matching: each anomaly time to the nearest bar within the tolerance
/// (max(2 x interval, 15 min) intraday, 2 days for daily bars); -1 when none is that close.
int64_t match_tolerance_s(int64_t interval_s, bool daily);
std::vector<int64_t> match_to_bars(const std::vector<int64_t>& bar_times,
                                   const std::vector<int64_t>& anomaly_times, int64_t tolerance_s);

}  // namespace vixray
