// Markets for ticker bars: a name, a time zone (POSIX TZ rule, posix_tz.hpp) and trading
// sessions that may change on a date (Tokyo closed at 15:00 before 2024-11-05, 15:30 since).
// Defaults are the exchanges' published regular hours (the seed's 18:00 closes and Bangkok's
// 08:00 open are not real sessions; README.md says so):
//   US  EST5EDT,M3.2.0,M11.1.0  09:30-16:00
//   JP  JST-9                   09:00-11:30, 12:30-15:00 until 2024-11-04; 12:30-15:30 since
//   TH  ICT-7                   10:00-12:30, 14:30-16:30
// They are settings (ticker_settings.hpp: "time_zone" and "sessions", overridable per market).
// JSON form: {"market":"JP","time_zone":"JST-9","sessions":[{"from":"1970-01-01",
// "windows":[["09:00","11:30"],["12:30","15:00"]]},{"from":"2024-11-05","windows":[...]}]}.
#pragma once
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "vixray/data/bars.hpp"
#include "vixray/data/dates.hpp"
#include "vixray/data/posix_tz.hpp"

namespace vixray {

struct SessionWindow {
  int32_t open_min = 0, close_min = 0;  // minutes after local midnight, open < close
};

struct SessionEra {
  Day from = 0;  // first local date these windows apply
  std::vector<SessionWindow> windows;
};

struct MarketHours {
  std::string market;  // upper case: "US", "JP", "TH" or a user's name
  PosixTz tz;
  std::vector<SessionEra> eras;  // ascending `from`; the first applies before its date too

  const std::vector<SessionWindow>& windows_on(Day local_day) const;
  /// True when a bar starting at `utc_s` lies inside a session window of its local day:
  /// open <= local start and local start + interval <= close (a daily bar is always inside on
  /// a weekday).
  bool in_session(int64_t utc_s, int64_t interval_s, bool daily) const;

  nlohmann::json to_json() const;
  /// Reads the JSON form; errors name `where` and the field.
  static MarketHours from_json(const nlohmann::json& j, const std::string& where);
};

/// The defaults above for "US", "JP" or "TH" (case-insensitive); throws for another name.
MarketHours default_market_hours(const std::string& market);
/// Seed 001's routing: ".T" -> "JP", ".BK" -> "TH", anything else "US" (suffix case-insensitive).
std::string market_of_ticker(const std::string& ticker);

/// What the bars of one file look like against their market.
struct BarCheck {
  int64_t interval_s = 0;  // detected: the most common positive step within a session day
  bool daily = true;
  int64_t outside_session = 0;                // bars outside every session window (kept, counted)
  std::vector<std::string> outside_examples;  // local times "2024-03-08 08:00"
  int64_t gaps = 0;  // in-session steps that are not the interval (e.g. 1 min in a 5-min file)
  std::vector<std::string> gap_examples;  // "2024-03-08 10:05 -> 10:06 (1 min in a 5 min file)"
  std::vector<Day> holidays;  // weekdays inside the range with no bar (inferred holidays)
  nlohmann::json to_json() const;
};

/// Detects the interval and reports off-session bars, gaps and inferred holidays.
BarCheck check_bars(const Bars& bars, const MarketHours& hours, int32_t max_examples = 5);

/// Interval names: 86400 -> "1d", 300 -> "5m", 3600 -> "60m".
std::string interval_name(int64_t interval_s, bool daily);

}  // namespace vixray
