// Calibration, ensemble combination, thresholds, levels, contamination and persistence: known
// answers computed by hand in the comments, plus properties on generated scores.
#include <algorithm>
#include <array>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstring>
#include <vector>

#include "vixray/analysis/persistence.hpp"
#include "vixray/base/error.hpp"
#include "vixray/base/nan.hpp"
#include "vixray/base/quantile.hpp"
#include "vixray/base/rng.hpp"
#include "vixray/ensemble/calibration.hpp"
#include "vixray/ensemble/combine.hpp"
#include "vixray/ensemble/contamination.hpp"
#include "vixray/ensemble/thresholds.hpp"

using vixray::Level;

namespace {
using vixray::kNaN;
}

TEST_CASE("type-7 quantiles", "[ensemble][known-answer]") {
  const std::vector<double> s{1, 2, 3, 4, 5};
  // position p (n-1): 0.25 * 4 = 1 -> 2; 0.1 * 4 = 0.4 -> 1 + 0.4 * (2 - 1) = 1.4
  CHECK(vixray::quantile_sorted(s, 0.25) == 2.0);
  CHECK(vixray::quantile_sorted(s, 0.1) == Approx(1.4).epsilon(1e-15));
  CHECK(vixray::quantile_sorted(s, 1.0) == 5.0);
  CHECK_THROWS_WITH(vixray::quantile_sorted({}, 0.5), Catch::Contains("at least one"));
}

TEST_CASE("calibration: share of training scores strictly below, ties not counted",
          "[ensemble][calibration][known-answer]") {
  // Training scores 0.1, 0.2, 0.2, 0.4 (n = 4): F(0.1) = 0, F(0.2) = 1/4 (only 0.1 is below),
  // F(0.4) = 3/4, F(above 0.4) = 1, F(below 0.1) = 0; between knots F is linear:
  // F(0.3) = 1/4 + (0.3 - 0.2) / (0.4 - 0.2) * (3/4 - 1/4) = 1/2.
  const auto c = vixray::Calibration::fit({0.4, 0.2, 0.1, 0.2});
  CHECK(c.knots == std::vector<double>{0.1, 0.2, 0.4});
  CHECK(c.apply(0.1) == 0.0);
  CHECK(c.apply(0.2) == 0.25);
  CHECK(c.apply(0.4) == 0.75);
  CHECK(c.apply(0.41) == 1.0);
  CHECK(c.apply(0.05) == 0.0);
  CHECK(c.apply(0.3) == Approx(0.5).epsilon(1e-15));
  CHECK(std::isnan(c.apply(kNaN)));
  CHECK_THROWS_WITH(vixray::Calibration::fit({0.1, kNaN}), Catch::Contains("training score 1"));
}

TEST_CASE("calibration: apply_each gives apply's value for every score",
          "[ensemble][calibration]") {
  // Tables of 1, 2, 3, 7 and 512 knots; scores below, on, between and above the knots, NaN; runs
  // of 1-30 values (8 side by side, then one by one).
  vixray::Rng rng(15);
  for (const int n : {1, 2, 3, 7, 2000}) {
    std::vector<double> training(static_cast<size_t>(n));
    for (auto& v : training) v = 0.3 + 0.1 * rng.normal();
    const auto c = vixray::Calibration::fit(training, 512);
    for (int run = 0; run < 50; ++run) {
      std::vector<double> x(1 + rng.below(30));
      for (auto& v : x) {
        const uint64_t kind = rng.below(4);
        v = kind == 0   ? c.knots[rng.below(c.knots.size())]
            : kind == 1 ? 0.3 + 0.15 * rng.normal()
            : kind == 2 ? (rng.below(2) == 0 ? -1.0 : 2.0)
                        : kNaN;
      }
      std::vector<double> y = x;
      c.apply_each(y.data(), y.size());
      for (size_t i = 0; i < x.size(); ++i) {
        const double want = c.apply(x[i]);
        INFO("apply(" << x[i] << ") with " << c.knots.size() << " knots");
        REQUIRE(std::memcmp(&y[i], &want, sizeof want) == 0);
      }
    }
  }
}

TEST_CASE("calibration with many scores: <= 512 knots, exact at knots, monotone, in (0, 1)",
          "[ensemble][calibration]") {
  vixray::Rng rng(3);
  std::vector<double> scores(9000);
  for (auto& v : scores) v = 0.3 + 0.1 * rng.normal();
  const auto c = vixray::Calibration::fit(scores, 512);
  REQUIRE(c.knots.size() <= 512);
  c.validate("test");
  std::vector<double> sorted = scores;
  std::sort(sorted.begin(), sorted.end());
  for (size_t k = 0; k < c.knots.size(); ++k) {
    const auto below = std::lower_bound(sorted.begin(), sorted.end(), c.knots[k]) - sorted.begin();
    REQUIRE(c.apply(c.knots[k]) == static_cast<double>(below) / 9000.0);
  }
  CHECK(c.knots.front() == sorted.front());
  CHECK(c.knots.back() == sorted.back());
  double previous = -1;
  for (double x = -0.2; x < 0.8; x += 0.0007) {
    const double f = c.apply(x);
    REQUIRE(f >= 0.0);
    REQUIRE(f <= 1.0);
    REQUIRE(f >= previous);
    previous = f;
  }
  // Interpolation error against the exact empirical share stays below one knot step (1/511).
  for (double x : scores) {
    const auto below = std::lower_bound(sorted.begin(), sorted.end(), x) - sorted.begin();
    REQUIRE(std::abs(c.apply(x) - static_cast<double>(below) / 9000.0) <= 1.0 / 511.0 + 1e-12);
  }
}

TEST_CASE("ensemble day: mean, population std, min, max, and NaN days excluded",
          "[ensemble][known-answer]") {
  // Scores 0.2, 0.4, 0.9: mean 0.5; deviations -0.3, -0.1, 0.4; population variance
  // (0.09 + 0.01 + 0.16) / 3 = 0.26 / 3.
  const double s[3] = {0.2, 0.4, 0.9};
  const auto day = vixray::combine_day(s, 3);
  CHECK(day.mean == Approx(0.5).epsilon(1e-15));
  CHECK(day.std == Approx(std::sqrt(0.26 / 3.0)).epsilon(1e-14));
  CHECK(day.min == 0.2);
  CHECK(day.max == 0.9);
  CHECK(day.n_detectors == 3);
  const double warmup[3] = {0.2, kNaN, 0.9};
  const auto skipped = vixray::combine_day(warmup, 3);
  CHECK(std::isnan(skipped.mean));
  CHECK(std::isnan(skipped.std));
  CHECK(skipped.n_detectors == 2);
  // Ranking: highest first, ties keep the detector order, NaN left out.
  const double r[4] = {0.5, 0.9, kNaN, 0.5};
  const auto ranked = vixray::rank_detectors(r, 4);
  REQUIRE(ranked.size() == 3);
  CHECK(ranked[0].detector == 1);
  CHECK(ranked[1].detector == 0);
  CHECK(ranked[2].detector == 3);
}

TEST_CASE("thresholds at 85/92/98th percentiles, one classification rule",
          "[ensemble][thresholds][known-answer]") {
  // Scores 0, 1, ..., 100 (n = 101): the p-quantile is exactly 100 p.
  std::vector<double> s;
  for (int i = 0; i <= 100; ++i) s.push_back(i);
  s.push_back(kNaN);  // a warm-up day, skipped
  vixray::ThresholdOptions o;
  const auto t = vixray::compute_thresholds(s, o);
  CHECK(t.moderate == 85.0);
  CHECK(t.high == 92.0);
  CHECK(t.critical == 98.0);
  t.validate("test");
  for (size_t i = 0; i < 3; ++i) {
    CHECK(t.ci_low[i] <= t.ci_high[i]);
    CHECK(t.ci_low[i] >= 0.0);
    CHECK(t.ci_high[i] <= 100.0);
  }
  CHECK(t.ci_low[0] < 85.0);
  CHECK(t.ci_high[0] > 85.0);
  // Deterministic bootstrap.
  const auto again = vixray::compute_thresholds(s, o);
  CHECK(again.ci_low == t.ci_low);
  CHECK(again.ci_high == t.ci_high);
  // score >= threshold -> that level.
  CHECK(vixray::classify(84.999, t) == Level::kNormal);
  CHECK(vixray::classify(85.0, t) == Level::kModerate);
  CHECK(vixray::classify(92.0, t) == Level::kHigh);
  CHECK(vixray::classify(97.9, t) == Level::kHigh);
  CHECK(vixray::classify(98.0, t) == Level::kCritical);
  CHECK(vixray::classify(kNaN, t) == Level::kUnavailable);
  CHECK(std::string(vixray::level_name(Level::kCritical)) == "CRITICAL");
}

TEST_CASE("thresholds stay strictly increasing when the data has ties", "[ensemble][thresholds]") {
  std::vector<double> s(100, 0.5);  // all equal: every quantile is 0.5
  const auto t = vixray::compute_thresholds(s, vixray::ThresholdOptions{});
  CHECK(t.moderate == 0.5);
  CHECK(t.high > t.moderate);
  CHECK(t.critical > t.high);
  t.validate("test");
  vixray::Thresholds bad = t;
  bad.high = bad.critical;
  CHECK_THROWS_WITH(bad.validate("model.thresholds"),
                    Catch::Contains("model.thresholds") && Catch::Contains("strictly increasing"));
  CHECK_THROWS(vixray::compute_thresholds({0.1}, vixray::ThresholdOptions{}));
}

TEST_CASE("regime-adaptive contamination: realized rates within 1 point of the map",
          "[ensemble][contamination]") {
  vixray::Rng rng(21);
  std::vector<double> scores;
  std::vector<int32_t> regimes;
  const int64_t days_per_regime[4] = {3000, 4000, 1500, 400};
  for (int32_t r = 0; r < 4; ++r)
    for (int64_t i = 0; i < days_per_regime[r]; ++i) {
      scores.push_back(0.3 + 0.1 * r + 0.05 * rng.normal());
      regimes.push_back(r);
    }
  scores.push_back(kNaN);  // warm-up
  regimes.push_back(1);
  scores.push_back(0.5);  // VIX missing
  regimes.push_back(-1);
  const std::vector<double> rates{0.02, 0.05, 0.10, 0.20};
  const auto c = vixray::fit_contamination(scores, regimes, rates);
  for (size_t r = 0; r < 4; ++r) {
    CHECK(c.training_days[r] == days_per_regime[r]);
    CHECK(std::abs(c.realized_rates[r] - rates[r]) <= 0.01);
    // Recount with the flag rule itself.
    int64_t flagged = 0;
    for (size_t i = 0; i < scores.size(); ++i)
      if (regimes[i] == static_cast<int32_t>(r) &&
          vixray::contamination_flag(c, scores[i], regimes[i]))
        ++flagged;
    CHECK(static_cast<double>(flagged) / static_cast<double>(days_per_regime[r]) ==
          c.realized_rates[r]);
  }
  CHECK_FALSE(vixray::contamination_flag(c, 0.99, -1));
  CHECK_FALSE(vixray::contamination_flag(c, kNaN, 2));
  // A regime without days: NaN threshold, flags nothing.
  std::vector<int32_t> only_zero(scores.size(), 0);
  const auto sparse = vixray::fit_contamination(scores, only_zero, rates);
  CHECK(std::isnan(sparse.thresholds[3]));
  CHECK(sparse.training_days[3] == 0);
  CHECK_FALSE(vixray::contamination_flag(sparse, 1.0, 3));
}

TEST_CASE("persistence: episodes, streaks and rates by hand",
          "[ensemble][persistence][known-answer]") {
  const Level N = Level::kNormal, M = Level::kModerate, H = Level::kHigh, C = Level::kCritical,
              U = Level::kUnavailable;
  // day:   0 1 2 3 4 5 6 7 8 9 10 11
  // level: U U N H C N M H U H  H  C
  // runs at/above HIGH: [3,4] (2 days), [7] (1 day; the U on day 8 ends it), [9,11] (3 days,
  // still running on the last day -> current streak 3). Total 6 anomaly days out of 9
  // available days (days 0, 1, 8 are unavailable): rate 6/9; mean duration (2+1+3)/3 = 2.
  const std::vector<Level> levels{U, U, N, H, C, N, M, H, U, H, H, C};
  const auto p = vixray::persistence_stats(levels);
  REQUIRE(p.episodes.size() == 3);
  CHECK(p.episodes[0].start == 3);
  CHECK(p.episodes[0].length == 2);
  CHECK(p.episodes[1].start == 7);
  CHECK(p.episodes[1].length == 1);
  CHECK(p.episodes[2].start == 9);
  CHECK(p.episodes[2].length == 3);
  CHECK(p.current_streak == 3);
  CHECK(p.max_duration == 3);
  CHECK(p.mean_duration == 2.0);
  CHECK(p.total_anomaly_days == 6);
  CHECK(p.available_days == 9);
  CHECK(p.anomaly_rate == Approx(6.0 / 9.0).epsilon(1e-15));
  // No episode at the end: streak 0.
  const auto calm = vixray::persistence_stats({H, N});
  CHECK(calm.current_streak == 0);
  CHECK(calm.episodes.size() == 1);
  const auto empty = vixray::persistence_stats({});
  CHECK(empty.anomaly_rate == 0.0);
  CHECK(empty.mean_duration == 0.0);
}

TEST_CASE("a bootstrap plan drawn once gives the thresholds of sorting every resample",
          "[ensemble][thresholds]") {
  // The reference is the definition (thresholds.hpp): each resample is n draws
  // sorted[Rng(seed).below(n)], sorted; its type-7 quantiles; the interval is the type-7
  // quantiles of those. compute_thresholds() gets the same numbers from draw counts, with its own
  // plan or with one drawn beforehand for the same n (training shares one across its sets).
  vixray::Rng values(3);
  std::vector<double> s;
  for (int i = 0; i < 301; ++i) s.push_back(values.uniform() * values.uniform());
  vixray::ThresholdOptions o;
  o.resamples = 40;
  std::vector<double> sorted = s;
  std::sort(sorted.begin(), sorted.end());
  vixray::Rng rng(o.seed);
  std::array<std::vector<double>, 3> boot;
  std::vector<double> resample(sorted.size());
  for (int32_t b = 0; b < o.resamples; ++b) {
    for (auto& v : resample) v = sorted[static_cast<size_t>(rng.below(sorted.size()))];
    std::sort(resample.begin(), resample.end());
    for (size_t i = 0; i < 3; ++i)
      boot[i].push_back(vixray::quantile_sorted(resample, o.percentiles[i] / 100.0));
  }
  const auto planned = vixray::bootstrap_plan(s.size(), o);
  const auto t = vixray::compute_thresholds(s, o);
  const auto with_plan = vixray::compute_thresholds(s, o, planned);
  for (size_t i = 0; i < 3; ++i) {
    std::sort(boot[i].begin(), boot[i].end());
    CHECK(t.ci_low[i] == vixray::quantile_sorted(boot[i], (1.0 - o.confidence) / 2.0));
    CHECK(t.ci_high[i] == vixray::quantile_sorted(boot[i], (1.0 + o.confidence) / 2.0));
  }
  CHECK(with_plan.ci_low == t.ci_low);
  CHECK(with_plan.ci_high == t.ci_high);
  // A plan for another count of finite scores (here a NaN day) is not used: the same numbers as
  // without one.
  std::vector<double> with_nan = s;
  with_nan[7] = kNaN;
  const auto skipped = vixray::compute_thresholds(with_nan, o, planned);
  const auto own = vixray::compute_thresholds(with_nan, o);
  CHECK(skipped.ci_low == own.ci_low);
  CHECK(skipped.ci_high == own.ci_high);
  CHECK(skipped.ci_low != t.ci_low);
  // Nor a plan of other options.
  vixray::ThresholdOptions other = o;
  other.seed = 8;
  const auto reseeded = vixray::compute_thresholds(s, other, planned);
  CHECK(reseeded.ci_low == vixray::compute_thresholds(s, other).ci_low);
  CHECK(reseeded.ci_low != t.ci_low);
  CHECK(vixray::bootstrap_plan(1, o).n == 0);
}

TEST_CASE("calibration's knot search is std::upper_bound's", "[ensemble][calibration]") {
  // The definition: raw in [knots[k], knots[k+1]) with k = upper_bound(raw) - 1, then linear
  // interpolation; tables of every size from 1 to 40 knots and of 512, at, between and beside
  // the knots.
  vixray::Rng rng(17);
  for (size_t size : {1, 2, 3, 4, 5, 7, 8, 9, 16, 17, 40, 512}) {
    std::vector<double> scores(size * 3);
    for (auto& v : scores) v = rng.uniform();
    const auto c =
        vixray::Calibration::fit(scores, static_cast<int32_t>(std::max<size_t>(size, 2)));
    std::vector<double> raws = c.knots;
    for (int i = 0; i < 300; ++i) raws.push_back(rng.uniform() * 1.2 - 0.1);
    for (double raw : raws) {
      double expected = raw < c.knots.front() ? 0.0 : 1.0;
      if (raw >= c.knots.front() && raw <= c.knots.back()) {
        const auto k = static_cast<size_t>(std::upper_bound(c.knots.begin(), c.knots.end(), raw) -
                                           c.knots.begin() - 1);
        expected = c.knots[k] == raw || k + 1 >= c.knots.size()
                       ? c.shares[k]
                       : c.shares[k] + (raw - c.knots[k]) / (c.knots[k + 1] - c.knots[k]) *
                                           (c.shares[k + 1] - c.shares[k]);
      }
      REQUIRE(c.apply(raw) == expected);
    }
  }
}
