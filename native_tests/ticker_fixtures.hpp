// Small synthetic intraday bars for the ticker tests: a random walk of 5-minute bars inside a
// market's sessions (local windows, a fixed UTC offset: the test days keep no daylight saving
// change), with an occasional jump so a few bars stand out. Built in code, a few days each.
#pragma once
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <string>
#include <utility>
#include <vector>

#include "vixray/base/rng.hpp"
#include "vixray/data/bars.hpp"
#include "vixray/data/dates.hpp"

namespace vixray::test {

struct BarRecipe {
  std::string ticker = "AAPL";
  double price = 150.0;
  int32_t days = 5;                             // weekdays from first_day
  Day first_day = days_from_civil(2024, 3, 4);  // a Monday
  int32_t utc_offset_s = -5 * 3600;             // New York in winter
  // Local minutes. Not a braced list: that tripped gcc 12's -Wmaybe-uninitialized (a false
  // positive) in some unity batches.
  std::vector<std::pair<int32_t, int32_t>> windows =
      std::vector<std::pair<int32_t, int32_t>>(1, std::pair<int32_t, int32_t>(570, 960));
  int64_t interval_s = 300;
  uint64_t seed = 1;
  double jump_share = 0.01;  // bars with a 10x move
};

inline Bars make_bars(const BarRecipe& r) {
  Bars b;
  b.ticker = r.ticker;
  b.daily = false;
  Rng rng(r.seed);
  double p = r.price;
  int32_t done = 0;
  for (Day d = r.first_day; done < r.days; ++d) {
    if (weekday(d) >= 5) continue;  // Saturday, Sunday
    ++done;
    for (const auto& [open, close] : r.windows)
      for (int64_t t = int64_t{open} * 60; t + r.interval_s <= int64_t{close} * 60;
           t += r.interval_s) {
        const double shock = rng.uniform() < r.jump_share ? 10.0 : 1.0;
        const double c = p * (1.0 + shock * 0.002 * (rng.uniform() * 2.0 - 1.0));
        const double wick = p * 0.001 * rng.uniform();
        b.time.push_back(int64_t{d} * 86400 + t - r.utc_offset_s);
        b.open.push_back(p);
        b.high.push_back(std::max(p, c) + wick);
        b.low.push_back(std::min(p, c) - wick);
        b.close.push_back(c);
        b.volume.push_back(std::floor(1000.0 + 1000.0 * rng.uniform()));
        p = c;
      }
  }
  return b;
}

/// The bars as generic CSV (timestamp,open,high,low,close,volume; UTC times, 17 digits).
inline std::string bars_csv(const Bars& b, int64_t rows = -1) {
  std::string out = "timestamp,open,high,low,close,volume\n";
  const int64_t n = rows < 0 ? b.size() : rows;
  char buffer[256];
  for (int64_t i = 0; i < n; ++i) {
    const auto k = static_cast<size_t>(i);
    std::snprintf(buffer, sizeof buffer, "%s,%.17g,%.17g,%.17g,%.17g,%.17g\n",
                  format_bar_time(b.time[k], false).c_str(), b.open[k], b.high[k], b.low[k],
                  b.close[k], b.volume[k]);
    out += buffer;
  }
  return out;
}

}  // namespace vixray::test
