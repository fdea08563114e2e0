// The built-in settings of the per-market ticker models and their typed reading
// (ticker_model.hpp). Sessions and time zones equal default_market_hours() (market_hours.hpp);
// native_tests/test_ticker_model.cpp checks that they do.
#include <cctype>
#include <cmath>

#include "vixray/base/error.hpp"
#include "vixray/data/json_fields.hpp"
#include "vixray/ensemble/ticker_model.hpp"
#include "vixray/forest/limits.hpp"

namespace vixray {

using nlohmann::json;

std::string_view default_ticker_settings_text() {
  static constexpr const char kText[] = R"json({
  "format": "vixray-settings",
  "format_version": "1.0",
  "description": "Per-market ticker models (seed 001): one Isolation Forest per market over the 14 indicators of ticker_feature_catalogue(). Context keys: market (US, JP, TH or a user's name; case-insensitive), asset_class (equity by default), interval (1d, 5m, 60m...).",
  "settings": {
    "contamination": {
      "description": "Share of training bars flagged: the threshold is the training raw-score quantile at 1 - contamination (seed 001: 0.01).",
      "default": 0.01
    },
    "n_trees": {"description": "Trees per forest.", "default": 100},
    "sample_size": {"description": "Subsample size per tree (psi).", "default": 256},
    "seed": {"description": "Seed of the forest.", "default": 42},
    "price_relative": {
      "description": "Divide ATR, MACD, MACD_hist, body and wicks by the close, so tickers priced in yen and in dollars share one forest (the seed used raw prices).",
      "default": true
    },
    "calibration_knots": {"description": "Knots of the score calibration.", "default": 512},
    "time_zone": {
      "description": "POSIX TZ rule of the market (market_hours.hpp).",
      "default": "EST5EDT,M3.2.0,M11.1.0",
      "overrides": [
        {"match": {"market": "JP"}, "value": "JST-9", "description": "Tokyo, no daylight saving"},
        {"match": {"market": "TH"}, "value": "ICT-7", "description": "Bangkok, no daylight saving"}
      ]
    },
    "sessions": {
      "description": "Regular trading sessions (local time), by era: the exchanges' published hours.",
      "default": [{"from": "1970-01-01", "windows": [["09:30", "16:00"]]}],
      "overrides": [
        {
          "match": {"market": "JP"},
          "value": [
            {"from": "1970-01-01", "windows": [["09:00", "11:30"], ["12:30", "15:00"]]},
            {"from": "2024-11-05", "windows": [["09:00", "11:30"], ["12:30", "15:30"]]}
          ],
          "description": "Tokyo Stock Exchange: lunch break; close moved to 15:30 on 2024-11-05"
        },
        {
          "match": {"market": "TH"},
          "value": [{"from": "1970-01-01", "windows": [["10:00", "12:30"], ["14:30", "16:30"]]}],
          "description": "Stock Exchange of Thailand: morning and afternoon sessions"
        }
      ]
    }
  }
}
)json";
  return std::string_view(kText, sizeof(kText) - 1);
}

namespace {

std::string upper_ascii(std::string text) {
  for (char& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return text;
}

}  // namespace

TickerSettings TickerSettings::from_resolved(const json& resolved, const std::string& market) {
  const JsonFields r(resolved, "ticker_settings");
  TickerSettings s;
  s.contamination = r.number("contamination");
  if (!(s.contamination > 0.0 && s.contamination <= 0.5))
    throw Error(r.place("contamination") + ": expected a share in (0, 0.5], got " +
                number_text(s.contamination));
  s.n_trees = static_cast<int32_t>(r.integer("n_trees", 1, kMaxTrees));
  s.sample_size = static_cast<int32_t>(r.integer("sample_size", 2, kMaxSampleSize));
  s.seed = r.unsigned_integer("seed");
  s.price_relative = r.boolean("price_relative");
  s.calibration_knots = static_cast<int32_t>(r.integer("calibration_knots", 2, 1 << 20));
  const json hours{{"market", upper_ascii(market)},
                   {"time_zone", r.get("time_zone")},
                   {"sessions", r.get("sessions")}};
  s.hours = MarketHours::from_json(hours, r.where());
  s.resolved = resolved;
  return s;
}

namespace {

json parse_settings(std::string_view text, const char* what) {
  const json document = json::parse(text.begin(), text.end(), nullptr, false);
  if (document.is_discarded()) throw Error(std::string(what) + ": not valid JSON");
  return document;
}

}  // namespace

TickerSettings load_ticker_settings(std::string_view text, const std::string& market,
                                    const std::string& asset_class, const std::string& interval) {
  const SettingsContext context{
      {"market", market}, {"asset_class", asset_class}, {"interval", interval}};
  json resolved = resolve_settings(
      parse_settings(default_ticker_settings_text(), "built-in ticker settings"), context);
  // A user's document may set a few keys; the others keep their built-in values.
  if (!text.empty()) {
    const json user = resolve_settings(parse_settings(text, "ticker settings"), context);
    for (auto it = user.begin(); it != user.end(); ++it) resolved[it.key()] = it.value();
  }
  return TickerSettings::from_resolved(resolved, market);
}

}  // namespace vixray
