// Per-market ticker models (seed 001): one Isolation Forest per market over the 14 technical
// indicators of ticker_feature_catalogue(), pooled over the tickers given, trained on daily or
// intraday bars of one interval.
//
// Scale-free features: the seed fed raw ATR, MACD, body and wicks, in the ticker's currency; a
// forest pooled over a yen and a dollar ticker would then isolate the high-priced ticker's bars.
// vixray divides those five (and MACD_hist) by the close (`price_relative`, default on); the
// others (returns, z-score, Bollinger width, RSI, VWAP distance, wick ratio) are already
// scale-free. README.md gives the measurement.
//
// Settings: a vixray-settings document (settings.hpp rules) with the keys below, resolved for
// the context {"market", "asset_class", "interval"}; the built-in one is
// default_ticker_settings_text(). Keys: contamination (seed 001: 0.01), n_trees (100),
// sample_size (256), seed (42), price_relative (true), calibration_knots (512), time_zone and
// sessions (market_hours.hpp JSON; overrides per market).
//
// Bundle: {"format":"vixray-ticker-model","format_version":"2.0", "version", "market",
// "interval", "interval_s", "daily", "hours", "tickers":[{ticker, asset_class, first, last,
// bars}], "training_rows", "contamination", "threshold", "feature_spec", "forest",
// "calibration", "settings", "content_sha256"} (the CLI hashes it as it hashes the ensemble
// bundle: model_io.hpp canonical_content). In 2.0 the forest and the calibration are typed arrays
// as in the ensemble bundle (model_io.hpp); 1.0 (JSON arrays of numbers) is still read.
#pragma once
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "vixray/data/bars.hpp"
#include "vixray/data/market_hours.hpp"
#include "vixray/ensemble/calibration.hpp"
#include "vixray/ensemble/settings.hpp"
#include "vixray/features/compute.hpp"
#include "vixray/features/spec.hpp"
#include "vixray/forest/forest.hpp"

namespace vixray {

constexpr const char* kTickerModelFormat = "vixray-ticker-model";

/// The built-in ticker settings document (vixray-settings format).
std::string_view default_ticker_settings_text();

struct TickerSettings {
  double contamination = 0.01;
  int32_t n_trees = 100;
  int32_t sample_size = 256;
  uint64_t seed = 42;
  bool price_relative = true;
  int32_t calibration_knots = 512;
  MarketHours hours;
  nlohmann::json resolved;
  /// Typed settings from resolved ones; `market` names the hours (upper-cased). Throws naming
  /// "ticker_settings.<key>" on a bad value.
  static TickerSettings from_resolved(const nlohmann::json& resolved,
                                      const std::string& market = "US");
};

/// Resolves the built-in settings and then a user's document (empty text = none; its keys
/// replace the built-in ones, the others stay) for a market ("US", "jp": names match
/// case-insensitively), an asset class and an interval name ("1d", "5m").
TickerSettings load_ticker_settings(std::string_view text, const std::string& market,
                                    const std::string& asset_class, const std::string& interval);

struct TickerInfo {
  std::string ticker;
  std::string asset_class = "equity";
  int64_t first = 0, last = 0;  // UTC seconds of the first and last bar
  int64_t bars = 0;
};

struct TickerModel {
  std::string version;  // vixray version that trained it
  std::string market;   // upper case
  int64_t interval_s = 86400;
  bool daily = true;
  MarketHours hours;
  FeatureSpec spec;
  IsolationForest forest;
  Calibration calibration;  // raw forest score -> share of training bars below
  double contamination = 0.01;
  /// A bar is flagged when its raw score is > threshold: the (1 - contamination) quantile of
  /// the training raw scores, type 7 (base/quantile.hpp, linear between order statistics).
  double threshold = 0.0;
  std::vector<TickerInfo> tickers;
  int64_t training_rows = 0;  // complete feature rows the forest was fitted on
  nlohmann::json settings;    // resolved settings
};

struct TickerTrainFile {
  Bars bars;
  std::string asset_class = "equity";
};

/// The model's indicators on every bar: compute_features over the "ticker.*" columns of the
/// bars (the frame is built here, so it does not depend on the ticker's name).
FeatureMatrix ticker_indicators(const FeatureSpec& spec, const Bars& bars);

/// Trains one market's model on the files (all of that market and interval; throws naming the
/// file otherwise, or when fewer than sample_size complete rows remain after warm-up).
TickerModel train_ticker_model(const std::vector<TickerTrainFile>& files,
                               const TickerSettings& settings);

/// The bundle without content_sha256; from_json reads it (extra fields ignored) and checks the
/// format version; errors name "ticker_model.<field>". Form 2.0 unless asked for 1.0.
nlohmann::json ticker_model_to_json(const TickerModel& model,
                                    BundleForm form = BundleForm::kPacked2);
TickerModel ticker_model_from_json(const nlohmann::json& bundle);

}  // namespace vixray
