// A feature spec: a declarative, serializable list of feature definitions (compute.hpp turns
// it into a feature matrix).
//
// Every feature is one FeatureDef = a kind (a primitive below) applied to an input column or
// series with fixed-width integer parameters. The spec is stored in the model bundle, so the
// browser (WebAssembly) computes exactly the features the model was trained on, bit for bit.
//
// No look-ahead: the value of a feature on row t depends only on rows <= t. Every kind is
// computed by one forward pass, so the bits on row t do not change when rows after t are added.
// Window sums use one fixed summation order (four interleaved partial sums), so native and
// WebAssembly give the same bits.
//
// NaN policy (tested in native_tests/test_features.cpp). NaN = missing; never zero-filled.
//   * Warm-up rows (not enough history yet) are NaN.
//   * Row-wise and lag kinds (level, ratio, change, return, gap, candles...) are NaN when any
//     value they read is missing.
//   * Windowed kinds skip missing values inside their window as long as at most w / 10 (rounded
//     down) of its w rows are missing: none for windows under 10 rows, 2 of 21, 6 of 63, 25 of
//     252; with more missing rows the output is NaN. The statistics then run over the finite
//     values (count n instead of w). A formula that uses today's value (z-score, distance,
//     percentile rank, drawdown, VWAP distance, spread) is NaN when today's value is missing.
//     This way a few days one series did not trade do not blank a 252-day feature for a year.
//   * Recursive kinds (EMA for MACD, Wilder smoothing for RSI and ATR) hold their state over a
//     missing input (that row's output is NaN) and continue with the next finite one; they are
//     seeded with the mean of their first w finite inputs.
//   * A result that is not finite (division by a zero mean, sd or range, the log of a
//     non-positive price) is NaN.
//
// Kinds (x = the `input` column, y = `input2`, w = window, L = lag; "sd" is always the SAMPLE
// standard deviation, divisor n - 1; "mean" and "sd" run over the w rows t-w+1..t, row t
// included; ln is vixray::detmath::log; history = rows needed before the first value):
//   level             x_t                                                         history 0
//   change            x_t - x_{t-L}                                               history L
//   return            x_t / x_{t-L} - 1                                           history L
//   log_change        ln x_t - ln x_{t-L}                                         history L
//   acceleration      g_t - g_{t-L}, g = log_change over L                        history 2L
//   mean_distance     x_t / mean_w(x) - 1                                         history w-1
//   zscore            (x_t - mean_w(x)) / sd_w(x)                                 history w-1
//   percentile_rank   (#{x_j < x_t} + (#{x_j == x_t} + 1) / 2) / n over the n finite values of
//                     the window (pandas rank(pct=True), ties averaged; x_t counts itself)
//                                                                                 history w-1
//   momentum_zscore   zscore over w of g = log_change over L                      history L+w-1
//   realized_vol      100 sqrt(252) sd_w(ln x_j - ln x_{j-1}): annualised percent  history w
//   drawdown          x_t / max_w(x) - 1 (<= 0)                                   history w-1
//   bollinger_width   (upper - lower) / middle = 4 sd_w(x) / mean_w(x) (2-sd bands) history w-1
//   rsi               Wilder RSI = 100 A+ / (A+ + A-) (= 100 - 100 / (1 + RS)); A+- are Wilder
//                     averages of gains/losses of x_t - x_{t-1}, seeded with the simple mean of
//                     the first w changes, then A_t = (A_{t-1} (w - 1) + v_t) / w; 50 when both
//                     averages are 0                                              history w
//   macd              EMA_w(x) - EMA_w2(x) (12/26); EMA seeded with the simple mean of its first
//                     w values, then E_t = E_{t-1} + a (x_t - E_{t-1}), a = 2 / (w + 1)
//                                                                                 history w2-1
//   macd_hist         macd - EMA_w3(macd) (signal 9, seeded the same way)       history w2+w3-2
//   ratio             x_t / y_t                                                   history 0
//   correlation       Pearson correlation over w of the 1-day log changes of x and y
//                                                                                 history w
//   vrp_spread        x_t - realized_vol_w(y)_t (VIX minus realized S&P vol, vol points)
//                                                                                 history w
// Kinds on a series s (input = "spx", "vix", "ticker"; uses s.open/high/low/close/volume):
//   gap               open_t / close_{t-1} - 1                                    history 1
//   atr               Wilder average of the true range max(h - l, |h - c_{t-1}|, |l - c_{t-1}|),
//                     seeded with the mean of the first w true ranges              history w
//   garman_klass      100 sqrt(252 mean_w(0.5 ln(h/l)^2 - (2 ln 2 - 1) ln(c/o)^2))
//                     (annualised percent; a negative mean, impossible for consistent OHLC,
//                     counts as 0)                                                history w-1
//   candle_body       |c - o|                                                     history 0
//   candle_upper_wick h - max(o, c)                                               history 0
//   candle_lower_wick min(o, c) - l                                               history 0
//   candle_wick_ratio (upper wick + lower wick) / (h - l), in [0, 1]; 0 when h == l history 0
//   vwap_distance     c_t / VWAP_w - 1, VWAP_w = sum(tp v) / sum(v), tp = (h + l + c) / 3
//                                                                                 history w-1
// `relative` = 1 divides the price-unit kinds (macd, macd_hist, atr, candle_body,
// candle_upper_wick, candle_lower_wick) by the same day's close, so they compare across decades.
#pragma once
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace vixray {

struct FeatureDef {
  std::string name;      // unique and descriptive, e.g. "vix_zscore_63d"
  std::string kind;      // one of feature_kinds()
  std::string input;     // a column ("vix.close"), or a series ("spx") for the OHLC kinds
  std::string input2;    // the second column of ratio, correlation and vrp_spread; else empty
  std::string domain;    // grouping tag for the detector catalogue, e.g. "vix_mean_reversion"
  int32_t window = 0;    // rows (trading days); the fast EMA for macd/macd_hist
  int32_t window2 = 0;   // the slow EMA for macd/macd_hist
  int32_t window3 = 0;   // the signal EMA for macd_hist
  int32_t lag = 0;       // rows, for change/return/log_change/acceleration/momentum_zscore
  int32_t relative = 0;  // 1: divide a price-unit kind by the day's close (see above)
  std::string label;     // for people, e.g. "S&P 500 RSI, 14 days" (feature_label by default)
};

struct FeatureSpec {
  std::vector<FeatureDef> features;
  std::vector<std::string> names() const;
};

/// The kinds compute_features knows, in a stable order.
const std::vector<std::string>& feature_kinds();

/// Checks a definition on its own (known kind, name, input form, parameter ranges); throws
/// vixray::Error naming the feature, the field, the value and what was expected.
void validate_feature_def(const FeatureDef& def);
/// Checks every definition and that names are unique.
void validate_feature_spec(const FeatureSpec& spec);

/// The frame columns a feature reads, e.g. {"spx.open", "spx.close"} for a gap.
std::vector<std::string> required_columns(const FeatureDef& def);
/// Rows of history needed before the first value on clean data (the "history" column above):
/// with no NaN in the inputs, the first non-NaN row of the feature is exactly this.
int32_t min_history(const FeatureDef& def);

/// A one-line human description with units, for reports and the page, e.g.
/// "z-score of vix.close against its 63-day mean (sample sd)".
std::string describe_feature(const FeatureDef& def);

/// The label a page shows for a feature, from its kind, inputs and windows: "VIX z-score, 63
/// days", "VIX / VIX3M", "S&P 500 RSI, 14 days" (labels.cpp). Throws for an unknown kind.
std::string feature_label(const FeatureDef& def);

/// JSON form: {"features": [{"name":..., "kind":..., "domain":..., "input":..., "window":63}]}.
/// Fields at their default (empty string, 0) are left out. A missing "label" reads as
/// feature_label() of the definition.
void to_json(nlohmann::json& j, const FeatureDef& def);
void to_json(nlohmann::json& j, const FeatureSpec& spec);
/// Reads the JSON form (an object with "features", or a bare array of definitions) and
/// validates it. Unknown fields are ignored. Errors name `source`, the feature index and name.
FeatureSpec feature_spec_from_json(const nlohmann::json& j, const std::string& source);
/// Parses JSON text, then feature_spec_from_json.
FeatureSpec parse_feature_spec(std::string_view text, const std::string& source);
/// Pretty JSON text (2-space indent) of a spec.
std::string dump_feature_spec(const FeatureSpec& spec);

}  // namespace vixray
