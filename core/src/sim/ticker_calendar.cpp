// The simulated tickers' calendars: each market's sessions, UTC offset and exchange holidays of
// 2023-2024, and the grid of daily or 5-minute bar times built from them.
#include <cstdint>
#include <string>
#include <vector>

#include "ticker_internal.hpp"
#include "vixray/base/error.hpp"
#include "vixray/data/dates.hpp"
#include "vixray/sim/simulated_tickers.hpp"

namespace vixray {
namespace ticker_sim {
namespace {

struct MonthDay {
  int32_t year, month, day;
};

// Exchange holidays on weekdays (NYSE, JPX, SET published calendars of 2023 and 2024).
const std::vector<MonthDay>& holidays_of(const std::string& market) {
  static const std::vector<MonthDay> us = {
      {2023, 1, 2},  {2023, 1, 16}, {2023, 2, 20}, {2023, 4, 7},   {2023, 5, 29},
      {2023, 6, 19}, {2023, 7, 4},  {2023, 9, 4},  {2023, 11, 23}, {2023, 12, 25},
      {2024, 1, 1},  {2024, 1, 15}, {2024, 2, 19}, {2024, 3, 29},  {2024, 5, 27},
      {2024, 6, 19}, {2024, 7, 4},  {2024, 9, 2},  {2024, 11, 28}, {2024, 12, 25}};
  static const std::vector<MonthDay> jp = {
      {2023, 1, 2},   {2023, 1, 3},  {2023, 1, 9},  {2023, 2, 23},  {2023, 3, 21}, {2023, 5, 3},
      {2023, 5, 4},   {2023, 5, 5},  {2023, 7, 17}, {2023, 9, 18},  {2023, 10, 9}, {2023, 11, 3},
      {2023, 11, 23}, {2024, 1, 1},  {2024, 1, 2},  {2024, 1, 3},   {2024, 1, 8},  {2024, 2, 12},
      {2024, 2, 23},  {2024, 3, 20}, {2024, 4, 29}, {2024, 5, 3},   {2024, 5, 6},  {2024, 7, 15},
      {2024, 8, 12},  {2024, 9, 16}, {2024, 9, 23}, {2024, 10, 14}, {2024, 11, 4}, {2024, 12, 31}};
  static const std::vector<MonthDay> th = {
      {2023, 1, 2},   {2023, 3, 6},   {2023, 4, 6},  {2023, 4, 13},  {2023, 4, 14},  {2023, 5, 1},
      {2023, 5, 4},   {2023, 5, 5},   {2023, 6, 5},  {2023, 7, 28},  {2023, 8, 1},   {2023, 8, 14},
      {2023, 10, 13}, {2023, 10, 23}, {2023, 12, 5}, {2023, 12, 11}, {2024, 1, 1},   {2024, 2, 26},
      {2024, 4, 8},   {2024, 4, 15},  {2024, 4, 16}, {2024, 5, 1},   {2024, 5, 6},   {2024, 5, 22},
      {2024, 6, 3},   {2024, 7, 22},  {2024, 7, 29}, {2024, 8, 12},  {2024, 10, 14}, {2024, 10, 23},
      {2024, 12, 5},  {2024, 12, 10}, {2024, 12, 31}};
  if (market == "US") return us;
  if (market == "JP") return jp;
  if (market == "TH") return th;
  throw Error("simulated tickers: unknown market \"" + market + "\" (expected US, JP or TH)");
}

bool is_holiday(const std::string& market, Day day) {
  for (const MonthDay& h : holidays_of(market))
    if (days_from_civil(h.year, h.month, h.day) == day) return true;
  return false;
}

// The n-th (1-based) Sunday of a month.
Day nth_sunday(int32_t year, int32_t month, int32_t n) {
  const Day first = days_from_civil(year, month, 1);
  const int32_t to_sunday = (6 - weekday(first) + 7) % 7;  // weekday: 0 Monday .. 6 Sunday
  return first + to_sunday + 7 * (n - 1);
}

// Minutes after midnight.
constexpr int32_t hm(int32_t h, int32_t m) { return h * 60 + m; }

}  // namespace

std::vector<Day> trading_days(const std::string& market, Day first, Day last) {
  std::vector<Day> days;
  for (Day d = first; d <= last; ++d)
    if (weekday(d) < 5 && !is_holiday(market, d)) days.push_back(d);
  return days;
}

BarGrid daily_grid(const std::string& market, Day first, Day last) {
  BarGrid grid;
  grid.daily = true;
  for (Day d : trading_days(market, first, last)) {
    grid.time.push_back(static_cast<int64_t>(d) * kSecondsPerDay);
    grid.day_open.push_back(1);
    grid.window_open.push_back(1);
    grid.u_shape.push_back(1.0);
    grid.bars_in_day.push_back(1);
  }
  return grid;
}

BarGrid five_minute_grid(const std::string& market, Day first, Day last) {
  BarGrid grid;
  grid.daily = false;
  for (Day d : trading_days(market, first, last)) {
    const int64_t local_midnight_utc =
        static_cast<int64_t>(d) * kSecondsPerDay - simulated_utc_offset(market, d);
    const size_t day_first = grid.time.size();
    double day_sum = 0.0;
    for (const SimSessionWindow& w : simulated_sessions(market, d)) {
      const int32_t bars = (w.close_min - w.open_min) / 5;
      for (int32_t k = 0; k < bars; ++k) {
        grid.time.push_back(local_midnight_utc + (w.open_min + 5 * k) * 60);
        grid.day_open.push_back(grid.time.size() == day_first + 1 ? 1 : 0);
        grid.window_open.push_back(k == 0 ? 1 : 0);
        // U over the window: 1 + 3 (2u - 1)^2 at the bar's middle u in (0, 1).
        const double v = 2.0 * (k + 0.5) / bars - 1.0;
        grid.u_shape.push_back(1.0 + 3.0 * v * v);
        day_sum += grid.u_shape.back();
      }
    }
    const auto count = static_cast<int32_t>(grid.time.size() - day_first);
    const double mean = day_sum / count;
    for (size_t i = day_first; i < grid.time.size(); ++i) grid.u_shape[i] /= mean;
    grid.bars_in_day.insert(grid.bars_in_day.end(), static_cast<size_t>(count), count);
  }
  return grid;
}

}  // namespace ticker_sim

std::vector<SimSessionWindow> simulated_sessions(const std::string& market, Day local_day) {
  using ticker_sim::hm;
  if (weekday(local_day) >= 5 || ticker_sim::is_holiday(market, local_day)) return {};
  if (market == "US") return {{hm(9, 30), hm(16, 0)}};
  if (market == "JP") {
    const bool later_close = local_day >= days_from_civil(2024, 11, 5);
    return {{hm(9, 0), hm(11, 30)}, {hm(12, 30), later_close ? hm(15, 30) : hm(15, 0)}};
  }
  return {{hm(10, 0), hm(12, 30)}, {hm(14, 30), hm(16, 30)}};  // TH (is_holiday checked it)
}

int32_t simulated_utc_offset(const std::string& market, Day local_day) {
  if (market == "JP") return 9 * 3600;
  if (market == "TH") return 7 * 3600;
  if (market != "US")
    throw Error("simulated tickers: unknown market \"" + market + "\" (expected US, JP or TH)");
  // EST5EDT,M3.2.0,M11.1.0: daylight time from the second Sunday of March to the first Sunday
  // of November (the changes happen at 02:00, before every session).
  int32_t year = 0, month = 0, day = 0;
  civil_from_days(local_day, year, month, day);
  const bool dst = local_day >= ticker_sim::nth_sunday(year, 3, 2) &&
                   local_day < ticker_sim::nth_sunday(year, 11, 1);
  return dst ? -4 * 3600 : -5 * 3600;
}

}  // namespace vixray
