// The monitor's windows, drifts and recommendation rules (analysis/monitor.hpp, LIFECYCLE.md) on
// small hand-made rows: every rule, its boundary, and the order the rules are applied in. Each
// case's arithmetic is in its comments (drift = |rate - baseline| / baseline).
#include <catch2/catch.hpp>
#include <cmath>
#include <vector>

#include "vixray/analysis/monitor.hpp"
#include "vixray/base/error.hpp"
#include "vixray/base/nan.hpp"

using vixray::MonitoredRows;
using vixray::MonitorInput;
using vixray::Recommendation;

namespace {

// n rows scored 0.5, flagged at the given rows.
MonitoredRows monitor_rows_flagged(size_t n, const std::vector<size_t>& flagged) {
  MonitoredRows rows{std::vector<uint8_t>(n, 0), std::vector<double>(n, 0.5)};
  for (size_t i : flagged) rows.flags[i] = 1;
  return rows;
}

// The first k rows of n flagged.
MonitoredRows monitor_first_flagged(size_t n, size_t k) {
  std::vector<size_t> flagged;
  for (size_t i = 0; i < k; ++i) flagged.push_back(i);
  return monitor_rows_flagged(n, flagged);
}

// A and B over the same rows, baseline 0.1 (validation), no windows but "all new days".
MonitorInput monitor_input(MonitoredRows a, MonitoredRows b, std::vector<int64_t> windows = {}) {
  MonitorInput input;
  input.model_a = std::move(a);
  input.model_b = std::move(b);
  input.baseline = vixray::monitor_baseline(0.1, 0.05);
  input.reference = vixray::score_bins({0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0});
  input.windows = std::move(windows);
  return input;
}

}  // namespace

TEST_CASE("monitor: windows are the given lengths that fit, then all new days", "[monitor]") {
  // 30 new rows, windows 5, 21, 63: 63 > 30 is left out; "all new days" is rows 0..29.
  auto input =
      monitor_input(monitor_first_flagged(30, 3), monitor_first_flagged(30, 3), {5, 21, 63});
  const auto r = vixray::monitor_models(input);
  REQUIRE(r.windows.size() == 3);
  CHECK(r.windows[0].name == "last 5 days");
  CHECK(r.windows[0].first == 25);
  CHECK(r.windows[0].last == 29);
  CHECK(r.windows[1].name == "last 21 days");
  CHECK(r.windows[1].first == 9);
  CHECK(r.windows[2].name == "all new days");
  CHECK(r.windows[2].days == 30);
  CHECK(r.windows[2].first == 0);
  // Rows 0..2 flagged: last 5 and last 21 have none (rate 0, drift |0 - 0.1| / 0.1 = 1); all 30
  // have 3 (rate 0.1, drift 0).
  CHECK(r.windows[0].a.flag_rate == 0.0);
  CHECK(r.windows[0].a.drift == 1.0);
  CHECK(r.windows[2].a.flag_rate == Approx(0.1));
  CHECK(r.windows[2].a.drift == Approx(0.0).margin(1e-12));
  CHECK(r.headline_a.drift == r.windows[2].a.drift);
  // A window exactly as long as the new rows is kept.
  input.windows = {30};
  const auto whole = vixray::monitor_models(input);
  REQUIRE(whole.windows.size() == 2);
  CHECK(whole.windows[0].name == "last 30 days");
  // Ticker models count bars.
  input.unit = "bars";
  CHECK(vixray::monitor_models(input).windows[1].name == "all new bars");
}

TEST_CASE("monitor: rows without a score are not counted", "[monitor]") {
  // 4 rows, row 3 unscored (its flag ignored): 1 flagged of 3 scored = 1/3.
  auto a = monitor_rows_flagged(4, {0, 3});
  a.scores[3] = vixray::kNaN;
  const auto r = vixray::monitor_models(monitor_input(a, a));
  CHECK(r.headline_a.flag_rate == Approx(1.0 / 3.0));
  CHECK(r.headline_a.drift == Approx((1.0 / 3.0 - 0.1) / 0.1));
}

TEST_CASE("monitor: USE MODEL A when A's drift is under 5% and B does not win", "[monitor]") {
  // A: 104 of 1000 flagged, rate 0.104, drift 0.004 / 0.1 = 4% < 5%. B: 200 of 1000, drift 100%.
  const auto r = vixray::monitor_models(
      monitor_input(monitor_first_flagged(1000, 104), monitor_first_flagged(1000, 200)));
  CHECK(r.headline_a.drift == Approx(0.04));
  CHECK(r.recommendation == Recommendation::kUseModelA);
  CHECK(r.exit_code == 0);
  CHECK(std::string(vixray::recommendation_name(r.recommendation)) == "USE MODEL A");
  CHECK(r.b_wins == 0);
}

TEST_CASE("monitor: WATCH from exactly 5% up to exactly 10% drift", "[monitor]") {
  // A: 21 of 200 flagged, rate 0.105, drift 0.005 / 0.1 = 5% exactly: WATCH (at least 5%).
  auto r = vixray::monitor_models(
      monitor_input(monitor_first_flagged(200, 21), monitor_first_flagged(200, 100)));
  CHECK(r.headline_a.drift == Approx(0.05));
  CHECK(r.recommendation == Recommendation::kWatch);
  CHECK(r.exit_code == 10);
  // A: 11 of 100, rate 0.11, drift 0.01 / 0.1 = 10% exactly: not "exceeds 10%", still WATCH.
  r = vixray::monitor_models(
      monitor_input(monitor_first_flagged(100, 11), monitor_first_flagged(100, 50)));
  CHECK(r.headline_a.drift == Approx(0.1));
  CHECK(r.recommendation == Recommendation::kWatch);
  CHECK(r.rule.find("between 5.0% and 10.0%") != std::string::npos);
  // A: 9 of 100, rate 0.09, drift 10% below the baseline: WATCH too (drift is two-sided).
  r = vixray::monitor_models(
      monitor_input(monitor_first_flagged(100, 9), monitor_first_flagged(100, 50)));
  CHECK(r.recommendation == Recommendation::kWatch);
}

TEST_CASE("monitor: RETRAIN when A's drift exceeds 10%", "[monitor]") {
  // A: 111 of 1000, rate 0.111, drift 0.011 / 0.1 = 11% > 10%.
  auto r = vixray::monitor_models(
      monitor_input(monitor_first_flagged(1000, 111), monitor_first_flagged(1000, 500)));
  CHECK(r.headline_a.drift == Approx(0.11));
  CHECK(r.recommendation == Recommendation::kRetrain);
  CHECK(r.exit_code == 12);
  CHECK(r.rule == "A's drift 11.0% exceeds 10.0%");
  // Every flag gone: rate 0, drift 100%.
  r = vixray::monitor_models(
      monitor_input(monitor_first_flagged(100, 0), monitor_first_flagged(100, 50)));
  CHECK(r.headline_a.drift == 1.0);
  CHECK(r.recommendation == Recommendation::kRetrain);
}

TEST_CASE("monitor: USE MODEL B comes first, and needs B's drift under 10%", "[monitor]") {
  // One window (all new days). A: 12 of 100, drift 20% (RETRAIN on its own); B: 10 of 100,
  // drift 0 < 20%: B wins 1 of 1 = 100% >= 75% with drift 0 < 10%: USE MODEL B.
  auto r = vixray::monitor_models(
      monitor_input(monitor_first_flagged(100, 12), monitor_first_flagged(100, 10)));
  CHECK(r.b_wins == 1);
  CHECK(r.b_win_rate == 1.0);
  CHECK(r.recommendation == Recommendation::kUseModelB);
  CHECK(r.exit_code == 11);
  // B: 11 of 100, drift exactly 10% (not under 10%), though it wins (10% < A's 30% with 13
  // flagged): A's drift 30% exceeds 10%: RETRAIN.
  r = vixray::monitor_models(
      monitor_input(monitor_first_flagged(100, 13), monitor_first_flagged(100, 11)));
  CHECK(r.b_wins == 1);
  CHECK(r.recommendation == Recommendation::kRetrain);
}

TEST_CASE("monitor: B winning exactly 75% of the windows qualifies, 50% does not", "[monitor]") {
  // 100 rows; windows last 5 (rows 95-99), last 21 (79-99), last 63 (37-99), all (0-99).
  // B: rows 0-9 flagged. Drifts: last 5, 21, 63: rate 0, drift 1; all: rate 0.1, drift 0.
  const auto b = monitor_first_flagged(100, 10);
  // A: rows 0-6, 80-82, 98-99 (12 flagged).
  //   last 5:  2/5 = 0.4,      drift 3     > B's 1: B wins
  //   last 21: 5/21 = 0.238,   drift 1.38  > 1:     B wins
  //   last 63: 5/63 = 0.0794,  drift 0.206 < 1:     A wins
  //   all:     12/100 = 0.12,  drift 0.2   > 0:     B wins
  // B wins 3 of 4 = 75% exactly, and B's drift 0 < 10%: USE MODEL B.
  auto r = vixray::monitor_models(monitor_input(
      monitor_rows_flagged(100, {0, 1, 2, 3, 4, 5, 6, 80, 81, 82, 98, 99}), b, {5, 21, 63}));
  REQUIRE(r.windows.size() == 4);
  CHECK(r.windows[0].b_wins);
  CHECK(r.windows[1].b_wins);
  CHECK_FALSE(r.windows[2].b_wins);
  CHECK(r.windows[3].b_wins);
  CHECK(r.b_win_rate == 0.75);
  CHECK(r.recommendation == Recommendation::kUseModelB);
  // A: rows 0-6, 80-84 (12 flagged), none in the last 5: last 5 drift 1 = B's 1, a tie: A wins.
  //   last 21: 5/21, B wins; last 63: 5/63, A wins; all: 12/100, B wins. 2 of 4 = 50% < 75%;
  //   A's drift 20% > 10%: RETRAIN.
  r = vixray::monitor_models(monitor_input(
      monitor_rows_flagged(100, {0, 1, 2, 3, 4, 5, 6, 80, 81, 82, 83, 84}), b, {5, 21, 63}));
  CHECK_FALSE(r.windows[0].b_wins);  // the tie
  CHECK(r.windows[0].a.drift == r.windows[0].b.drift);
  CHECK(r.b_wins == 2);
  CHECK(r.recommendation == Recommendation::kRetrain);
}

TEST_CASE("monitor: a tie goes to A", "[monitor]") {
  // A and B both 10 of 100 flagged at different rows: drift 0 each; A wins; A's drift 0: USE A.
  const auto r = vixray::monitor_models(
      monitor_input(monitor_first_flagged(100, 10),
                    monitor_rows_flagged(100, {90, 91, 92, 93, 94, 95, 96, 97, 98, 99})));
  CHECK(r.b_wins == 0);
  CHECK(r.recommendation == Recommendation::kUseModelA);
}

TEST_CASE("monitor: thresholds are options", "[monitor]") {
  // A: 12 of 100, drift 20%: with retrain at 25% and watch at 15% it is WATCH.
  auto input = monitor_input(monitor_first_flagged(100, 12), monitor_first_flagged(100, 50));
  input.thresholds.retrain_drift = 0.25;
  input.thresholds.watch_drift = 0.15;
  CHECK(vixray::monitor_models(input).recommendation == Recommendation::kWatch);
  input.thresholds.watch_drift = 0.21;
  CHECK(vixray::monitor_models(input).recommendation == Recommendation::kUseModelA);
}

TEST_CASE("monitor: a zero validation rate falls back to the expected rate", "[monitor]") {
  auto base = vixray::monitor_baseline(0.0, 0.05);
  CHECK(base.flag_rate == 0.05);
  CHECK(base.expected);
  base = vixray::monitor_baseline(0.04, 0.05);
  CHECK(base.flag_rate == 0.04);
  CHECK_FALSE(base.expected);
  // A: 5 of 100 against the expected 0.05: drift 0, USE MODEL A.
  auto input = monitor_input(monitor_first_flagged(100, 5), monitor_first_flagged(100, 50));
  input.baseline = vixray::monitor_baseline(0.0, 0.05);
  CHECK(vixray::monitor_models(input).headline_a.drift == Approx(0.0).margin(1e-12));
  // Both 0: drift would be undefined.
  input.baseline = vixray::monitor_baseline(0.0, 0.0);
  CHECK_THROWS_WITH(vixray::monitor_models(input), Catch::Contains("baseline flag rate"));
}

TEST_CASE("monitor: refuses inputs it cannot judge", "[monitor]") {
  CHECK_THROWS_WITH(vixray::monitor_models(monitor_input({}, {})), Catch::Contains("no new rows"));
  CHECK_THROWS_AS(vixray::monitor_models(
                      monitor_input(monitor_first_flagged(5, 1), monitor_first_flagged(4, 1))),
                  vixray::Error);
  CHECK_THROWS_WITH(vixray::monitor_models(monitor_input(monitor_first_flagged(5, 1),
                                                         monitor_first_flagged(5, 1), {0})),
                    Catch::Contains("at least 1 row"));
  auto unscored = monitor_first_flagged(5, 1);
  for (auto& s : unscored.scores) s = vixray::kNaN;
  CHECK_THROWS_WITH(vixray::monitor_models(monitor_input(unscored, unscored)),
                    Catch::Contains("has a score"));
}

TEST_CASE("monitoring_entry records the windows with their dates", "[monitor]") {
  // 6 rows; windows 5 (rows 1-5) and all (0-5). A rows 0 flagged, B none.
  auto input = monitor_input(monitor_first_flagged(6, 1), monitor_first_flagged(6, 0), {5, 21});
  input.baseline = vixray::monitor_baseline(0.0, 0.2);
  const auto result = vixray::monitor_models(input);
  vixray::MonitorRecord record{
      "2026-12-03T00:00:00Z", "market", "aa", "bb", {"d0", "d1", "d2", "d3", "d4", "d5"}};
  const auto entry = vixray::monitoring_entry(input, result, record);
  CHECK(entry["monitoring_date"] == "d5");
  CHECK(entry["bundles"][0] ==
        nlohmann::json({{"file", "model_a.json"}, {"role", "A"}, {"sha256", "aa"}}));
  CHECK(entry["bundles"][1]["sha256"] == "bb");
  CHECK(entry["bundle_sha256"] == "aa");
  CHECK(entry["baseline"]["source"] == "expected");
  CHECK(entry["baseline"]["flag_rate"] == 0.2);
  CHECK(entry["new_days"] == nlohmann::json({{"n", 6}, {"date_start", "d0"}, {"date_end", "d5"}}));
  REQUIRE(entry["windows"].size() == 2);
  CHECK(entry["windows"][0]["name"] == "last 5 days");
  CHECK(entry["windows"][0]["date_start"] == "d1");
  CHECK(entry["windows"][0]["date_end"] == "d5");
  // last 5: A 0/5 (drift 1), B 0/5 (drift 1): tie, A. all: A 1/6 (drift |1/6 - 0.2| / 0.2 =
  // 1/6), B 0 (drift 1): A.
  CHECK(entry["windows"][0]["winner"] == "A");
  CHECK(entry["windows"][1]["model_a"]["drift"].get<double>() == Approx(1.0 / 6.0));
  CHECK(entry["drift"]["model_a"].get<double>() == Approx(1.0 / 6.0));
  CHECK(entry["comparison"] == nlohmann::json({{"model_b_win_rate", 0.0}, {"windows", 2}}));
  CHECK(entry["recommendation"] == "RETRAIN");
  CHECK(entry["exit_code"] == 12);
  CHECK_FALSE(entry.contains("previous_sha256"));
  record.row_dates.pop_back();
  CHECK_THROWS_AS(vixray::monitoring_entry(input, result, record), vixray::Error);
}
