// Ticker flags against labelled patterns (analysis/ticker_quality.hpp) with hand-made flags:
// windows with the tolerance, across a session gap, false flags, lags and the naive rule. The
// expected figures are counted by hand from the bars written here.
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdint>
#include <vector>

#include "vixray/analysis/ticker_quality.hpp"
#include "vixray/base/error.hpp"

using vixray::FlagQuality;
using vixray::TickerEvent;
using vixray::TickerPatternKind;

namespace {

// 5-minute bars: 20 bars from 0, then (a session gap of 17.5 h) 20 bars more.
std::vector<int64_t> two_sessions() {
  std::vector<int64_t> t;
  for (int64_t i = 0; i < 20; ++i) t.push_back(i * 300);
  const int64_t next_open = 19 * 300 + 63000;
  for (int64_t i = 0; i < 20; ++i) t.push_back(next_open + i * 300);
  return t;
}

TickerEvent event_at(int64_t start, int64_t end, TickerPatternKind kind) {
  return TickerEvent{"SIMA", "5m", kind, start, end};
}

constexpr int64_t kTolerance = 900;  // max(2 x 5 min, 15 min)

}  // namespace

TEST_CASE("ticker quality: a flag within the tolerance finds the event, with its lag",
          "[analysis][ticker]") {
  const std::vector<int64_t> t = two_sessions();
  const std::vector<TickerEvent> events = {
      event_at(t[10], t[10], TickerPatternKind::kGapMove)};  // window: bars 7 .. 13
  std::vector<uint8_t> flags(t.size(), 0);
  SECTION("exactly on the event") {
    flags[10] = 1;
    const FlagQuality q = vixray::evaluate_flags(t, flags, events, kTolerance);
    CHECK(q.found == 1);
    CHECK(q.lags == std::vector<int64_t>{0});
    CHECK(q.false_flags == 0);
  }
  SECTION("15 minutes after and before: found, lags +3 and -3") {
    flags[13] = 1;
    CHECK(vixray::evaluate_flags(t, flags, events, kTolerance).lags == std::vector<int64_t>{3});
    flags[13] = 0;
    flags[7] = 1;
    CHECK(vixray::evaluate_flags(t, flags, events, kTolerance).lags == std::vector<int64_t>{-3});
  }
  SECTION("20 minutes after: not found, a false flag") {
    flags[14] = 1;
    const FlagQuality q = vixray::evaluate_flags(t, flags, events, kTolerance);
    CHECK(q.found == 0);
    CHECK(q.lags.empty());
    CHECK(q.flags == 1);
    CHECK(q.false_flags == 1);
    CHECK(std::isnan(vixray::median_lag(q)));
    CHECK(vixray::false_flags_per_1000(q) == Approx(25.0));  // 1 of 40 bars
  }
}

TEST_CASE("ticker quality: the tolerance is time, not bars, across a session gap",
          "[analysis][ticker]") {
  const std::vector<int64_t> t = two_sessions();
  // An event at the second session's first bar (index 20); the last bar of the first session
  // (index 19) is one bar earlier but 17.5 h away.
  const std::vector<TickerEvent> events = {event_at(t[20], t[21], TickerPatternKind::kVolumeSurge)};
  std::vector<uint8_t> flags(t.size(), 0);
  flags[19] = 1;
  FlagQuality q = vixray::evaluate_flags(t, flags, events, kTolerance);
  CHECK(q.found == 0);
  CHECK(q.false_flags == 1);
  flags[24] = 1;  // 15 minutes after the event's last bar (t[21])
  q = vixray::evaluate_flags(t, flags, events, kTolerance);
  CHECK(q.found == 1);
  CHECK(q.lags == std::vector<int64_t>{4});
  CHECK(q.false_flags == 1);
}

TEST_CASE("ticker quality: counts by kind, pooled series, median lag", "[analysis][ticker]") {
  const std::vector<int64_t> t = two_sessions();
  const std::vector<TickerEvent> events = {
      event_at(t[5], t[5], TickerPatternKind::kWickRejection),
      event_at(t[25], t[28], TickerPatternKind::kMomentumBurst),
      event_at(t[35], t[35], TickerPatternKind::kWickRejection)};
  std::vector<uint8_t> flags(t.size(), 0);
  flags[6] = 1;   // wick 1: lag 1
  flags[27] = 1;  // momentum: lag 2
  flags[28] = 1;  // the same window: not false, no second find
  flags[0] = 1;   // false (window of t[5] starts at bar 2)
  const FlagQuality q = vixray::evaluate_flags(t, flags, events, kTolerance);
  CHECK(q.events == 3);
  CHECK(q.found == 2);
  CHECK(q.flags == 4);
  CHECK(q.false_flags == 1);
  CHECK(q.lags == std::vector<int64_t>{1, 2});
  CHECK(q.by_kind.at("wick_rejection") == std::pair<int64_t, int64_t>{1, 2});
  CHECK(q.by_kind.at("momentum_burst") == std::pair<int64_t, int64_t>{1, 1});
  CHECK(vixray::recall_of(q) == Approx(2.0 / 3.0));
  CHECK(vixray::median_lag(q) == 1.5);

  FlagQuality total;
  vixray::add_quality(total, q);
  vixray::add_quality(total, q);
  CHECK(total.bars == 80);
  CHECK(total.found == 4);
  CHECK(total.by_kind.at("wick_rejection") == std::pair<int64_t, int64_t>{2, 4});
  CHECK(vixray::median_lag(total) == 1.5);  // lags 1, 1, 2, 2
  CHECK(vixray::false_flags_per_1000(total) == Approx(25.0));
  CHECK_THROWS_AS(vixray::evaluate_flags(t, std::vector<uint8_t>(3, 0), events, kTolerance),
                  vixray::Error);
}

TEST_CASE("ticker quality: the naive rule |return_1| > 3 sd of the 20 returns before",
          "[analysis][ticker]") {
  // Returns alternate +1% / -1% (sd of 20 of them: 0.01 * sqrt(20/19) = 0.01026), then bar 30
  // moves +3.2% (> 3 x 0.01026 = 0.0308) and bar 31 moves -3% (< 3 sd: the window now holds the
  // jump).
  std::vector<double> close = {100.0};
  for (int i = 1; i < 30; ++i) close.push_back(close.back() * (i % 2 == 1 ? 1.01 : 0.99));
  close.push_back(close.back() * 1.032);
  close.push_back(close.back() * 0.97);
  const std::vector<uint8_t> flags = vixray::naive_return_flags(close);
  REQUIRE(flags.size() == 32);
  for (size_t i = 0; i < 30; ++i) CHECK(flags[i] == 0);
  CHECK(flags[30] == 1);
  CHECK(flags[31] == 0);
  // A flat series has sd 0: nothing flagged; a 3.0% move is not above 3 sd (0.0308).
  CHECK(vixray::naive_return_flags(std::vector<double>(30, 50.0)) == std::vector<uint8_t>(30, 0));
  close[30] = close[29] * 1.03;
  CHECK(vixray::naive_return_flags(close)[30] == 0);
}
