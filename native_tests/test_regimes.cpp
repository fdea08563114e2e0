// VIX regimes and forward returns: known answers worked out by hand in the comments.
#include <catch2/catch.hpp>
#include <cmath>
#include <vector>

#include "vixray/analysis/forward_returns.hpp"
#include "vixray/analysis/regime_stats.hpp"
#include "vixray/base/error.hpp"
#include "vixray/base/nan.hpp"
#include "vixray/ensemble/regimes.hpp"
#include "vixray/ensemble/thresholds.hpp"

using vixray::Level;

namespace {
using vixray::kNaN;
}

TEST_CASE("regime bands: low bound inclusive, high bound exclusive, seed-000 defaults",
          "[regimes][known-answer]") {
  const vixray::RegimeConfig c;
  CHECK(c.regime_of(10.0) == 0);
  CHECK(c.regime_of(16.77) == 1);  // a boundary belongs to the band above it
  CHECK(c.regime_of(24.39) == 1);
  CHECK(c.regime_of(24.40) == 2);
  CHECK(c.regime_of(39.67) == 3);
  CHECK(c.regime_of(80.0) == 3);
  CHECK(c.regime_of(kNaN) == -1);
  CHECK(c.range(1).first == 16.77);
  CHECK(c.range(1).second == 24.40);
  CHECK(std::isinf(c.range(3).second));
  vixray::RegimeConfig bad;
  bad.bounds = {20, 15, 30};
  CHECK_THROWS_WITH(bad.validate("settings.regimes"),
                    Catch::Contains("settings.regimes.bounds[1]"));
}

TEST_CASE("regime statistics by hand: distribution, durations, transitions, current run",
          "[regimes][known-answer]") {
  // VIX:    12  14  20  22  13  30  45  50  NaN 18  19
  // regime:  0   0   1   1   0   2   3   3  -1   1   1
  // runs: 0:[0,1] len 2, 1:[2,3] len 2, 0:[4] len 1, 2:[5] len 1, 3:[6,7] len 2, (gap), 1:[9,10]
  // len 2. Counts 0:3, 1:4, 2:1, 3:2 of 10 known days -> 30%, 40%, 10%, 20%.
  // Durations: regime 0 runs {2, 1} mean 1.5 max 2; regime 1 {2, 2} mean 2 max 2; regime 2 {1};
  // regime 3 {2}. Transitions (both days known): 0->0 (0-1), 0->1 (1-2), 1->1 (2-3), 1->0 (3-4),
  // 0->2 (4-5), 2->3 (5-6), 3->3 (6-7), 1->1 (9-10); 7-8 and 8-9 touch the missing day.
  const std::vector<double> vix{12, 14, 20, 22, 13, 30, 45, 50, kNaN, 18, 19};
  const auto s = vixray::regime_stats(vix, vixray::RegimeConfig{});
  CHECK(s.regime == std::vector<int32_t>{0, 0, 1, 1, 0, 2, 3, 3, -1, 1, 1});
  CHECK(s.count == std::vector<int64_t>{3, 4, 1, 2});
  CHECK(s.percentage[0] == Approx(30.0));
  CHECK(s.percentage[1] == Approx(40.0));
  CHECK(s.durations[0].runs == 2);
  CHECK(s.durations[0].mean_duration == 1.5);
  CHECK(s.durations[0].max_duration == 2);
  CHECK(s.durations[1].mean_duration == 2.0);
  CHECK(s.durations[2].max_duration == 1);
  CHECK(s.durations[3].mean_duration == 2.0);
  const std::vector<std::vector<int64_t>> expected{
      {1, 1, 1, 0}, {1, 2, 0, 0}, {0, 0, 0, 1}, {0, 0, 0, 1}};
  CHECK(s.transitions == expected);
  CHECK(s.transition_probability[0][2] == Approx(1.0 / 3.0));
  CHECK(s.transition_probability[1][1] == Approx(2.0 / 3.0));
  CHECK(s.transition_probability[3][3] == 1.0);
  CHECK(s.current_regime == 1);
  CHECK(s.days_in_current == 2);
  CHECK(s.current_start == 9);
}

TEST_CASE("regime bands from quantiles", "[regimes]") {
  std::vector<double> vix;
  for (int i = 1; i <= 101; ++i) vix.push_back(i);  // type-7 quantile p -> 1 + 100 p
  const auto c = vixray::regimes_from_quantiles(vix, {0.25, 0.5, 0.75},
                                                {"Low Vol", "Normal", "Elevated", "Crisis"});
  CHECK(c.bounds == std::vector<double>{26, 51, 76});
  CHECK_THROWS(vixray::regimes_from_quantiles(vix, {0.5, 0.25}, {"a", "b", "c"}));
}

TEST_CASE("forward returns: percent, null (NaN) for the last 10 days, never 0",
          "[regimes][returns][known-answer]") {
  std::vector<double> close;
  for (int i = 0; i < 15; ++i) close.push_back(100.0 + i);
  const auto f = vixray::forward_returns(close, 10);
  REQUIRE(f.size() == 15);
  // (110 / 100 - 1) * 100 = 10; (114 / 104 - 1) * 100 = 1000/104.
  CHECK(f[0] == Approx(10.0).epsilon(1e-14));
  CHECK(f[4] == Approx(1000.0 / 104.0).epsilon(1e-14));
  for (size_t t = 5; t < 15; ++t) CHECK(std::isnan(f[t]));
  close[2] = kNaN;
  CHECK(std::isnan(vixray::forward_returns(close, 10)[2]));
}

TEST_CASE("forward-return distribution conditional on level", "[regimes][returns][known-answer]") {
  const Level N = Level::kNormal, H = Level::kHigh, U = Level::kUnavailable;
  // NORMAL days: returns 1, -2, 3, 4 (the NaN is skipped): mean 1.5, sorted -2 1 3 4,
  // median = 2 (halfway between 1 and 3), q25 at position 0.75: -2 + 0.75 * 3 = 0.25,
  // q75 at 2.25: 3 + 0.25 * 1 = 3.25, win rate 3/4. HIGH: one day, -5. The U day is skipped.
  const std::vector<double> fwd{1, -2, 3, 4, kNaN, -5, 7};
  const std::vector<Level> levels{N, N, N, N, N, H, U};
  const auto d = vixray::returns_by_level(fwd, levels);
  CHECK(d[0].count == 4);
  CHECK(d[0].mean == 1.5);
  CHECK(d[0].median == 2.0);
  CHECK(d[0].q25 == 0.25);
  CHECK(d[0].q75 == 3.25);
  CHECK(d[0].win_rate == 0.75);
  CHECK(d[2].count == 1);
  CHECK(d[2].win_rate == 0.0);
  CHECK(d[1].count == 0);
  CHECK(std::isnan(d[1].mean));
}
