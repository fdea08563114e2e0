// Simulated tickers for the demo of the ticker view (issue 12): two tickers per market, daily
// and 5-minute bars inside the exchanges' sessions, with labelled patterns as ground truth.
// Every name says it is simulated: SIMA / SIMB (US), 9901.T / 9902.T (JP: Tokyo codes 99xx),
// SIMC.BK / SIMD.BK (TH).
//
// Calendar (the default range: daily 2023-01-03 .. 2024-12-30, 5-minute 2024-10-14 ..
// 2024-11-29, which holds New York's end of daylight saving on 2024-11-03 and Tokyo's later close
// from 2024-11-05):
//   US  09:30-16:00 America/New_York (EST5EDT,M3.2.0,M11.1.0)
//   JP  09:00-11:30, 12:30-15:00 JST until 2024-11-04, 12:30-15:30 from 2024-11-05
//   TH  10:00-12:30, 14:30-16:30 ICT
// weekends and each market's exchange holidays of 2023-2024 (a list per market) have no bar.
// Daily bars are labelled 00:00 UTC of their date (bars.hpp). A 5-minute bar's time is its start.
//
// Model, per ticker and interval (the daily and 5-minute series are drawn independently):
// log-returns are normal with a volatility whose log follows an AR(1) day to day; a 5-minute
// bar's share of the day's variance and volume follows a U over each session window (busy at
// the open and close, quiet before lunch); the open of a session's first bar gaps from the
// previous close (overnight noise), other bars open at the previous close; high and low extend
// beyond open and close by |N| times the bar's volatility. Prices round to the market's tick
// (US and TH cents, JP whole yen), volumes to whole shares (US) or lots of 100 (JP, TH).
//
// Patterns (ground truth, `patterns_per_kind` of each kind per ticker and interval, placed in
// equal segments of the series after a 40-bar warm-up, in a seeded order). Sizes in the bar's
// sd; a daily bar's sd is larger, so daily sizes are halved (momentum, flash drop: x0.7):
//   gap_move        the open jumps 7-9 sd from the previous close (a 5-minute one at a day's
//                   first bar) and the price stays there, volume x 2.5; 1 bar
//   wick_rejection  a wick 7-10 sd long above or below a small body, volume x 2; 1 bar
//   volume_surge    volume x 8-12 with a 1.5 times wider range; 2 bars
//   momentum_burst  4 bars moving one way by 2-3 sd each, volume x 2.5; 4 bars
//   flash_drop      a fall of 7-10 sd in 2 bars (volume x 6), 70% recovered over the next 3
//                   (volume x 2); 5 bars
// Only vixray::Rng and vixray::detmath are used and values are rounded by integer arithmetic,
// so the native and WebAssembly builds write identical files for a seed.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "vixray/data/bars.hpp"
#include "vixray/data/dates.hpp"

namespace vixray {

enum class TickerPatternKind { kGapMove, kWickRejection, kVolumeSurge, kMomentumBurst, kFlashDrop };

/// "gap_move", "wick_rejection", "volume_surge", "momentum_burst", "flash_drop".
const char* ticker_pattern_name(TickerPatternKind kind);
/// All kinds, in the order above.
std::vector<TickerPatternKind> all_ticker_pattern_kinds();
/// The kind of a name above; false if it is none.
bool parse_ticker_pattern_name(const std::string& name, TickerPatternKind& kind);

/// One embedded pattern: the bars from `start` to `end` (UTC seconds of the first and the last
/// bar's start; daily bars: 00:00 UTC of their dates).
struct TickerEvent {
  std::string ticker;
  std::string interval;  // "1d" or "5m"
  TickerPatternKind kind = TickerPatternKind::kGapMove;
  int64_t start = 0, end = 0;
};

struct SimulatedTicker {
  std::string ticker;
  std::string market;  // "US", "JP" or "TH"
  Bars daily;
  Bars intraday;  // 5-minute bars
};

struct SimulatedTickers {
  std::vector<SimulatedTicker> tickers;  // SIMA, SIMB, 9901.T, 9902.T, SIMC.BK, SIMD.BK
  std::vector<TickerEvent> events;       // by ticker (order above), daily first, then by start
};

struct TickerSimParams {
  uint64_t seed = 42;
  Day daily_start = days_from_civil(2023, 1, 3);
  Day daily_end = days_from_civil(2024, 12, 30);
  Day intraday_start = days_from_civil(2024, 10, 14);
  Day intraday_end = days_from_civil(2024, 11, 29);
  int32_t patterns_per_kind = 3;
};

/// Simulates the six tickers. Throws vixray::Error when a range holds too few trading days for
/// the patterns (each needs a segment of at least 12 bars after a 40-bar warm-up).
SimulatedTickers simulate_tickers(const TickerSimParams& params = {});

/// The simulator's sessions of a market on a local date: {open, close} minutes after local
/// midnight (empty on weekends and the market's holidays).
struct SimSessionWindow {
  int32_t open_min = 0, close_min = 0;
};
std::vector<SimSessionWindow> simulated_sessions(const std::string& market, Day local_day);
/// The market's UTC offset (seconds east) on a local date (New York's daylight saving by the
/// US rule; Tokyo +9 h, Bangkok +7 h).
int32_t simulated_utc_offset(const std::string& market, Day local_day);

/// The CSV pandas writes from yf.download today: "Price,Close,High,Low,Open,Volume",
/// "Ticker,T,T,T,T,T", "Date,,,,," (daily, ISO dates) or "Datetime,,,,," (intraday,
/// "2024-03-08 14:30:00+00:00"); prices with the market's decimals, integer volumes.
std::string write_yfinance_csv(const Bars& bars, int32_t price_decimals);
/// Decimals of a market's prices in the files: US 2, JP 1 (whole yen, written "2500.0" as
/// pandas does), TH 2.
int32_t simulated_price_decimals(const std::string& market);

/// Ground truth: "ticker,interval,kind,start,end", times "2024-03-08T14:30:00Z" (5-minute) or
/// "2024-03-08" (daily).
std::string write_ticker_events_csv(const std::vector<TickerEvent>& events);
/// Reads that file; throws vixray::Error "source:line: column N (\"NAME\"): expected ...".
std::vector<TickerEvent> parse_ticker_events_csv(const std::string& text,
                                                 const std::string& source);

}  // namespace vixray
