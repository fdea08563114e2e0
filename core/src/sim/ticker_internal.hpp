// Declarations the ticker simulator's sources share (not part of the public API): the bar grid
// of a market (ticker_calendar.cpp) that simulated_tickers.cpp fills with prices.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "vixray/data/dates.hpp"

namespace vixray {
namespace ticker_sim {

constexpr int64_t kSecondsPerDay = 86400;

/// The bars of one market and interval before prices: start times and where each bar sits.
struct BarGrid {
  bool daily = true;
  std::vector<int64_t> time;         // UTC seconds of each bar's start
  std::vector<uint8_t> day_open;     // first bar of a trading day
  std::vector<uint8_t> window_open;  // first bar of a session window (the day's or after lunch)
  std::vector<double> u_shape;       // share of the day's activity, mean 1 over a day (1 daily)
  std::vector<int32_t> bars_in_day;  // bars of the bar's trading day (1 daily)
};

/// Trading days (weekdays that are not the market's holidays) in [first, last].
std::vector<Day> trading_days(const std::string& market, Day first, Day last);
BarGrid daily_grid(const std::string& market, Day first, Day last);
BarGrid five_minute_grid(const std::string& market, Day first, Day last);

}  // namespace ticker_sim
}  // namespace vixray
