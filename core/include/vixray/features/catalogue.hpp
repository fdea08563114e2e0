// The built-in feature catalogues: the VIX/S&P market catalogue and the seed-001 ticker
// indicators.
#pragma once
#include <string>
#include <vector>

#include "vixray/data/frame.hpp"
#include "vixray/features/spec.hpp"

namespace vixray {

/// The full VIX/S&P catalogue of issue 3 (every optional series included), with domain tags:
/// vix_mean_reversion, vix_momentum, vol_of_vol, vix_term_structure, tail_risk,
/// spx_price_action, spx_trend, spx_volatility, spx_candles_volume, vix_spx_relationship.
/// VIX open/high/low are not used (close-only before 1992 and unreliable opens before 2007).
FeatureSpec market_feature_catalogue();
/// The catalogue restricted to features whose columns are present (the rest are omitted; the
/// consumer reports coverage against the full catalogue).
FeatureSpec market_feature_catalogue(const std::vector<std::string>& columns);
FeatureSpec market_feature_catalogue(const Frame& frame);
/// The features of `spec` whose required columns are all among `columns`, in spec order.
FeatureSpec available_features(const FeatureSpec& spec, const std::vector<std::string>& columns);

/// The 14 technical indicators of seed 001 on the "ticker.*" columns, with the seed's names:
/// return_1, return_3, return_6, zscore_20, ATR_14, bb_width, RSI, MACD, MACD_hist, VWAP, body,
/// upper_wick, lower_wick, wick_ratio. price_relative = true divides the price-unit ones (ATR,
/// MACD, MACD_hist, body, wicks) by the close (better for long histories; the seed used raw
/// prices, the default here).
FeatureSpec ticker_feature_catalogue(bool price_relative = false);

}  // namespace vixray
