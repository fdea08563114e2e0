// NYSE trading calendar: known answers and agreement with the real S&P 500 trading days.
#include <catch2/catch.hpp>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "cli_helpers.hpp"
#include "test_dates.hpp"
#include "vixray/data/calendar.hpp"
#include "vixray/data/csv.hpp"
#include "vixray/data/dates.hpp"

using vixray::Day;

using vixray::test::day_of;

namespace {

std::vector<std::string> iso_list(const std::vector<vixray::Holiday>& holidays) {
  std::vector<std::string> out;
  for (const auto& h : holidays) out.push_back(vixray::format_iso(h.day));
  return out;
}

}  // namespace

TEST_CASE("Easter Sunday matches published dates", "[calendar][known-answer]") {
  // Reference: the US Naval Observatory table of Easter dates (aa.usno.navy.mil), Gregorian.
  CHECK(vixray::format_iso(vixray::easter_sunday(1990)) == "1990-04-15");
  CHECK(vixray::format_iso(vixray::easter_sunday(2000)) == "2000-04-23");
  CHECK(vixray::format_iso(vixray::easter_sunday(2008)) == "2008-03-23");
  CHECK(vixray::format_iso(vixray::easter_sunday(2011)) == "2011-04-24");
  CHECK(vixray::format_iso(vixray::easter_sunday(2019)) == "2019-04-21");
  CHECK(vixray::format_iso(vixray::easter_sunday(2024)) == "2024-03-31");
  CHECK(vixray::format_iso(vixray::easter_sunday(2025)) == "2025-04-20");
  CHECK(vixray::format_iso(vixray::easter_sunday(2038)) == "2038-04-25");  // latest possible
  CHECK(vixray::format_iso(vixray::easter_sunday(2285)) == "2285-03-22");  // earliest possible
}

TEST_CASE("NYSE holidays of 2024, 2022 and 2021", "[calendar][known-answer]") {
  // Reference: NYSE published holiday schedules (nyse.com/markets/hours-calendars).
  CHECK(iso_list(vixray::nyse_holidays(2024)) ==
        std::vector<std::string>{"2024-01-01", "2024-01-15", "2024-02-19", "2024-03-29",
                                 "2024-05-27", "2024-06-19", "2024-07-04", "2024-09-02",
                                 "2024-11-28", "2024-12-25"});
  // 2022: New Year's Day on a Saturday is not observed; Juneteenth and Christmas on Sundays are
  // observed on the Mondays after.
  CHECK(iso_list(vixray::nyse_holidays(2022)) ==
        std::vector<std::string>{"2022-01-17", "2022-02-21", "2022-04-15", "2022-05-30",
                                 "2022-06-20", "2022-07-04", "2022-09-05", "2022-11-24",
                                 "2022-12-26"});
  // 2021: Independence Day on a Sunday -> Monday July 5; Christmas on a Saturday -> Friday
  // Dec 24; no Juneteenth yet (first observed by the NYSE in 2022).
  CHECK(iso_list(vixray::nyse_holidays(2021)) ==
        std::vector<std::string>{"2021-01-01", "2021-01-18", "2021-02-15", "2021-04-02",
                                 "2021-05-31", "2021-07-05", "2021-09-06", "2021-11-25",
                                 "2021-12-24"});
  // 1997: no Martin Luther King Jr. Day closure before 1998.
  CHECK(vixray::nyse_holidays(1997).size() == 8);
  CHECK(vixray::nyse_holidays(1998).size() == 9);
}

TEST_CASE("trading days skip weekends, holidays and special closures", "[calendar]") {
  // Week of 2001-09-10: only Monday the 10th trades, then the market reopened on the 17th.
  const auto days = vixray::trading_days(day_of("2001-09-08"), day_of("2001-09-18"));
  std::vector<std::string> got;
  for (Day day : days) got.push_back(vixray::format_iso(day));
  CHECK(got == std::vector<std::string>{"2001-09-10", "2001-09-17", "2001-09-18"});
  CHECK(vixray::trading_days(day_of("2024-01-02"), day_of("2024-01-01")).empty());
  CHECK_FALSE(vixray::is_trading_day(day_of("2025-01-09")));  // Carter day of mourning
  CHECK(vixray::is_trading_day(day_of("2025-01-10")));
  CHECK(vixray::is_nyse_special_closure(day_of("2012-10-30")));
  CHECK_FALSE(vixray::is_nyse_holiday(day_of("2012-10-30")));
  // 2024 has 252 trading days (NYSE calendar).
  CHECK(vixray::trading_days(day_of("2024-01-01"), day_of("2024-12-31")).size() == 252);
}

TEST_CASE("the calendar reproduces the real S&P 500 trading days 1990-2018",
          "[calendar][real-data]") {
  const std::string text = vixray::test::read_testdata("real/spx_daily_1990_2018.csv");
  vixray::LineReader lines(text);
  std::string_view line;
  REQUIRE(lines.next(line));  // header
  std::set<Day> real;
  while (lines.next(line)) {
    if (line.empty()) continue;
    const auto fields =
        vixray::split_csv_record(line, "spx_daily_1990_2018.csv", lines.line_number());
    Day day = 0;
    REQUIRE(vixray::parse_date(fields.at(0), day));
    real.insert(day);
  }
  REQUIRE(real.size() == 7307);
  const auto calendar = vixray::trading_days(*real.begin(), *real.rbegin());
  const std::set<Day> computed(calendar.begin(), calendar.end());
  std::vector<std::string> missing_in_calendar, extra_in_calendar;
  for (Day day : real)
    if (!computed.count(day)) missing_in_calendar.push_back(vixray::format_iso(day));
  for (Day day : computed)
    if (!real.count(day)) extra_in_calendar.push_back(vixray::format_iso(day));
  INFO("real trading days the calendar closes: " << missing_in_calendar.size());
  INFO("calendar trading days absent from the real file: " << extra_in_calendar.size());
  CHECK(missing_in_calendar.empty());
  CHECK(extra_in_calendar.empty());
}
