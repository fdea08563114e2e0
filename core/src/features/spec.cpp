#include "vixray/features/spec.hpp"

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "internal.hpp"
#include "vixray/base/error.hpp"
#include "vixray/data/json_fields.hpp"

namespace vixray {
namespace feature_internal {

std::string where(const FeatureDef& def) { return "feature \"" + def.name + "\""; }

}  // namespace feature_internal

namespace {

using feature_internal::where;

constexpr int32_t kMaxWindow = 100000;

// ---- kind table ------------------------------------------------------------------------------

struct KindInfo {
  const char* name;
  bool series_input;  // input is a series ("spx"), not a column ("spx.close")
  bool input2, window, window2, window3, lag, relative;  // which parameters the kind uses
};

// Stable order: this is feature_kinds().
const KindInfo kKinds[] = {
    // name              series input2 window window2 window3 lag  relative
    {"level", false, false, false, false, false, false, false},
    {"change", false, false, false, false, false, true, false},
    {"return", false, false, false, false, false, true, false},
    {"log_change", false, false, false, false, false, true, false},
    {"acceleration", false, false, false, false, false, true, false},
    {"mean_distance", false, false, true, false, false, false, false},
    {"zscore", false, false, true, false, false, false, false},
    {"percentile_rank", false, false, true, false, false, false, false},
    {"momentum_zscore", false, false, true, false, false, true, false},
    {"realized_vol", false, false, true, false, false, false, false},
    {"drawdown", false, false, true, false, false, false, false},
    {"bollinger_width", false, false, true, false, false, false, false},
    {"rsi", false, false, true, false, false, false, false},
    {"macd", false, false, true, true, false, false, true},
    {"macd_hist", false, false, true, true, true, false, true},
    {"ratio", false, true, false, false, false, false, false},
    {"correlation", false, true, true, false, false, false, false},
    {"vrp_spread", false, true, true, false, false, false, false},
    {"gap", true, false, false, false, false, false, false},
    {"atr", true, false, true, false, false, false, true},
    {"garman_klass", true, false, true, false, false, false, false},
    {"candle_body", true, false, false, false, false, false, true},
    {"candle_upper_wick", true, false, false, false, false, false, true},
    {"candle_lower_wick", true, false, false, false, false, false, true},
    {"candle_wick_ratio", true, false, false, false, false, false, false},
    {"vwap_distance", true, false, true, false, false, false, false},
};

const KindInfo* find_kind(const std::string& kind) {
  for (const auto& k : kKinds)
    if (kind == k.name) return &k;
  return nullptr;
}

void check_param(const FeatureDef& def, const char* field, int32_t value, bool used,
                 int32_t minimum) {
  if (!used) {
    if (value != 0)
      throw Error(where(def) + ": field \"" + field + "\" is not used by kind \"" + def.kind +
                  "\" (got " + std::to_string(value) + ", expected it absent or 0)");
    return;
  }
  if (value < minimum || value > kMaxWindow)
    throw Error(where(def) + ": field \"" + field + "\" of kind \"" + def.kind +
                "\": expected an integer in [" + std::to_string(minimum) + ", " +
                std::to_string(kMaxWindow) + "], got " + std::to_string(value));
}

bool valid_name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '.' || c == '-';
}

// ---- JSON: optional fields (absent or null) read as their defaults ---------------------------

std::string optional_string(const JsonFields& j, const char* key) {
  return j.has_value(key) ? j.string(key) : std::string();
}

int32_t optional_int(const JsonFields& j, const char* key) {
  return j.has_value(key) ? static_cast<int32_t>(j.integer(key, std::numeric_limits<int32_t>::min(),
                                                           std::numeric_limits<int32_t>::max()))
                          : 0;
}

FeatureDef feature_def_from_json(const JsonFields& item) {
  FeatureDef d;
  d.name = item.string("name");
  d.kind = item.string("kind");
  d.input = item.string("input");
  d.input2 = optional_string(item, "input2");
  d.domain = optional_string(item, "domain");
  d.window = optional_int(item, "window");
  d.window2 = optional_int(item, "window2");
  d.window3 = optional_int(item, "window3");
  d.lag = optional_int(item, "lag");
  d.relative = optional_int(item, "relative");
  d.label = optional_string(item, "label");
  return d;
}

}  // namespace

// ---- public API ------------------------------------------------------------------------------

std::vector<std::string> FeatureSpec::names() const {
  std::vector<std::string> out;
  out.reserve(features.size());
  for (const auto& f : features) out.push_back(f.name);
  return out;
}

const std::vector<std::string>& feature_kinds() {
  static const std::vector<std::string> kinds = [] {
    std::vector<std::string> out;
    for (const auto& k : kKinds) out.emplace_back(k.name);
    return out;
  }();
  return kinds;
}

void validate_feature_def(const FeatureDef& d) {
  if (d.name.empty()) throw Error("feature (kind \"" + d.kind + "\"): missing field \"name\"");
  for (char c : d.name)
    if (!valid_name_char(c))
      throw Error(where(d) + ": name: expected letters, digits, '_', '.' or '-', got \"" +
                  std::string(1, c) + "\"");
  const KindInfo* k = find_kind(d.kind);
  if (!k) {
    std::string known;
    for (const auto& name : feature_kinds()) known += (known.empty() ? "" : ", ") + name;
    throw Error(where(d) + ": unknown kind \"" + d.kind + "\" (known kinds: " + known + ")");
  }
  const auto check_input = [&](const std::string& value, const char* field) {
    const size_t dot = value.find('.');
    if (k->series_input) {
      if (value.empty() || dot != std::string::npos)
        throw Error(where(d) + ": field \"" + field + "\" of kind \"" + d.kind +
                    "\": expected a series name such as \"spx\", got \"" + value + "\"");
    } else if (dot == std::string::npos || dot == 0 || dot + 1 == value.size()) {
      throw Error(where(d) + ": field \"" + field + "\" of kind \"" + d.kind +
                  "\": expected a column \"<series>.<field>\" such as \"vix.close\", got \"" +
                  value + "\"");
    }
  };
  check_input(d.input, "input");
  if (k->input2) {
    check_input(d.input2, "input2");
  } else if (!d.input2.empty()) {
    throw Error(where(d) + ": field \"input2\" is not used by kind \"" + d.kind + "\" (got \"" +
                d.input2 + "\")");
  }
  check_param(d, "window", d.window, k->window, 2);
  check_param(d, "window2", d.window2, k->window2, 2);
  check_param(d, "window3", d.window3, k->window3, 2);
  check_param(d, "lag", d.lag, k->lag, 1);
  if (k->relative) {
    if (d.relative != 0 && d.relative != 1)
      throw Error(where(d) + ": field \"relative\": expected 0 or 1, got " +
                  std::to_string(d.relative));
  } else {
    check_param(d, "relative", d.relative, false, 0);
  }
  if (k->window2 && d.window >= d.window2)
    throw Error(where(d) + ": expected window (fast EMA, " + std::to_string(d.window) +
                ") < window2 (slow EMA, " + std::to_string(d.window2) + ")");
}

void validate_feature_spec(const FeatureSpec& spec) {
  for (size_t i = 0; i < spec.features.size(); ++i) {
    validate_feature_def(spec.features[i]);
    for (size_t j = 0; j < i; ++j)
      if (spec.features[j].name == spec.features[i].name)
        throw Error("feature spec: duplicate feature name \"" + spec.features[i].name +
                    "\" (features " + std::to_string(j) + " and " + std::to_string(i) + ")");
  }
}

std::vector<std::string> required_columns(const FeatureDef& d) {
  const KindInfo* k = find_kind(d.kind);
  if (!k) throw Error(where(d) + ": unknown kind \"" + d.kind + "\"");
  if (!k->series_input) {
    std::vector<std::string> out{d.input};
    if (k->input2) out.push_back(d.input2);
    return out;
  }
  const std::string& s = d.input;
  if (d.kind == "gap") return {s + ".open", s + ".close"};
  if (d.kind == "atr") return {s + ".high", s + ".low", s + ".close"};
  if (d.kind == "vwap_distance") return {s + ".high", s + ".low", s + ".close", s + ".volume"};
  return {s + ".open", s + ".high", s + ".low", s + ".close"};
}

int32_t min_history(const FeatureDef& d) {
  const std::string& k = d.kind;
  if (k == "level" || k == "ratio" || k.rfind("candle_", 0) == 0) return 0;
  if (k == "change" || k == "return" || k == "log_change") return d.lag;
  if (k == "acceleration") return 2 * d.lag;
  if (k == "momentum_zscore") return d.lag + d.window - 1;
  if (k == "realized_vol" || k == "rsi" || k == "correlation" || k == "vrp_spread" || k == "atr")
    return d.window;
  if (k == "macd") return d.window2 - 1;
  if (k == "macd_hist") return d.window2 + d.window3 - 2;
  if (k == "gap") return 1;
  if (!find_kind(k)) throw Error(where(d) + ": unknown kind \"" + k + "\"");
  return d.window - 1;  // the plain windowed kinds
}

std::string describe_feature(const FeatureDef& d) {
  const std::string& k = d.kind;
  const std::string x = d.input, y = d.input2;
  const std::string w = std::to_string(d.window), lag = std::to_string(d.lag);
  const std::string per_close = d.relative ? ", as a fraction of the close" : "";
  if (k == "level") return x;
  if (k == "change") return "change of " + x + " over " + lag + " days";
  if (k == "return") return "return of " + x + " over " + lag + " days (fraction)";
  if (k == "log_change") return "log change of " + x + " over " + lag + " days";
  if (k == "acceleration")
    return "change of the " + lag + "-day log change of " + x + " over " + lag + " days";
  if (k == "mean_distance") return x + " relative to its " + w + "-day mean, minus 1";
  if (k == "zscore") return "z-score of " + x + " against its " + w + "-day mean (sample sd)";
  if (k == "percentile_rank") return "percentile rank of " + x + " in its last " + w + " days";
  if (k == "momentum_zscore")
    return "z-score of the " + lag + "-day log change of " + x + " over " + w + " days";
  if (k == "realized_vol") return w + "-day realized volatility of " + x + " (annualised percent)";
  if (k == "drawdown") return x + " below its " + w + "-day high (fraction, <= 0)";
  if (k == "bollinger_width") return "Bollinger band width of " + x + " (" + w + " days, 2 sd)";
  if (k == "rsi") return "RSI of " + x + " (" + w + " days, Wilder)";
  if (k == "macd")
    return "MACD of " + x + " (EMA " + w + " - EMA " + std::to_string(d.window2) + ")" + per_close;
  if (k == "macd_hist")
    return "MACD histogram of " + x + " (" + w + "/" + std::to_string(d.window2) + "/" +
           std::to_string(d.window3) + ")" + per_close;
  if (k == "ratio") return x + " / " + y;
  if (k == "correlation")
    return w + "-day correlation of the daily log changes of " + x + " and " + y;
  if (k == "vrp_spread") return x + " minus the " + w + "-day realized volatility of " + y;
  if (k == "gap") return "opening gap of " + x + " against the previous close (fraction)";
  if (k == "atr") return "average true range of " + x + " (" + w + " days, Wilder)" + per_close;
  if (k == "garman_klass")
    return w + "-day Garman-Klass volatility of " + x + " (annualised percent)";
  if (k == "candle_body") return "candle body |close - open| of " + x + per_close;
  if (k == "candle_upper_wick") return "upper wick of " + x + per_close;
  if (k == "candle_lower_wick") return "lower wick of " + x + per_close;
  if (k == "candle_wick_ratio") return "share of the day's range of " + x + " in wicks";
  if (k == "vwap_distance") return x + " close relative to its " + w + "-day VWAP, minus 1";
  throw Error(where(d) + ": unknown kind \"" + k + "\"");
}

void to_json(nlohmann::json& j, const FeatureDef& d) {
  j = nlohmann::json::object();
  j["name"] = d.name;
  j["kind"] = d.kind;
  if (!d.domain.empty()) j["domain"] = d.domain;
  j["input"] = d.input;
  if (!d.input2.empty()) j["input2"] = d.input2;
  if (d.window) j["window"] = d.window;
  if (d.window2) j["window2"] = d.window2;
  if (d.window3) j["window3"] = d.window3;
  if (d.lag) j["lag"] = d.lag;
  if (d.relative) j["relative"] = d.relative;
  if (!d.label.empty()) j["label"] = d.label;
}

void to_json(nlohmann::json& j, const FeatureSpec& spec) {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& d : spec.features) list.push_back(d);
  j = nlohmann::json{{"features", std::move(list)}};
}

FeatureSpec feature_spec_from_json(const nlohmann::json& j, const std::string& source) {
  // An object {"features": [...]} or the bare array.
  const nlohmann::json& list =
      j.is_object() ? JsonFields(j, source).array("features") : read_array(j, source);
  FeatureSpec spec;
  for (size_t i = 0; i < list.size(); ++i) {
    FeatureDef d = feature_def_from_json(
        JsonFields(list[i], source + ": features[" + std::to_string(i) + "]"));
    try {
      validate_feature_def(d);
    } catch (const Error& e) {
      throw Error(source + ": features[" + std::to_string(i) + "]: " + e.what());
    }
    if (d.label.empty()) d.label = feature_label(d);
    spec.features.push_back(std::move(d));
  }
  try {
    validate_feature_spec(spec);
  } catch (const Error& e) {
    throw Error(source + ": " + e.what());
  }
  return spec;
}

FeatureSpec parse_feature_spec(std::string_view text, const std::string& source) {
  const nlohmann::json j = nlohmann::json::parse(text.begin(), text.end(), nullptr, false);
  if (j.is_discarded()) throw Error(source + ": not valid JSON (expected a feature spec)");
  return feature_spec_from_json(j, source);
}

std::string dump_feature_spec(const FeatureSpec& spec) { return nlohmann::json(spec).dump(2); }

}  // namespace vixray
