// From market data to an Analysis: the one path the CLI and the browser both take.
//
//   Frame --(feature spec)--> FeatureMatrix --> AnalysisInput --(model)--> Analysis
//
// Training uses the market feature catalogue restricted to the frame's columns and stores the
// spec in the model, so scoring (natively or in WebAssembly) computes exactly the trained
// features. market.json is the Frame as JSON: the raw inputs the browser scores.
#pragma once
#include <nlohmann/json.hpp>
#include <string_view>

#include "vixray/analysis/analysis.hpp"
#include "vixray/data/frame.hpp"
#include "vixray/ensemble/input.hpp"
#include "vixray/ensemble/model.hpp"
#include "vixray/ensemble/settings.hpp"
#include "vixray/features/features.hpp"
#include "vixray/sim/simulate.hpp"

namespace vixray {

/// One input series as CSV text: name is spx, vix, vix9d, vix3m, vvix, skew or ticker.
struct SeriesText {
  std::string name;
  std::string source;  // file name for messages
  std::string text;
};

struct AlignedPrices {
  Frame frame;
  nlohmann::json report;  // {"reads": {name: read report}, "alignment": align report}
};

/// Reads every series (format detected from its header) and joins them on the trading days of
/// the primary series (spx, else ticker). Errors name the file, line and column.
AlignedPrices read_price_csvs(const std::vector<SeriesText>& inputs);

/// The CSV texts `vixray simulate` writes for these parameters (vix, spx, vix9d, vix3m, vvix,
/// skew), so simulated data reaches the model through the same readers as downloaded files.
std::vector<SeriesText> simulated_series(const SimulationParams& params);

/// Features of a frame plus the price columns the Analysis needs, owning its memory.
struct PreparedMarket {
  std::vector<Day> dates;
  FeatureMatrix features;
  std::vector<double> vix_close, spx_close;
  /// A view over this object (valid while it lives).
  AnalysisInput input() const;
};

/// Computes the spec's features on the frame; the frame must have vix.close and spx.close.
PreparedMarket prepare_market(const Frame& frame, const FeatureSpec& spec);

/// Trains the ensemble on a frame with the market catalogue restricted to its columns.
EnsembleModel train_market(const Frame& frame, const EnsembleSettings& settings);

/// The Analysis of a frame with a trained model (features from the model's spec).
Analysis analyze_market(const EnsembleModel& model, const Frame& frame);
/// The same when the prepared market is needed too (e.g. to explain a day afterwards); `run`
/// runs the detectors (analyze()).
Analysis analyze_market(const EnsembleModel& model, const PreparedMarket& prepared,
                        const TaskRunner& run = run_serially);

/// The model's feature spec (throws naming the problem if the model has none).
FeatureSpec model_feature_spec(const EnsembleModel& model);

/// The model's feature spec restricted to the features that detectors `detectors` (indices in
/// model order) read, in spec order: enough to score those detectors (detector_scores()) with
/// less work, e.g. in a second WebAssembly instance. Throws naming a detector that does not exist.
FeatureSpec detectors_feature_spec(const EnsembleModel& model,
                                   const std::vector<size_t>& detectors);

/// "What if tomorrow...": the frame with one more row on the next trading day after its last
/// day (NYSE calendar): VIX close = vix_close, S&P close = last close x (1 + spx_return_pct/100),
/// S&P open = last close, high/low = max/min of open and close, volume = last volume; other
/// series carry their last close forward, with NaN open/high/low (as on a missing day).
Frame extend_what_if(const Frame& frame, double vix_close, double spx_return_pct);

/// The series a dropped file holds, from its name: "vix9d", "vix3m", "vvix", "skew", "vix",
/// "spx" (spx, gspc, sp500, s&p) or "" when the name says nothing.
std::string series_name_from_file(const std::string& file_name);

constexpr const char* kMarketFormat = "vixray-market";

/// market.json: {"format":"vixray-market","format_version":"1.0","dates":["YYYY-MM-DD",...],
/// "columns":{"vix.close":[... numbers, null = missing],...}, "provenance": <given>}.
nlohmann::json frame_to_market_json(const Frame& frame, const nlohmann::json& provenance = nullptr);
/// Reads market.json back; validates format, dates and column lengths (errors name the field).
Frame frame_from_market_json(const nlohmann::json& document);
Frame load_market_json(std::string_view text);

}  // namespace vixray
