// The ticker simulator (sim/simulated_tickers.hpp): determinism, bars inside the exchanges'
// sessions (checked against hours written out here, not the simulator's own tables), OHLC
// consistency, the labelled patterns, the yfinance CSV and the events file.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "cli_helpers.hpp"
#include "test_dates.hpp"
#include "vixray/base/error.hpp"
#include "vixray/sim/simulated_tickers.hpp"

using vixray::Bars;
using vixray::SimulatedTicker;
using vixray::SimulatedTickers;
using vixray::TickerEvent;
using vixray::TickerPatternKind;
using vixray::test::day_of;

namespace {

const SimulatedTickers& default_tickers() {
  static const SimulatedTickers sim = vixray::simulate_tickers();
  return sim;
}

int64_t utc_of(const char* date, int32_t hour, int32_t minute) {
  return static_cast<int64_t>(day_of(date)) * 86400 + hour * 3600 + minute * 60;
}

// Local offset in the default 5-minute range (2024-10-14 .. 2024-11-29): New York leaves
// daylight time at 2024-11-03 06:00 UTC (02:00 EDT); Tokyo +9, Bangkok +7 all year.
int64_t local_offset(const std::string& market, int64_t utc) {
  if (market == "US") return utc < utc_of("2024-11-03", 6, 0) ? -4 * 3600 : -5 * 3600;
  return market == "JP" ? 9 * 3600 : 7 * 3600;
}

struct Window {
  int32_t open, close;  // local minutes
};

// The exchanges' published regular sessions (JPX extended the close to 15:30 on 2024-11-05).
std::vector<Window> windows_of(const std::string& market, int64_t local_day) {
  if (market == "US") return {{570, 960}};
  if (market == "JP") return {{540, 690}, {750, local_day >= day_of("2024-11-05") ? 930 : 900}};
  return {{600, 750}, {870, 990}};
}

int64_t floor_div(int64_t a, int64_t b) { return a / b - (a % b < 0 ? 1 : 0); }

const SimulatedTicker& ticker_named(const std::string& name) {
  for (const SimulatedTicker& t : default_tickers().tickers)
    if (t.ticker == name) return t;
  FAIL("no ticker " << name);
  throw std::logic_error("unreachable");
}

}  // namespace

TEST_CASE("simulated tickers: same seed, same files; another seed, other files", "[sim][ticker]") {
  vixray::TickerSimParams a;
  const SimulatedTickers first = vixray::simulate_tickers(a);
  const SimulatedTickers again = vixray::simulate_tickers(a);
  a.seed = 7;
  const SimulatedTickers other = vixray::simulate_tickers(a);
  REQUIRE(first.tickers.size() == 6);
  for (size_t i = 0; i < first.tickers.size(); ++i) {
    const int32_t d = vixray::simulated_price_decimals(first.tickers[i].market);
    CHECK(vixray::write_yfinance_csv(first.tickers[i].intraday, d) ==
          vixray::write_yfinance_csv(again.tickers[i].intraday, d));
    CHECK(vixray::write_yfinance_csv(first.tickers[i].daily, d) ==
          vixray::write_yfinance_csv(again.tickers[i].daily, d));
    CHECK(first.tickers[i].intraday.close != other.tickers[i].intraday.close);
  }
  CHECK(vixray::write_ticker_events_csv(first.events) ==
        vixray::write_ticker_events_csv(again.events));
}

TEST_CASE("simulated tickers: names say simulated, markets by suffix", "[sim][ticker]") {
  std::vector<std::string> names, markets;
  for (const SimulatedTicker& t : default_tickers().tickers) {
    names.push_back(t.ticker);
    markets.push_back(t.market);
    CHECK(t.daily.ticker == t.ticker);
    CHECK(t.intraday.ticker == t.ticker);
    CHECK(t.daily.daily);
    CHECK_FALSE(t.intraday.daily);
  }
  CHECK(names ==
        std::vector<std::string>{"SIMA", "SIMB", "9901.T", "9902.T", "SIMC.BK", "SIMD.BK"});
  CHECK(markets == std::vector<std::string>{"US", "US", "JP", "JP", "TH", "TH"});
}

TEST_CASE("simulated tickers: every 5-minute bar inside a session of its market", "[sim][ticker]") {
  for (const SimulatedTicker& t : default_tickers().tickers) {
    INFO(t.ticker);
    const Bars& b = t.intraday;
    REQUIRE(b.size() > 1500);
    std::map<int64_t, std::set<int32_t>> minutes_by_day;
    for (int64_t i = 0; i < b.size(); ++i) {
      const int64_t utc = b.time[static_cast<size_t>(i)];
      if (i > 0) REQUIRE(utc > b.time[static_cast<size_t>(i - 1)]);
      REQUIRE(utc % 300 == 0);
      const int64_t local = utc + local_offset(t.market, utc);
      const int64_t day = floor_div(local, 86400);
      const auto minute = static_cast<int32_t>(local - day * 86400) / 60;
      const int64_t weekday = ((day % 7) + 10) % 7;  // 1970-01-01 was a Thursday: 0 = Monday
      REQUIRE(weekday < 5);
      bool inside = false;
      for (const Window& w : windows_of(t.market, day))
        inside = inside || (w.open <= minute && minute + 5 <= w.close);
      INFO("local minute " << minute << " on day " << day);
      REQUIRE(inside);
      minutes_by_day[day].insert(minute);
    }
    // Every session's bars are all there: a full day has each window's bars.
    const auto full = minutes_by_day.begin()->second.size();
    if (t.market == "US") CHECK(full == 78);
    if (t.market == "JP") CHECK(full == 60);  // 2024-10-15: 09:00-11:30 and 12:30-15:00
    if (t.market == "TH") CHECK(full == 54);
  }
}

TEST_CASE("simulated tickers: New York's daylight saving, Tokyo's later close, lunch breaks",
          "[sim][ticker]") {
  const auto has_bar = [](const Bars& b, int64_t utc) {
    return std::binary_search(b.time.begin(), b.time.end(), utc);
  };
  const Bars& us = ticker_named("SIMA").intraday;
  CHECK(has_bar(us, utc_of("2024-11-01", 13, 30)));  // 09:30 EDT
  CHECK_FALSE(has_bar(us, utc_of("2024-11-04", 13, 30)));
  CHECK(has_bar(us, utc_of("2024-11-04", 14, 30)));        // 09:30 EST
  CHECK(has_bar(us, utc_of("2024-11-04", 20, 55)));        // 15:55 EST
  CHECK_FALSE(has_bar(us, utc_of("2024-11-28", 14, 30)));  // Thanksgiving
  const Bars& jp = ticker_named("9901.T").intraday;
  CHECK(has_bar(jp, utc_of("2024-11-01", 5, 55)));  // 14:55 JST, the last bar until 11-04
  CHECK_FALSE(has_bar(jp, utc_of("2024-11-01", 6, 0)));
  CHECK(has_bar(jp, utc_of("2024-11-05", 6, 25)));       // 15:25 JST since 2024-11-05
  CHECK_FALSE(has_bar(jp, utc_of("2024-11-04", 0, 0)));  // Culture Day observed
  for (int32_t m = 150; m < 210; m += 5)                 // 11:30 .. 12:25 JST: lunch
    CHECK_FALSE(has_bar(jp, utc_of("2024-11-06", 0, 0) + m * 60));
  CHECK(has_bar(jp, utc_of("2024-11-06", 3, 30)));  // 12:30 JST
  const Bars& th = ticker_named("SIMC.BK").intraday;
  for (int32_t m = 330; m < 450; m += 5)  // 12:30 .. 14:25 ICT: the midday break
    CHECK_FALSE(has_bar(th, utc_of("2024-11-06", 0, 0) + m * 60));
  CHECK(has_bar(th, utc_of("2024-11-06", 3, 0)));        // 10:00 ICT
  CHECK(has_bar(th, utc_of("2024-11-06", 9, 25)));       // 16:25 ICT
  CHECK_FALSE(has_bar(th, utc_of("2024-10-23", 3, 0)));  // Chulalongkorn Day
}

TEST_CASE("simulated tickers: daily bars on weekdays, about two years", "[sim][ticker]") {
  for (const SimulatedTicker& t : default_tickers().tickers) {
    INFO(t.ticker);
    const Bars& b = t.daily;
    CHECK(b.size() > 480);
    CHECK(b.size() < 510);
    for (int64_t time : b.time) {
      REQUIRE(time % 86400 == 0);
      REQUIRE(((time / 86400 % 7) + 10) % 7 < 5);
    }
  }
  CHECK(ticker_named("SIMA").daily.time.front() == utc_of("2023-01-03", 0, 0));
}

TEST_CASE("simulated tickers: OHLC consistent, prices and volumes at the market's scale",
          "[sim][ticker]") {
  const std::map<std::string, std::pair<double, double>> price_range = {
      {"US", {75.0, 300.0}}, {"JP", {1200.0, 5600.0}}, {"TH", {15.0, 90.0}}};
  for (const SimulatedTicker& t : default_tickers().tickers) {
    for (const Bars* b : {&t.daily, &t.intraday}) {
      INFO(t.ticker << (b->daily ? " 1d" : " 5m"));
      const double lot = t.market == "US" ? 1.0 : 100.0;
      for (size_t i = 0; i < b->time.size(); ++i) {
        REQUIRE(b->low[i] > 0.0);
        REQUIRE(b->low[i] <= std::min(b->open[i], b->close[i]));
        REQUIRE(b->high[i] >= std::max(b->open[i], b->close[i]));
        REQUIRE(b->volume[i] >= lot);
        REQUIRE(std::fmod(b->volume[i], lot) == 0.0);
        REQUIRE(b->close[i] > price_range.at(t.market).first);
        REQUIRE(b->close[i] < price_range.at(t.market).second);
      }
    }
  }
}

TEST_CASE("simulated tickers: intraday volume is U-shaped", "[sim][ticker]") {
  const Bars& b = ticker_named("SIMA").intraday;
  double edges = 0, middle = 0;
  double n_edges = 0, n_middle = 0;
  for (size_t i = 0; i < b.time.size(); ++i) {
    const int64_t minute = (b.time[i] + local_offset("US", b.time[i])) % 86400 / 60;
    if (minute < 600 || minute >= 930) {  // 09:30-10:00 and 15:30-16:00
      edges += b.volume[i];
      ++n_edges;
    } else if (minute >= 720 && minute < 810) {  // 12:00-13:30
      middle += b.volume[i];
      ++n_middle;
    }
  }
  CHECK(edges / n_edges > 2.0 * (middle / n_middle));
}

TEST_CASE("simulated tickers: each pattern kind, on bars of its series", "[sim][ticker]") {
  const SimulatedTickers& sim = default_tickers();
  std::map<std::string, int> count;
  for (const TickerEvent& e : sim.events) {
    ++count[e.ticker + " " + e.interval + " " + vixray::ticker_pattern_name(e.kind)];
    const SimulatedTicker& t = ticker_named(e.ticker);
    const Bars& b = e.interval == "1d" ? t.daily : t.intraday;
    CHECK(std::binary_search(b.time.begin(), b.time.end(), e.start));
    CHECK(std::binary_search(b.time.begin(), b.time.end(), e.end));
    CHECK(e.start >= b.time[40]);
  }
  for (const SimulatedTicker& t : sim.tickers)
    for (const char* interval : {"1d", "5m"})
      for (TickerPatternKind kind : vixray::all_ticker_pattern_kinds())
        CHECK(count[t.ticker + " " + interval + " " + vixray::ticker_pattern_name(kind)] == 3);
}

TEST_CASE("simulated tickers: the patterns stand out where the events file says", "[sim][ticker]") {
  for (const TickerEvent& e : default_tickers().events) {
    const SimulatedTicker& t = ticker_named(e.ticker);
    const Bars& b = e.interval == "1d" ? t.daily : t.intraday;
    const auto at = static_cast<size_t>(std::lower_bound(b.time.begin(), b.time.end(), e.start) -
                                        b.time.begin());
    INFO(e.ticker << " " << e.interval << " " << vixray::ticker_pattern_name(e.kind) << " bar "
                  << at);
    // Median volume and |close-to-close return| of the 30 bars before.
    std::vector<double> volumes, moves;
    for (size_t i = at - 30; i < at; ++i) {
      volumes.push_back(b.volume[i]);
      moves.push_back(std::abs(std::log(b.close[i] / b.close[i - 1])));
    }
    std::sort(volumes.begin(), volumes.end());
    std::sort(moves.begin(), moves.end());
    const double volume_median = volumes[15], move_median = moves[15];
    switch (e.kind) {
      case TickerPatternKind::kGapMove:
        CHECK(std::abs(std::log(b.open[at] / b.close[at - 1])) > 3.0 * move_median);
        if (!b.daily) CHECK(b.time[at] - b.time[at - 1] > 300);  // at a session's first bar
        break;
      case TickerPatternKind::kWickRejection:
        CHECK(b.high[at] - b.low[at] > 3.0 * std::abs(b.close[at] - b.open[at]));
        break;
      case TickerPatternKind::kVolumeSurge:  // x8-12 the bar's level; the median mixes the U
        CHECK(b.volume[at] > 2.5 * volume_median);
        break;
      case TickerPatternKind::kMomentumBurst:
        CHECK(std::abs(std::log(b.close[at + 3] / b.close[at - 1])) > 4.0 * move_median);
        break;
      case TickerPatternKind::kFlashDrop:
        CHECK(std::log(b.close[at + 1] / b.close[at - 1]) < -3.0 * move_median);
        CHECK(b.volume[at] > 1.5 * volume_median);
        break;
    }
  }
}

TEST_CASE("simulated tickers: yfinance CSV and events file", "[sim][ticker]") {
  const SimulatedTicker& jp = ticker_named("9901.T");
  const std::string intraday = vixray::write_yfinance_csv(jp.intraday, 1);
  CHECK(
      intraday.rfind("Price,Close,High,Low,Open,Volume\nTicker,9901.T,9901.T,9901.T,9901.T,9901.T\n"
                     "Datetime,,,,,\n2024-10-15 00:00:00+00:00,",
                     0) == 0);
  const std::string daily = vixray::write_yfinance_csv(jp.daily, 1);
  CHECK(daily.find("\nDate,,,,,\n2023-01-04,") != std::string::npos);  // Jan 3: JPX closed
  // Whole yen written as pandas writes a float: "2372.0".
  const size_t row = daily.find("2023-01-04,");
  CHECK(daily.substr(row + 11, daily.find(',', row + 11) - row - 11).size() >= 6);
  CHECK(daily.substr(daily.find(',', row + 11) - 2, 2) == ".0");

  const std::string events = vixray::write_ticker_events_csv(default_tickers().events);
  const auto parsed = vixray::parse_ticker_events_csv(events, "ticker_events.csv");
  REQUIRE(parsed.size() == default_tickers().events.size());
  CHECK(vixray::write_ticker_events_csv(parsed) == events);
  CHECK(events.find("\nSIMA,5m,") != std::string::npos);
  CHECK_THROWS_WITH(
      vixray::parse_ticker_events_csv("ticker,interval,kind,start,end\nSIMA,5m,gap_move,"
                                      "2024-10-15 13:30,2024-10-15T13:30:00Z\n",
                                      "ev.csv"),
      "ev.csv:2: column 4 (\"start\"): expected a UTC time YYYY-MM-DDTHH:MM:SSZ, got "
      "\"2024-10-15 13:30\"");
  CHECK_THROWS_WITH(
      vixray::parse_ticker_events_csv(
          "ticker,interval,kind,start,end\nSIMA,1d,crash,2024-10-15,2024-10-15\n", "ev.csv"),
      Catch::Contains("ev.csv:2: column 3 (\"kind\")"));
}

TEST_CASE("simulate tickers CLI writes the twelve files, the events and a README",
          "[sim][ticker][cli]") {
  TempDir dir;
  const Run run = run_cli("simulate tickers --out '" + (dir / "t") + "' --seed 42", dir);
  INFO(run.err);
  REQUIRE(run.status == 0);
  const std::string sima = read_text(dir / "t/5m/SIMA.csv");
  CHECK(sima == vixray::write_yfinance_csv(ticker_named("SIMA").intraday, 2));
  CHECK(read_text(dir / "t/1d/SIMD.BK.csv").rfind("Price,Close,High,Low,Open,Volume\n", 0) == 0);
  CHECK(read_text(dir / "t/ticker_events.csv") ==
        vixray::write_ticker_events_csv(default_tickers().events));
  CHECK(read_text(dir / "t/README.md").find("simulated") != std::string::npos);
  // The market simulator's own command still runs without the subcommand.
  const Run market =
      run_cli("simulate --start 2020-01-02 --end 2020-03-31 --out '" + (dir / "m") + "'", dir);
  CHECK(market.status == 0);
  CHECK(read_text(dir / "m/vix.csv").rfind("DATE,OPEN,HIGH,LOW,CLOSE\n", 0) == 0);
}
