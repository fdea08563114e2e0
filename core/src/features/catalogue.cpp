#include "vixray/features/catalogue.hpp"

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

namespace vixray {
namespace {

// ---- catalogue helpers -----------------------------------------------------------------------

FeatureDef def(std::string name, std::string kind, std::string input, std::string domain) {
  FeatureDef d;
  d.name = std::move(name);
  d.kind = std::move(kind);
  d.input = std::move(input);
  d.domain = std::move(domain);
  return d;
}

FeatureDef windowed(std::string name, std::string kind, std::string input, int32_t window,
                    std::string domain) {
  FeatureDef d = def(std::move(name), std::move(kind), std::move(input), std::move(domain));
  d.window = window;
  return d;
}

FeatureDef lagged_def(std::string name, std::string kind, std::string input, int32_t lag,
                      std::string domain) {
  FeatureDef d = def(std::move(name), std::move(kind), std::move(input), std::move(domain));
  d.lag = lag;
  return d;
}

FeatureDef two_inputs(std::string name, std::string kind, std::string input, std::string input2,
                      int32_t window, std::string domain) {
  FeatureDef d =
      windowed(std::move(name), std::move(kind), std::move(input), window, std::move(domain));
  d.input2 = std::move(input2);
  return d;
}

FeatureDef macd_def(std::string name, bool hist, std::string input, int32_t relative,
                    std::string domain) {
  FeatureDef d =
      def(std::move(name), hist ? "macd_hist" : "macd", std::move(input), std::move(domain));
  d.window = 12;
  d.window2 = 26;
  d.window3 = hist ? 9 : 0;
  d.relative = relative;
  return d;
}

FeatureDef relative_def(FeatureDef d, int32_t relative) {
  d.relative = relative;
  return d;
}

// The VIX-side domains of the market catalogue, appended to `f` in catalogue order.
void add_vix_features(std::vector<FeatureDef>& f, const std::string& vix) {
  // VIX mean reversion: how far the VIX sits from its own recent levels.
  std::string dom = "vix_mean_reversion";
  f.push_back(def("vix_level", "level", vix, dom));
  for (int32_t w : {10, 21, 63})
    f.push_back(
        windowed("vix_mean_distance_" + std::to_string(w) + "d", "mean_distance", vix, w, dom));
  for (int32_t w : {63, 126, 252})
    f.push_back(windowed("vix_zscore_" + std::to_string(w) + "d", "zscore", vix, w, dom));
  f.push_back(windowed("vix_percentile_252d", "percentile_rank", vix, 252, dom));
  // VIX momentum: speed and acceleration of VIX moves.
  dom = "vix_momentum";
  for (int32_t l : {1, 5, 10, 21})
    f.push_back(lagged_def("vix_log_change_" + std::to_string(l) + "d", "log_change", vix, l, dom));
  for (int32_t l : {1, 5})
    f.push_back(
        lagged_def("vix_acceleration_" + std::to_string(l) + "d", "acceleration", vix, l, dom));
  const std::pair<int32_t, int32_t> lag_windows[] = {{1, 63}, {5, 63}, {21, 252}};
  for (const auto& lw : lag_windows) {
    FeatureDef d = windowed(
        "vix_momentum_zscore_" + std::to_string(lw.first) + "d_" + std::to_string(lw.second) + "d",
        "momentum_zscore", vix, lw.second, dom);
    d.lag = lw.first;
    f.push_back(d);
  }
  // Volatility of volatility: realized vol of the VIX itself, and VVIX when present.
  dom = "vol_of_vol";
  for (int32_t w : {10, 21, 63})
    f.push_back(windowed("vix_vol_of_vol_" + std::to_string(w) + "d", "realized_vol", vix, w, dom));
  f.push_back(def("vvix_level", "level", "vvix.close", dom));
  f.push_back(windowed("vvix_zscore_63d", "zscore", "vvix.close", 63, dom));
  // Term structure (needs VIX9D / VIX3M): ratios above 1 mean an inverted curve.
  dom = "vix_term_structure";
  f.push_back(two_inputs("vix9d_vix_ratio", "ratio", "vix9d.close", vix, 0, dom));
  f.push_back(two_inputs("vix_vix3m_ratio", "ratio", vix, "vix3m.close", 0, dom));
  f.push_back(two_inputs("vix9d_vix3m_ratio", "ratio", "vix9d.close", "vix3m.close", 0, dom));
  // Tail risk (needs SKEW).
  dom = "tail_risk";
  f.push_back(def("skew_level", "level", "skew.close", dom));
  f.push_back(lagged_def("skew_change_5d", "change", "skew.close", 5, dom));
  f.push_back(windowed("skew_zscore_63d", "zscore", "skew.close", 63, dom));
}

// The S&P 500 domains and the VIX/S&P relationship, appended to `f` in catalogue order.
void add_spx_features(std::vector<FeatureDef>& f, const std::string& vix, const std::string& spx) {
  // S&P 500 price action.
  std::string dom = "spx_price_action";
  for (int32_t l : {1, 3, 5, 10, 21})
    f.push_back(lagged_def("spx_return_" + std::to_string(l) + "d", "return", spx, l, dom));
  f.push_back(windowed("spx_zscore_20d", "zscore", spx, 20, dom));
  f.push_back(def("spx_gap", "gap", "spx", dom));
  f.push_back(windowed("spx_rsi_14", "rsi", spx, 14, dom));
  // Trend and drawdown. MACD is divided by the close so 1990 and 2018 compare.
  dom = "spx_trend";
  for (int32_t w : {20, 50, 200})
    f.push_back(
        windowed("spx_mean_distance_" + std::to_string(w) + "d", "mean_distance", spx, w, dom));
  f.push_back(windowed("spx_drawdown_252d", "drawdown", spx, 252, dom));
  f.push_back(macd_def("spx_macd_rel_12_26", false, spx, 1, dom));
  f.push_back(macd_def("spx_macd_hist_rel_12_26_9", true, spx, 1, dom));
  // Realized volatility (annualised percent) and range measures.
  dom = "spx_volatility";
  for (int32_t w : {10, 21, 63})
    f.push_back(
        windowed("spx_realized_vol_" + std::to_string(w) + "d", "realized_vol", spx, w, dom));
  f.push_back(windowed("spx_garman_klass_21d", "garman_klass", "spx", 21, dom));
  f.push_back(relative_def(windowed("spx_atr_rel_14", "atr", "spx", 14, dom), 1));
  f.push_back(windowed("spx_bollinger_width_20d", "bollinger_width", spx, 20, dom));
  // Candles (as fractions of the close) and volume.
  dom = "spx_candles_volume";
  f.push_back(relative_def(def("spx_candle_body_rel", "candle_body", "spx", dom), 1));
  f.push_back(relative_def(def("spx_upper_wick_rel", "candle_upper_wick", "spx", dom), 1));
  f.push_back(relative_def(def("spx_lower_wick_rel", "candle_lower_wick", "spx", dom), 1));
  f.push_back(def("spx_wick_ratio", "candle_wick_ratio", "spx", dom));
  for (int32_t w : {20, 63})
    f.push_back(
        windowed("spx_volume_zscore_" + std::to_string(w) + "d", "zscore", "spx.volume", w, dom));
  f.push_back(windowed("spx_volume_vs_mean_20d", "mean_distance", "spx.volume", 20, dom));
  f.push_back(windowed("spx_vwap_distance_20d", "vwap_distance", "spx", 20, dom));
  // VIX against what the S&P actually did.
  dom = "vix_spx_relationship";
  f.push_back(two_inputs("vix_realized_spread_21d", "vrp_spread", vix, spx, 21, dom));
  for (int32_t w : {21, 63})
    f.push_back(two_inputs("spx_vix_correlation_" + std::to_string(w) + "d", "correlation", spx,
                           vix, w, dom));
}

// The catalogue's definitions with their labels (feature_label).
FeatureSpec labelled(std::vector<FeatureDef> features) {
  for (auto& d : features) d.label = feature_label(d);
  return FeatureSpec{std::move(features)};
}

}  // namespace

FeatureSpec market_feature_catalogue() {
  std::vector<FeatureDef> f;
  const std::string vix = "vix.close", spx = "spx.close";
  add_vix_features(f, vix);
  add_spx_features(f, vix, spx);
  return labelled(std::move(f));
}

FeatureSpec available_features(const FeatureSpec& spec, const std::vector<std::string>& columns) {
  FeatureSpec out;
  for (const auto& d : spec.features) {
    bool present = true;
    for (const auto& c : required_columns(d))
      present = present && std::find(columns.begin(), columns.end(), c) != columns.end();
    if (present) out.features.push_back(d);
  }
  return out;
}

FeatureSpec market_feature_catalogue(const std::vector<std::string>& columns) {
  return available_features(market_feature_catalogue(), columns);
}

FeatureSpec market_feature_catalogue(const Frame& frame) {
  return market_feature_catalogue(frame.names());
}

FeatureSpec ticker_feature_catalogue(bool price_relative) {
  const int32_t rel = price_relative ? 1 : 0;
  const std::string close = "ticker.close";
  std::vector<FeatureDef> f;
  std::string dom = "ticker_momentum";
  for (int32_t l : {1, 3, 6})
    f.push_back(lagged_def("return_" + std::to_string(l), "return", close, l, dom));
  f.push_back(windowed("zscore_20", "zscore", close, 20, dom));
  dom = "ticker_volatility";
  f.push_back(relative_def(windowed("ATR_14", "atr", "ticker", 14, dom), rel));
  f.push_back(windowed("bb_width", "bollinger_width", close, 20, dom));
  dom = "ticker_oscillators";
  f.push_back(windowed("RSI", "rsi", close, 14, dom));
  f.push_back(macd_def("MACD", false, close, rel, dom));
  f.push_back(macd_def("MACD_hist", true, close, rel, dom));
  dom = "ticker_volume_price";
  f.push_back(windowed("VWAP", "vwap_distance", "ticker", 20, dom));
  f.push_back(relative_def(def("body", "candle_body", "ticker", dom), rel));
  f.push_back(relative_def(def("upper_wick", "candle_upper_wick", "ticker", dom), rel));
  f.push_back(relative_def(def("lower_wick", "candle_lower_wick", "ticker", dom), rel));
  f.push_back(def("wick_ratio", "candle_wick_ratio", "ticker", dom));
  return labelled(std::move(f));
}

}  // namespace vixray
