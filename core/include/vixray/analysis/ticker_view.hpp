// What the page's ticker view draws for one bar file (issue 12 item 4), computed by the core so
// the page computes no figure of its own: the bars and their local-time labels (the market's
// wall time: a category axis of these labels collapses nights, lunch breaks and weekends), the
// overlays, every bar's score and flag, the markers (flagged bars and any extra anomaly times,
// e.g. imported review entries, matched to bars as seed 001 does), the count of anomalies no
// bar matched, the bar check against the market's sessions, and the TreeSHAP explanation of
// one bar.
//
// Routing (seed 001): the file name gives the ticker ("7203.T.csv" -> 7203.T -> JP), the model
// is the one of that market among those given; a file whose market has no model is an error
// naming the models present. A file that names its own ticker (yfinance's Ticker row, stooq's
// long form) is routed by that ticker.
#pragma once
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "vixray/analysis/ticker_scores.hpp"
#include "vixray/data/bars.hpp"
#include "vixray/data/market_hours.hpp"
#include "vixray/ensemble/ticker_model.hpp"

namespace vixray {

struct TickerMarker {
  int64_t bar = 0;       // index of the matched bar
  double price = 0.0;    // that bar's close (seed 001's y value)
  int64_t time = 0;      // UTC seconds of the anomaly as given (before matching)
  bool flagged = false;  // true: a bar the model flagged; false: an extra time (e.g. a review)
};

struct TickerView {
  std::string source;  // the file name given
  std::string format;  // the reader's format name (bars.hpp)
  ReadReport report;
  Bars bars;
  std::string market;               // the routed model's market
  std::string interval;             // the model's interval name ("5m", "1d")
  std::vector<std::string> labels;  // local wall time of each bar (format_local_time)
  std::vector<std::string> times;   // UTC form of each bar (format_bar_time), the review key
  TickerOverlays overlays;
  TickerScores scores;
  BarCheck check;
  std::vector<TickerMarker> markers;  // flagged bars first (bar order), then extras (given order)
  int64_t unmatched = 0;              // extra times with no bar within the tolerance
  int64_t tolerance_s = 0;            // match_tolerance_s of the bars
};

/// The model of a ticker's market (market_of_ticker) among `models`; throws naming the source,
/// the ticker, its market and the markets present when there is none.
const TickerModel& model_for_ticker(const std::vector<TickerModel>& models,
                                    const std::string& ticker, const std::string& source);

/// Anomaly times as review entries write them (format_bar_time; parse_bar_time forms, a time
/// without offset read in `tz`); throws naming `what`, the index and the text.
std::vector<int64_t> parse_anomaly_times(const std::vector<std::string>& texts, const PosixTz& tz,
                                         const std::string& what);

/// Reads one bar CSV, routes it to its model, scores it and matches the markers.
TickerView ticker_view(const std::vector<TickerModel>& models, std::string_view csv_text,
                       const std::string& file_name, const std::vector<int64_t>& extra_times = {});

/// The markers again for other extra times (the bars and scores unchanged).
void match_ticker_markers(TickerView& view, const std::vector<int64_t>& extra_times);

/// The view without its per-bar arrays: {"source","format","ticker","market","interval",
/// "daily","bars","first","last","report","check","markers":[{"bar","price","datetime",
/// "flagged"}],"flagged","unmatched","tolerance_s","labels":[...],"times":[...]}.
nlohmann::json ticker_view_json(const TickerView& view);

/// TreeSHAP explanation of one bar by the view's model: {"bar","datetime","label","score",
/// "raw_score","flagged","available","unit","expected_value","path_length","output",
/// "features":[{"feature","indicator","value"}]} with value = -phi (positive = pushed the bar
/// towards anomalous), largest |value| first; a warm-up bar has "available": false and no
/// features. Throws for a bar index outside the view.
nlohmann::json explain_ticker_bar(const TickerModel& model, const TickerView& view, int64_t bar);

}  // namespace vixray
