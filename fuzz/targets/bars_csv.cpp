// The bar CSV reader (Yahoo, yfinance, Stooq, generic; bars.hpp) as `ticker train/score` and the
// ticker view read a file: parse in New York time, then the session check and the reports.
#include <string>

#include "fuzz_target.hpp"
#include "vixray/base/error.hpp"
#include "vixray/data/bars.hpp"
#include "vixray/data/market_hours.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const vixray::MarketHours us = vixray::default_market_hours("US");
  try {
    vixray::BarCsvOptions options;
    options.ticker = "FUZZ";
    options.tz = us.tz;
    const vixray::ParsedBars parsed =
        vixray::parse_bars_csv(vixray::fuzz::text_of(data, size), "fuzz.csv", options);
    const vixray::Bars& b = parsed.bars;
    if (parsed.report.rows != b.size() || b.open.size() != b.time.size() ||
        b.volume.size() != b.time.size())
      vixray::fuzz::fail("bars_csv", "the bars' columns differ in length from the report");
    for (size_t i = 1; i < b.time.size(); ++i)
      if (b.time[i] <= b.time[i - 1])
        vixray::fuzz::fail("bars_csv", "bar times are not strictly ascending");
    const vixray::BarCheck check = vixray::check_bars(b, us);
    if (check.outside_session > b.size())
      vixray::fuzz::fail("bars_csv", "more bars outside the session than bars");
    (void)check.to_json().dump();
    (void)parsed.report.to_json().dump();
    if (!b.time.empty()) (void)vixray::format_bar_time(b.time.back(), b.daily);
  } catch (const vixray::Error&) {
  }
  return 0;
}
