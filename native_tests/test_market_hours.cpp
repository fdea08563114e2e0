// Market sessions (market_hours.hpp). Hours are the exchanges' published regular sessions:
// NYSE 09:30-16:00 New York time; Tokyo Stock Exchange 09:00-11:30 and 12:30-15:00, the close
// moved to 15:30 from 2024-11-05 (JPX); Stock Exchange of Thailand 10:00-12:30 and 14:30-16:30.
// Holidays used as known answers: 2024-03-29 (Good Friday, NYSE closed), 2024-11-04 (Culture
// Day observed, TSE closed).
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "vixray/base/error.hpp"
#include "vixray/data/bars.hpp"
#include "vixray/data/dates.hpp"
#include "vixray/data/market_hours.hpp"

using vixray::Bars;
using vixray::check_bars;
using vixray::default_market_hours;
using vixray::MarketHours;

namespace {

int64_t hours_utc(int32_t y, int32_t mo, int32_t d, int32_t h, int32_t mi) {
  return static_cast<int64_t>(vixray::days_from_civil(y, mo, d)) * 86400 + h * 3600 + mi * 60;
}

Bars bars_at(const std::vector<int64_t>& times, bool daily) {
  Bars b;
  b.ticker = "T";
  b.daily = daily;
  b.time = times;
  const std::vector<double> ones(times.size(), 1.0);
  b.open = b.high = b.low = b.close = b.volume = ones;
  return b;
}

std::string hours_error_of(const nlohmann::json& j) {
  try {
    MarketHours::from_json(j, "settings.markets[0]");
  } catch (const vixray::Error& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("market_hours: New York across the 2024-03-10 change to daylight time",
          "[market_hours]") {
  const MarketHours us = default_market_hours("us");
  CHECK(us.market == "US");
  // Friday 2024-03-08 (EST): 09:30 = 14:30Z; Monday 2024-03-11 (EDT): 09:30 = 13:30Z.
  CHECK(us.in_session(hours_utc(2024, 3, 8, 14, 30), 300, false));
  CHECK_FALSE(us.in_session(hours_utc(2024, 3, 8, 13, 30), 300, false));  // 08:30 EST
  CHECK(us.in_session(hours_utc(2024, 3, 11, 13, 30), 300, false));
  CHECK(us.in_session(hours_utc(2024, 3, 8, 20, 30), 300, false));         // 15:30 EST
  CHECK_FALSE(us.in_session(hours_utc(2024, 3, 11, 20, 30), 300, false));  // 16:30 EDT
  CHECK_FALSE(us.in_session(hours_utc(2024, 3, 8, 21, 0), 300, false));    // 16:00 EST
  // Yahoo's last 60-minute bar starts at 15:30 and is a half bar: inside.
  CHECK(us.in_session(hours_utc(2024, 3, 11, 19, 30), 3600, false));
  CHECK_FALSE(us.in_session(hours_utc(2024, 3, 9, 15, 0), 300, false));  // Saturday
  CHECK(us.in_session(hours_utc(2024, 3, 8, 0, 0), 0, true));
  CHECK_FALSE(us.in_session(hours_utc(2024, 3, 9, 0, 0), 0, true));
}

TEST_CASE("market_hours: Tokyo's close moved from 15:00 to 15:30 on 2024-11-05; lunch break",
          "[market_hours]") {
  const MarketHours jp = default_market_hours("JP");
  // 15:15 JST = 06:15Z.
  CHECK_FALSE(jp.in_session(hours_utc(2024, 11, 1, 6, 15), 300, false));
  CHECK(jp.in_session(hours_utc(2024, 11, 5, 6, 15), 300, false));
  CHECK_FALSE(jp.in_session(hours_utc(2024, 11, 5, 3, 0), 300, false));  // 12:00 JST, lunch
  CHECK(jp.in_session(hours_utc(2024, 11, 5, 3, 30), 300, false));       // 12:30 JST
  CHECK(jp.windows_on(vixray::days_from_civil(2024, 11, 4)).back().close_min == 15 * 60);
  CHECK(jp.windows_on(vixray::days_from_civil(2024, 11, 5)).back().close_min == 15 * 60 + 30);
  CHECK(jp.windows_on(vixray::days_from_civil(1960, 1, 4)).back().close_min == 15 * 60);

  // 5-minute bars: Friday 2024-11-01 with a 15:15 bar (outside then), Tuesday 2024-11-05 with a
  // 15:15 bar (inside now) and a 12:00 bar (lunch); Monday 2024-11-04 was a holiday.
  const MarketHours& h = jp;
  const Bars b = bars_at(
      {hours_utc(2024, 11, 1, 0, 0), hours_utc(2024, 11, 1, 0, 5), hours_utc(2024, 11, 1, 6, 15),
       hours_utc(2024, 11, 5, 0, 0), hours_utc(2024, 11, 5, 0, 5), hours_utc(2024, 11, 5, 3, 0),
       hours_utc(2024, 11, 5, 6, 15)},
      false);
  const vixray::BarCheck c = check_bars(b, h);
  CHECK(c.interval_s == 300);
  CHECK(c.outside_session == 2);
  CHECK(c.outside_examples == std::vector<std::string>{"2024-11-01 15:15", "2024-11-05 12:00"});
  REQUIRE(c.holidays.size() == 1);
  CHECK(vixray::format_iso(c.holidays[0]) == "2024-11-04");
  CHECK(c.gaps == 0);
}

TEST_CASE("market_hours: Bangkok's lunch break", "[market_hours]") {
  const MarketHours th = default_market_hours("TH");
  // 13:00 ICT = 06:00Z (between 12:30 and 14:30); 10:00 = 03:00Z; 14:30 = 07:30Z.
  CHECK_FALSE(th.in_session(hours_utc(2024, 3, 8, 6, 0), 300, false));
  CHECK(th.in_session(hours_utc(2024, 3, 8, 3, 0), 300, false));
  CHECK(th.in_session(hours_utc(2024, 3, 8, 7, 30), 300, false));
  CHECK_FALSE(th.in_session(hours_utc(2024, 3, 8, 1, 0), 300, false));  // 08:00, seed 001's open
  const vixray::BarCheck c = check_bars(
      bars_at(
          {hours_utc(2024, 3, 8, 3, 0), hours_utc(2024, 3, 8, 3, 5), hours_utc(2024, 3, 8, 6, 0)},
          false),
      th);
  CHECK(c.outside_session == 1);
  CHECK(c.outside_examples == std::vector<std::string>{"2024-03-08 13:00"});
}

TEST_CASE("market_hours: a 1-minute step in a 5-minute file is a gap", "[market_hours]") {
  const MarketHours us = default_market_hours("US");
  // 2024-03-08 (EST): 09:30, 09:35, 09:40, 09:41, 09:46, 09:51 -> the 09:40 -> 09:41 step.
  const Bars b = bars_at(
      {hours_utc(2024, 3, 8, 14, 30), hours_utc(2024, 3, 8, 14, 35), hours_utc(2024, 3, 8, 14, 40),
       hours_utc(2024, 3, 8, 14, 41), hours_utc(2024, 3, 8, 14, 46), hours_utc(2024, 3, 8, 14, 51)},
      false);
  const vixray::BarCheck c = check_bars(b, us);
  CHECK(c.interval_s == 300);
  CHECK(c.gaps == 1);
  CHECK(c.gap_examples == std::vector<std::string>{"2024-03-08 09:40 -> 09:41 (1 min in a 5 min "
                                                   "file)"});
  CHECK(c.outside_session == 0);
  CHECK(c.to_json()["interval"] == "5m");
}

TEST_CASE("market_hours: holidays inferred from daily bars", "[market_hours]") {
  const Bars b = bars_at(
      {hours_utc(2024, 3, 27, 0, 0), hours_utc(2024, 3, 28, 0, 0), hours_utc(2024, 4, 1, 0, 0)},
      true);
  const vixray::BarCheck c = check_bars(b, default_market_hours("US"));
  CHECK(c.daily);
  CHECK(c.interval_s == 86400);
  CHECK(c.outside_session == 0);
  REQUIRE(c.holidays.size() == 1);
  CHECK(vixray::format_iso(c.holidays[0]) == "2024-03-29");
}

TEST_CASE("market_hours: suffix routing, interval names, JSON", "[market_hours]") {
  CHECK(vixray::market_of_ticker("7203.T") == "JP");
  CHECK(vixray::market_of_ticker("7203.t") == "JP");
  CHECK(vixray::market_of_ticker("PTT.BK") == "TH");
  CHECK(vixray::market_of_ticker("ptt.Bk") == "TH");
  CHECK(vixray::market_of_ticker("AAPL") == "US");
  CHECK(vixray::market_of_ticker("BRK.B") == "US");
  CHECK(vixray::market_of_ticker("T") == "US");
  CHECK(vixray::interval_name(86400, true) == "1d");
  CHECK(vixray::interval_name(60, false) == "1m");
  CHECK(vixray::interval_name(900, false) == "15m");
  CHECK(vixray::interval_name(3600, false) == "60m");
  CHECK_THROWS_WITH(default_market_hours("HK"),
                    "market \"HK\": expected US, JP or TH (or sessions in the settings)");

  const nlohmann::json j = default_market_hours("JP").to_json();
  CHECK(j.dump() ==
        "{\"market\":\"JP\",\"sessions\":[{\"from\":\"1970-01-01\",\"windows\":[[\"09:00\","
        "\"11:30\"],[\"12:30\",\"15:00\"]]},{\"from\":\"2024-11-05\",\"windows\":[[\"09:00\","
        "\"11:30\"],[\"12:30\",\"15:30\"]]}],\"time_zone\":\"JST-9\"}");
  const MarketHours back = MarketHours::from_json(j, "m");
  CHECK(back.to_json() == j);

  nlohmann::json bad = j;
  bad["time_zone"] = "JST";
  CHECK(hours_error_of(bad) ==
        "settings.markets[0].time_zone: time zone \"JST\": expected an offset [+-]hh[:mm[:ss]], "
        "at character 4");
  bad = j;
  bad["sessions"][1]["windows"][1] = {"15:30", "12:30"};
  CHECK(hours_error_of(bad) ==
        "settings.markets[0].sessions[1].windows[1]: expected [\"HH:MM\", \"HH:MM\"] with open "
        "before close, got an array of 2");
  bad = j;
  bad["sessions"][1]["from"] = "1960-01-01";
  CHECK(hours_error_of(bad) ==
        "settings.markets[0].sessions[1].from: expected a date after 1970-01-01, got "
        "\"1960-01-01\"");
}
