// The market simulator: determinism, bar consistency, the embedded episodes (ground truth) and
// the realism checks against real 1990-2018 history.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "cli_helpers.hpp"
#include "test_dates.hpp"
#include "vixray/base/error.hpp"
#include "vixray/data/calendar.hpp"
#include "vixray/data/price_csv.hpp"
#include "vixray/sim/realism.hpp"
#include "vixray/sim/simulate.hpp"

using vixray::Day;
using vixray::EventKind;
using vixray::SimulatedMarket;

using vixray::test::day_of;

namespace {

// The default simulation (seed 42, 1990-01-02 .. 2025-12-31), computed once for this file.
const SimulatedMarket& default_market() {
  static const SimulatedMarket market = vixray::simulate(vixray::SimulationParams{});
  return market;
}

SimulatedMarket short_market(uint64_t seed) {
  vixray::SimulationParams p;
  p.seed = seed;
  p.start = day_of("2000-01-03");
  p.end = day_of("2005-12-30");
  return vixray::simulate(p);
}

std::string all_csv(const SimulatedMarket& m) {
  return vixray::write_cboe_csv(m.dates, m.vix) + vixray::write_yahoo_csv(m.dates, m.spx) +
         vixray::write_cboe_csv(m.dates, m.vix9d) + vixray::write_cboe_csv(m.dates, m.vix3m) +
         vixray::write_cboe_csv(m.dates, m.vvix) + vixray::write_cboe_csv(m.dates, m.skew) +
         vixray::write_events_csv(m.events);
}

// Index range [first, last] of the trading days of an event.
std::pair<size_t, size_t> event_rows(const SimulatedMarket& m, const vixray::MarketEvent& e) {
  const auto first = std::lower_bound(m.dates.begin(), m.dates.end(), e.start) - m.dates.begin();
  const auto last = std::lower_bound(m.dates.begin(), m.dates.end(), e.end) - m.dates.begin();
  return {static_cast<size_t>(first), static_cast<size_t>(last)};
}

// Largest fall of the close from a running high, inside rows [first, last].
double max_drawdown(const std::vector<double>& close, size_t first, size_t last) {
  double high = close[first], worst = 0.0;
  for (size_t i = first; i <= last; ++i) {
    high = std::max(high, close[i]);
    worst = std::max(worst, 1.0 - close[i] / high);
  }
  return worst;
}

struct CloseSeries {
  std::map<Day, double> close;
};

// Closes of a real daily file of testdata/ by date, read by the shared market CSV reader.
CloseSeries read_real_closes(const std::string& relative) {
  const vixray::ParsedPrices parsed =
      vixray::parse_price_csv(vixray::test::read_testdata(relative), relative);
  CloseSeries out;
  for (size_t i = 0; i < parsed.series.dates.size(); ++i)
    out.close[parsed.series.dates[i]] = parsed.series.close[i];
  return out;
}

}  // namespace

TEST_CASE("same seed gives the same bytes, another seed differs", "[simulate]") {
  const std::string a = all_csv(short_market(7));
  const std::string b = all_csv(short_market(7));
  const std::string c = all_csv(short_market(8));
  CHECK(a == b);
  CHECK(a != c);
  CHECK(a.size() > 100000);
}

TEST_CASE("simulated days are the NYSE trading days of the range", "[simulate]") {
  const SimulatedMarket& m = default_market();
  CHECK(m.dates == vixray::trading_days(day_of("1990-01-02"), day_of("2025-12-31")));
  CHECK(m.dates.size() == 9067);
  CHECK(m.spx.close.front() == 353.40);  // the start price: the real 1990-01-02 open
}

TEST_CASE("bars are consistent: low <= open, close <= high, all positive", "[simulate]") {
  const SimulatedMarket& m = default_market();
  const size_t n = m.dates.size();
  auto check_ohlc = [n](const char* name, const std::vector<double>& open,
                        const std::vector<double>& high, const std::vector<double>& low,
                        const std::vector<double>& close) {
    INFO(name);
    REQUIRE(open.size() == n);
    REQUIRE(high.size() == n);
    REQUIRE(low.size() == n);
    REQUIRE(close.size() == n);
    int64_t bad = 0;
    for (size_t i = 0; i < n; ++i) {
      const bool ok = low[i] > 0 && low[i] <= open[i] && low[i] <= close[i] && high[i] >= open[i] &&
                      high[i] >= close[i] && std::isfinite(high[i]);
      if (!ok) ++bad;
    }
    CHECK(bad == 0);
  };
  check_ohlc("spx", m.spx.open, m.spx.high, m.spx.low, m.spx.close);
  check_ohlc("vix", m.vix.open, m.vix.high, m.vix.low, m.vix.close);
  check_ohlc("vix9d", m.vix9d.open, m.vix9d.high, m.vix9d.low, m.vix9d.close);
  check_ohlc("vix3m", m.vix3m.open, m.vix3m.high, m.vix3m.low, m.vix3m.close);
  check_ohlc("vvix", m.vvix.open, m.vvix.high, m.vvix.low, m.vvix.close);
  check_ohlc("skew", m.skew.open, m.skew.high, m.skew.low, m.skew.close);
  CHECK(m.spx.adj_close == m.spx.close);
  for (double v : m.spx.volume) {
    REQUIRE(v > 0);
    REQUIRE(v == std::floor(v));
  }
  // SKEW stays in the index's historical range (100 .. 170).
  CHECK(*std::min_element(m.skew.close.begin(), m.skew.close.end()) >= 100.0);
  CHECK(*std::max_element(m.skew.close.begin(), m.skew.close.end()) <= 170.0);
}

TEST_CASE("events lie inside the range, do not overlap, and every kind occurs", "[simulate]") {
  const SimulatedMarket& m = default_market();
  std::set<EventKind> kinds;
  Day previous_end = m.dates.front() - 1;
  for (const auto& e : m.events) {
    INFO(vixray::format_iso(e.start) << " " << vixray::event_kind_name(e.kind));
    CHECK(e.start >= m.dates.front());
    CHECK(e.end <= m.dates.back());
    CHECK(e.start <= e.end);
    CHECK(e.start > previous_end);
    CHECK(vixray::is_trading_day(e.start));
    CHECK(vixray::is_trading_day(e.end));
    CHECK(e.severity >= 0.0);
    CHECK(e.severity <= 1.0);
    previous_end = e.end;
    kinds.insert(e.kind);
  }
  for (EventKind kind : vixray::all_event_kinds()) {
    INFO(vixray::event_kind_name(kind));
    CHECK(kinds.count(kind) == 1);
  }
}

TEST_CASE("episodes show in the series as their kind promises", "[simulate]") {
  for (uint64_t seed : {42u, 1u, 3u}) {
    vixray::SimulationParams p;
    p.seed = seed;
    const SimulatedMarket m = seed == 42 ? default_market() : vixray::simulate(p);
    for (const auto& e : m.events) {
      const auto [first, last] = event_rows(m, e);
      INFO("seed " << seed << ": " << vixray::event_kind_name(e.kind) << " "
                   << vixray::format_iso(e.start) << " .. " << vixray::format_iso(e.end));
      const double max_vix =
          *std::max_element(m.vix.close.begin() + static_cast<std::ptrdiff_t>(first),
                            m.vix.close.begin() + static_cast<std::ptrdiff_t>(last) + 1);
      switch (e.kind) {
        case EventKind::kCrash:
          // Issue 3: a crash is a >= 20% drawdown with VIX above 40.
          CHECK(max_drawdown(m.spx.close, first, last) >= 0.20);
          CHECK(max_vix > 40.0);
          // Stress inverts the term structure: VIX9D above VIX3M on some day.
          {
            bool inverted = false;
            for (size_t i = first; i <= last; ++i) inverted |= m.vix9d.close[i] > m.vix3m.close[i];
            CHECK(inverted);
          }
          break;
        case EventKind::kFlashCrash:
          // One-day drop of at least 4% (target 5% + 5% severity), then back within 5% of the
          // close before the drop inside the window.
          CHECK(m.spx.close[first] / m.spx.close[first - 1] - 1.0 <= -0.04);
          {
            double best = 0;
            for (size_t i = first + 1; i <= last; ++i) best = std::max(best, m.spx.close[i]);
            CHECK(best >= 0.95 * m.spx.close[first - 1]);
          }
          break;
        case EventKind::kVolSpike:
          // VIX rises by at least 30% over the level before (or above 40 when it was already
          // high), with no crash (a drawdown under the crash threshold of 20%).
          CHECK(max_vix >= std::min(1.3 * m.vix.close[first - 1], 40.0));
          CHECK(max_drawdown(m.spx.close, first, last) < 0.20);
          break;
        case EventKind::kBearGrind:
          CHECK(max_drawdown(m.spx.close, first, last) >= 0.10);
          break;
        case EventKind::kVolumeSurge: {
          // The peak volume is at least 1.4x the median of the 20 days before.
          std::vector<double> before(m.spx.volume.begin() + static_cast<std::ptrdiff_t>(first) - 20,
                                     m.spx.volume.begin() + static_cast<std::ptrdiff_t>(first));
          std::nth_element(before.begin(), before.begin() + 10, before.end());
          double peak = 0;
          for (size_t i = first; i <= last; ++i) peak = std::max(peak, m.spx.volume[i]);
          CHECK(peak >= 1.4 * before[10]);
          break;
        }
        case EventKind::kGapMove:
          CHECK(std::abs(m.spx.open[first] / m.spx.close[first - 1] - 1.0) >= 0.029);
          break;
        case EventKind::kCalm: {
          double sum = 0;
          for (size_t i = first; i <= last; ++i) sum += m.vix.close[i];
          CHECK(sum / static_cast<double>(last - first + 1) < 16.0);
          break;
        }
      }
    }
  }
}

TEST_CASE("the term structure is in contango most calm days", "[simulate]") {
  const SimulatedMarket& m = default_market();
  int64_t calm = 0, contango = 0;
  for (size_t i = 0; i < m.dates.size(); ++i) {
    if (m.vix.close[i] >= 16.0) continue;
    ++calm;
    if (m.vix9d.close[i] < m.vix.close[i] && m.vix.close[i] < m.vix3m.close[i]) ++contango;
  }
  REQUIRE(calm > 1000);
  CHECK(static_cast<double>(contango) / static_cast<double>(calm) > 0.8);
}

TEST_CASE("writers print the real formats with fixed decimals", "[simulate]") {
  const std::vector<Day> dates = {day_of("2024-01-02"), day_of("2024-12-31")};
  vixray::OhlcSeries s{{12.5, 9.0}, {13.25, 10.75}, {12.0, 8.5}, {13.0, 10.0}};
  CHECK(vixray::write_cboe_csv(dates, s) ==
        "DATE,OPEN,HIGH,LOW,CLOSE\n01/02/2024,12.50,13.25,12.00,13.00\n"
        "12/31/2024,9.00,10.75,8.50,10.00\n");
  vixray::EquitySeries e{{4742.83}, {4754.33}, {4722.67}, {4742.83}, {4742.83}, {3743050000.0}};
  CHECK(vixray::write_yahoo_csv({day_of("2024-01-02")}, e) ==
        "Date,Open,High,Low,Close,Adj Close,Volume\n"
        "2024-01-02,4742.83,4754.33,4722.67,4742.83,4742.83,3743050000\n");
  CHECK(vixray::write_events_csv(
            {{day_of("2008-09-15"), day_of("2008-11-20"), EventKind::kCrash, 0.25}}) ==
        "start,end,kind,severity\n2008-09-15,2008-11-20,crash,0.250\n");
}

TEST_CASE("the frame holds every simulated column", "[simulate]") {
  const vixray::Frame frame = vixray::to_frame(short_market(3));
  CHECK(frame.names().size() == 26);
  CHECK(frame.has("spx.volume"));
  CHECK(frame.has("skew.close"));
  CHECK(frame.column("vix.close").size() == static_cast<size_t>(frame.rows()));
}

TEST_CASE("bad ranges are refused with the dates named", "[simulate]") {
  vixray::SimulationParams p;
  p.start = day_of("2020-01-02");
  p.end = day_of("2019-01-02");
  CHECK_THROWS_WITH(vixray::simulate(p),
                    Catch::Contains("2020-01-02") && Catch::Contains("after end 2019-01-02"));
  p.end = day_of("2020-01-01");
  p.start = day_of("2020-01-01");  // a holiday: no trading day at all
  CHECK_THROWS_WITH(vixray::simulate(p), Catch::Contains("expected at least 2"));
}

TEST_CASE("realism: simulated 1990-2018 passes every check against the real VIX and S&P",
          "[simulate][real-data]") {
  const CloseSeries real_vix = read_real_closes("real/vix_daily_1990_2018.csv");
  const CloseSeries real_spx = read_real_closes("real/spx_daily_1990_2018.csv");
  std::vector<Day> dates;
  std::vector<double> vix, spx;
  for (const auto& [day, close] : real_vix.close) {
    const auto it = real_spx.close.find(day);
    if (it == real_spx.close.end()) continue;
    dates.push_back(day);
    vix.push_back(close);
    spx.push_back(it->second);
  }
  const vixray::RealismStats real = vixray::compute_realism_stats(dates, vix, spx);
  CHECK(real.days == 7303);  // the 4 VIX gaps of data/README.md drop 4 S&P days

  const SimulatedMarket& m = default_market();
  const auto end = static_cast<std::ptrdiff_t>(
      std::upper_bound(m.dates.begin(), m.dates.end(), day_of("2018-12-31")) - m.dates.begin());
  const std::vector<Day> sim_dates(m.dates.begin(), m.dates.begin() + end);
  const std::vector<double> sim_vix(m.vix.close.begin(), m.vix.close.begin() + end);
  const std::vector<double> sim_spx(m.spx.close.begin(), m.spx.close.begin() + end);
  const vixray::RealismStats sim = vixray::compute_realism_stats(sim_dates, sim_vix, sim_spx);
  const auto checks = vixray::compare_realism(sim, real);
  REQUIRE(checks.size() == 13);
  INFO(vixray::format_realism_table(checks));
  for (const auto& c : checks) {
    INFO(c.name);
    CHECK(c.pass);
  }
}

TEST_CASE("realism statistics on a hand-checkable series", "[simulate][known-answer]") {
  // 40 days, VIX alternating 10, 20 (quantiles by linear interpolation: q50 = 15), S&P
  // alternating 100, 110: returns +-ln(1.1) so sd = ln(1.1) * sqrt(39/38) ... computed below.
  std::vector<Day> dates;
  std::vector<double> vix, spx;
  for (int i = 0; i < 40; ++i) {
    dates.push_back(day_of("2024-01-02") + i);
    vix.push_back(i % 2 == 0 ? 10.0 : 20.0);
    spx.push_back(i % 2 == 0 ? 110.0 : 100.0);
  }
  const auto s = vixray::compute_realism_stats(dates, vix, spx);
  CHECK(s.vix_quantiles[2] == Approx(15.0));
  CHECK(s.vix_quantiles[0] == Approx(10.0));
  CHECK(s.vix_band_share[0] == Approx(0.5));  // the 10s
  CHECK(s.vix_band_share[1] == Approx(0.5));  // the 20s
  // Every S&P fall comes with a VIX rise of the same sign pattern: correlation -1.
  CHECK(s.return_vix_correlation == Approx(-1.0));
  // 39 returns alternating -a, +a (a = ln 1.1): mean -a/39, a two-point distribution with
  // excess kurtosis close to -2.
  CHECK(s.spx_excess_kurtosis == Approx(-2.0).margin(0.01));
  // Lag-1 autocorrelation of an alternating series is -39/40 (negative): no half-life.
  CHECK(s.vix_lag1_autocorrelation == Approx(-39.0 / 40.0));
  CHECK(std::isinf(s.vix_half_life_days));
}
