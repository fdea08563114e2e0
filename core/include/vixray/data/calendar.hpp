// US equity market (NYSE) trading calendar: weekdays minus the exchange's regular holidays and
// its known one-off closures. Used by the simulator to lay out trading days like the real market.
//
// Regular holidays (with the observance rule of NYSE Rule 7.2: a holiday on Saturday is observed
// on the Friday before, one on Sunday on the Monday after; the exception is New Year's Day on a
// Saturday, which is not observed at all because the Friday before closes a fiscal year):
//   New Year's Day (Jan 1), Martin Luther King Jr. Day (3rd Monday of January, from 1998),
//   Washington's Birthday (3rd Monday of February), Good Friday (2 days before Easter Sunday),
//   Memorial Day (last Monday of May), Juneteenth (June 19, from 2022), Independence Day
//   (July 4), Labor Day (1st Monday of September), Thanksgiving (4th Thursday of November),
//   Christmas (Dec 25).
// The rules for the Monday holidays are those in force since 1971; the calendar is meant for
// 1971 onwards.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "vixray/data/dates.hpp"

namespace vixray {

struct Holiday {
  Day day;           // the observed (closed) day
  std::string name;  // e.g. "Good Friday"
};

/// Easter Sunday of a Gregorian year (the anonymous Gregorian algorithm, "Meeus/Jones/Butcher").
Day easter_sunday(int32_t year);

/// The regular NYSE holidays observed in a calendar year, sorted by day. Only days falling in
/// that year are listed (a Saturday New Year's Day is not observed, so no Dec 31 closure exists).
std::vector<Holiday> nyse_holidays(int32_t year);

/// Known one-off full-day closures since 1990 (not rules, events), sorted:
///   1994-04-27 President Nixon's funeral; 2001-09-11..14 the September 11 attacks;
///   2004-06-11 President Reagan's funeral; 2007-01-02 President Ford's national day of mourning;
///   2012-10-29..30 Hurricane Sandy; 2018-12-05 President G.H.W. Bush's funeral;
///   2025-01-09 President Carter's national day of mourning.
const std::vector<Holiday>& nyse_special_closures();

bool is_nyse_holiday(Day day);          // a regular holiday (observed day)
bool is_nyse_special_closure(Day day);  // one of nyse_special_closures()
/// A weekday that is neither a regular holiday nor a special closure.
bool is_trading_day(Day day);

/// All trading days in [start, end] (both inclusive), ascending; empty if start > end.
std::vector<Day> trading_days(Day start, Day end);

}  // namespace vixray
