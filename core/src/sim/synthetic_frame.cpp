#include "vixray/sim/synthetic_frame.hpp"

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "vixray/base/detmath.hpp"
#include "vixray/base/error.hpp"
#include "vixray/base/rng.hpp"

namespace vixray {
namespace {

struct Ohlc {
  std::vector<double> open, high, low, close;
};

// Open near the previous close, high/low beyond both by a random share of the day's move.
void add_bar(Ohlc& bars, Rng& rng, double previous, double close, double daily_sd) {
  const double open = previous * (1.0 + 0.3 * daily_sd * rng.normal());
  const double spread = std::abs(rng.normal()) * daily_sd * 0.6;
  const double spread_low = std::abs(rng.normal()) * daily_sd * 0.6;
  bars.open.push_back(open);
  bars.close.push_back(close);
  bars.high.push_back(std::max(open, close) * (1.0 + spread));
  bars.low.push_back(std::min(open, close) * (1.0 - spread_low));
}

}  // namespace

Frame synthetic_market_frame(int64_t rows, uint64_t seed) {
  if (rows < 1) throw Error("synthetic frame: expected rows >= 1, got " + std::to_string(rows));
  Rng rng(seed);
  std::vector<Day> dates;
  Day day = days_from_civil(1990, 1, 2);
  while (static_cast<int64_t>(dates.size()) < rows) {
    if (weekday(day) < 5) dates.push_back(day);
    ++day;
  }
  Ohlc vix, spx, ticker;
  std::vector<double> spx_volume, ticker_volume, vix9d, vix3m, vvix, skew;
  double log_vix = detmath::log(18.0), spx_close = 350.0, ticker_close = 40.0;
  double vix_close = 18.0, skew_level = 120.0;
  for (int64_t t = 0; t < rows; ++t) {
    // log VIX: Ornstein-Uhlenbeck around ln 18, with rare upward jumps (stress days).
    const double shock = rng.normal();
    const double jump = rng.uniform() < 0.01 ? 0.25 + 0.25 * rng.uniform() : 0.0;
    log_vix += 0.03 * (detmath::log(18.0) - log_vix) + 0.07 * shock + jump;
    const double previous_vix = vix_close;
    vix_close = detmath::exp(log_vix);
    add_bar(vix, rng, previous_vix, vix_close, 0.05);
    // S&P: daily sd = VIX / 100 / sqrt(252), returns negatively tied to the VIX shock.
    const double daily_sd = vix_close / 100.0 / std::sqrt(252.0);
    const double z = -0.7 * shock + std::sqrt(1.0 - 0.49) * rng.normal();
    const double previous_spx = spx_close;
    spx_close *= 1.0 + 0.0003 + daily_sd * z - (jump > 0.0 ? 2.0 * daily_sd : 0.0);
    add_bar(spx, rng, previous_spx, spx_close, daily_sd);
    spx_volume.push_back(1.0e9 * (1.0 + vix_close / 40.0) * (0.8 + 0.4 * rng.uniform()));
    const double previous_ticker = ticker_close;
    ticker_close *= 1.0 + 1.5 * daily_sd * (0.6 * z + 0.8 * rng.normal());
    add_bar(ticker, rng, previous_ticker, ticker_close, 1.5 * daily_sd);
    ticker_volume.push_back(2.0e6 * (0.5 + rng.uniform()));
    // Term structure: short end jumps more than the VIX, the 3-month end less.
    const double excess = log_vix - detmath::log(18.0);
    vix9d.push_back(vix_close * detmath::exp(0.3 * excess - 0.04 + 0.02 * rng.normal()));
    vix3m.push_back(vix_close * detmath::exp(-0.4 * excess + 0.06 + 0.02 * rng.normal()));
    vvix.push_back(85.0 + 40.0 * std::abs(shock) + 3.0 * rng.normal());
    skew_level += 0.05 * (125.0 - skew_level) + 1.5 * rng.normal();
    skew.push_back(skew_level);
  }
  Frame frame(std::move(dates));
  const auto set_bars = [&frame](const std::string& series, Ohlc& bars) {
    frame.set(series + ".open", std::move(bars.open));
    frame.set(series + ".high", std::move(bars.high));
    frame.set(series + ".low", std::move(bars.low));
    frame.set(series + ".close", std::move(bars.close));
  };
  set_bars("vix", vix);
  set_bars("spx", spx);
  frame.set("spx.volume", std::move(spx_volume));
  frame.set("vix9d.close", std::move(vix9d));
  frame.set("vix3m.close", std::move(vix3m));
  frame.set("vvix.close", std::move(vvix));
  frame.set("skew.close", std::move(skew));
  set_bars("ticker", ticker);
  frame.set("ticker.volume", std::move(ticker_volume));
  return frame;
}

}  // namespace vixray
