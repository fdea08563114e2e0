// Human labels of features, written for a risk analyst ("S&P 500 RSI, 14 days", "VIX / VIX3M"),
// from a definition's kind, inputs and windows. The catalogues store them in their specs, so a
// model's bundle carries the labels its page shows; a spec may give its own "label".
#include <string>

#include "vixray/base/error.hpp"
#include "vixray/features/spec.hpp"

namespace vixray {

namespace {

std::string series_label(const std::string& series) {
  if (series == "spx") return "S&P 500";
  if (series == "ticker") return "Price";
  std::string upper = series;
  for (char& c : upper)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return upper;  // vix -> VIX, vix9d -> VIX9D, vvix -> VVIX, skew -> SKEW
}

// "vix.close" -> "VIX", "spx.volume" -> "S&P 500 volume".
std::string column_label(const std::string& column) {
  const size_t dot = column.find('.');
  const std::string series = series_label(column.substr(0, dot));
  const std::string field = dot == std::string::npos ? "" : column.substr(dot + 1);
  if (field.empty() || field == "close") return series;
  if (field == "adj_close") return series + " adjusted close";
  return series + " " + field;
}

std::string days(int32_t n) { return std::to_string(n) + (n == 1 ? " day" : " days"); }

std::string per_close(const FeatureDef& d) { return d.relative ? " (share of the close)" : ""; }

// Kinds of one column (x) or two (x, y).
std::string column_kind_label(const FeatureDef& d, const std::string& x, const std::string& y) {
  const std::string& k = d.kind;
  if (k == "level") return x;
  if (k == "change") return x + " change, " + days(d.lag);
  if (k == "return") return x + " return, " + days(d.lag);
  if (k == "log_change") return x + " log change, " + days(d.lag);
  if (k == "acceleration") return x + " acceleration, " + days(d.lag);
  if (k == "mean_distance") return x + " vs its " + std::to_string(d.window) + "-day mean";
  if (k == "zscore") return x + " z-score, " + days(d.window);
  if (k == "percentile_rank") return x + " percentile, " + days(d.window);
  if (k == "momentum_zscore")
    return x + " " + std::to_string(d.lag) + "-day momentum z-score, " + days(d.window);
  // The realized volatility of a volatility index is the volatility of volatility.
  if (k == "realized_vol" && d.input.find("vix") != std::string::npos)
    return "Volatility of the " + x + ", " + days(d.window);
  if (k == "realized_vol") return x + " realized volatility, " + days(d.window);
  if (k == "drawdown") return x + " drawdown from its " + std::to_string(d.window) + "-day high";
  if (k == "bollinger_width") return x + " Bollinger width, " + days(d.window);
  if (k == "rsi") return x + " RSI, " + days(d.window);
  if (k == "macd")
    return x + " MACD " + std::to_string(d.window) + "/" + std::to_string(d.window2) + per_close(d);
  if (k == "macd_hist")
    return x + " MACD histogram " + std::to_string(d.window) + "/" + std::to_string(d.window2) +
           "/" + std::to_string(d.window3) + per_close(d);
  if (k == "ratio") return x + " / " + y;
  if (k == "correlation") return x + "–" + y + " correlation, " + days(d.window);
  if (k == "vrp_spread") return x + " minus " + y + " realized volatility, " + days(d.window);
  return "";
}

// Kinds of a series' bars (s = the series).
std::string series_kind_label(const FeatureDef& d, const std::string& s) {
  const std::string& k = d.kind;
  if (k == "gap") return s + " opening gap";
  if (k == "atr") return s + " average true range, " + days(d.window) + per_close(d);
  if (k == "garman_klass") return s + " Garman-Klass volatility, " + days(d.window);
  if (k == "candle_body") return s + " candle body" + per_close(d);
  if (k == "candle_upper_wick") return s + " upper wick" + per_close(d);
  if (k == "candle_lower_wick") return s + " lower wick" + per_close(d);
  if (k == "candle_wick_ratio") return s + " wicks as a share of the range";
  if (k == "vwap_distance") return s + " vs its " + std::to_string(d.window) + "-day VWAP";
  return "";
}

}  // namespace

std::string feature_label(const FeatureDef& d) {
  const bool series_input = d.input.find('.') == std::string::npos;
  const std::string label =
      series_input ? series_kind_label(d, series_label(d.input))
                   : column_kind_label(d, column_label(d.input), column_label(d.input2));
  if (label.empty())
    throw Error("feature \"" + d.name + "\": no label for kind \"" + d.kind + "\"");
  return label;
}

}  // namespace vixray
