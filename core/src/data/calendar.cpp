#include "vixray/data/calendar.hpp"

#include <algorithm>

namespace vixray {
namespace {

// The n-th (1-based) given weekday (0 = Monday) of a month.
Day nth_weekday(int32_t year, int32_t month, int32_t wanted_weekday, int32_t n) {
  const Day first = days_from_civil(year, month, 1);
  const int32_t offset = (wanted_weekday - weekday(first) + 7) % 7;
  return first + offset + 7 * (n - 1);
}

// The last given weekday of a month.
Day last_weekday(int32_t year, int32_t month, int32_t wanted_weekday) {
  const Day next_month_first =
      month == 12 ? days_from_civil(year + 1, 1, 1) : days_from_civil(year, month + 1, 1);
  const Day last = next_month_first - 1;
  const int32_t back = (weekday(last) - wanted_weekday + 7) % 7;
  return last - back;
}

// Saturday -> the Friday before, Sunday -> the Monday after.
Day observed(Day day) {
  const int32_t w = weekday(day);
  if (w == 5) return day - 1;
  if (w == 6) return day + 1;
  return day;
}

Day iso(int32_t y, int32_t m, int32_t d) { return days_from_civil(y, m, d); }

}  // namespace

Day easter_sunday(int32_t year) {
  // Anonymous Gregorian algorithm (Meeus, "Astronomical Algorithms", ch. 8).
  const int32_t a = year % 19;
  const int32_t b = year / 100;
  const int32_t c = year % 100;
  const int32_t d = b / 4;
  const int32_t e = b % 4;
  const int32_t f = (b + 8) / 25;
  const int32_t g = (b - f + 1) / 3;
  const int32_t h = (19 * a + b - d - g + 15) % 30;
  const int32_t i = c / 4;
  const int32_t k = c % 4;
  const int32_t l = (32 + 2 * e + 2 * i - h - k) % 7;
  const int32_t m = (a + 11 * h + 22 * l) / 451;
  const int32_t month = (h + l - 7 * m + 114) / 31;
  const int32_t day = (h + l - 7 * m + 114) % 31 + 1;
  return days_from_civil(year, month, day);
}

std::vector<Holiday> nyse_holidays(int32_t year) {
  std::vector<Holiday> out;
  const Day new_year = iso(year, 1, 1);
  // Saturday New Year's Day: not observed (no Friday Dec 31 closure).
  if (weekday(new_year) != 5) out.push_back({observed(new_year), "New Year's Day"});
  if (year >= 1998) out.push_back({nth_weekday(year, 1, 0, 3), "Martin Luther King Jr. Day"});
  out.push_back({nth_weekday(year, 2, 0, 3), "Washington's Birthday"});
  out.push_back({easter_sunday(year) - 2, "Good Friday"});
  out.push_back({last_weekday(year, 5, 0), "Memorial Day"});
  if (year >= 2022) out.push_back({observed(iso(year, 6, 19)), "Juneteenth"});
  out.push_back({observed(iso(year, 7, 4)), "Independence Day"});
  out.push_back({nth_weekday(year, 9, 0, 1), "Labor Day"});
  out.push_back({nth_weekday(year, 11, 3, 4), "Thanksgiving Day"});
  out.push_back({observed(iso(year, 12, 25)), "Christmas Day"});
  std::sort(out.begin(), out.end(),
            [](const Holiday& x, const Holiday& y) { return x.day < y.day; });
  return out;
}

const std::vector<Holiday>& nyse_special_closures() {
  static const std::vector<Holiday> closures = {
      {iso(1994, 4, 27), "Funeral of President Nixon"},
      {iso(2001, 9, 11), "September 11 attacks"},
      {iso(2001, 9, 12), "September 11 attacks"},
      {iso(2001, 9, 13), "September 11 attacks"},
      {iso(2001, 9, 14), "September 11 attacks"},
      {iso(2004, 6, 11), "Funeral of President Reagan"},
      {iso(2007, 1, 2), "National day of mourning for President Ford"},
      {iso(2012, 10, 29), "Hurricane Sandy"},
      {iso(2012, 10, 30), "Hurricane Sandy"},
      {iso(2018, 12, 5), "Funeral of President George H. W. Bush"},
      {iso(2025, 1, 9), "National day of mourning for President Carter"},
  };
  return closures;
}

bool is_nyse_holiday(Day day) {
  int32_t y = 0, m = 0, d = 0;
  civil_from_days(day, y, m, d);
  for (const Holiday& h : nyse_holidays(y))
    if (h.day == day) return true;
  return false;
}

bool is_nyse_special_closure(Day day) {
  for (const Holiday& h : nyse_special_closures())
    if (h.day == day) return true;
  return false;
}

bool is_trading_day(Day day) {
  return weekday(day) < 5 && !is_nyse_holiday(day) && !is_nyse_special_closure(day);
}

std::vector<Day> trading_days(Day start, Day end) {
  std::vector<Day> out;
  if (start > end) return out;
  int32_t first_year = 0, last_year = 0, m = 0, d = 0;
  civil_from_days(start, first_year, m, d);
  civil_from_days(end, last_year, m, d);
  // Closed days of the whole range, once (a per-day lookup would rebuild each year's list).
  std::vector<Day> closed;
  for (int32_t year = first_year; year <= last_year; ++year)
    for (const Holiday& h : nyse_holidays(year)) closed.push_back(h.day);
  for (const Holiday& h : nyse_special_closures()) closed.push_back(h.day);
  std::sort(closed.begin(), closed.end());
  out.reserve(static_cast<size_t>(end - start + 1) * 5 / 7 + 2);
  for (Day day = start; day <= end; ++day) {
    if (weekday(day) >= 5) continue;
    if (std::binary_search(closed.begin(), closed.end(), day)) continue;
    out.push_back(day);
  }
  return out;
}

}  // namespace vixray
