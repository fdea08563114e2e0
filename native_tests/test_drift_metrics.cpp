// The lifecycle statistics (analysis/drift_metrics.hpp) on small cases computed by hand.
#include <catch2/catch.hpp>
#include <cmath>
#include <limits>
#include <vector>

#include "vixray/analysis/drift_metrics.hpp"
#include "vixray/base/error.hpp"
#include "vixray/base/nan.hpp"

using vixray::ScoreBins;

using vixray::kNaN;

TEST_CASE("flag_rate counts only days with a score", "[drift_metrics]") {
  // 5 days, day 2 without a score (its flag is ignored): 2 flagged of 4 scored = 0.5.
  const std::vector<double> scores = {0.1, 0.9, kNaN, 0.8, 0.2};
  const std::vector<uint8_t> flags = {0, 1, 1, 1, 0};
  CHECK(vixray::flag_rate(flags, scores) == 0.5);
  CHECK(std::isnan(vixray::flag_rate({1}, {kNaN})));
  CHECK_THROWS_AS(vixray::flag_rate({1, 0}, {0.5}), vixray::Error);
}

TEST_CASE("relative_drift is |r - r0| / r0 and undefined on a zero baseline", "[drift_metrics]") {
  CHECK(vixray::relative_drift(0.055, 0.05) == Approx(0.1));  // 0.005 / 0.05
  CHECK(vixray::relative_drift(0.0, 0.05) == 1.0);            // every flag gone: 100%
  CHECK(vixray::relative_drift(0.05, 0.05) == 0.0);
  CHECK(std::isnan(vixray::relative_drift(0.05, 0.0)));
  CHECK(std::isnan(vixray::relative_drift(kNaN, 0.05)));
}

TEST_CASE("score_bins puts the edges at the training deciles", "[drift_metrics]") {
  // Scores 1..10: type-7 quantile at k/4 of 10 values is 1 + 9k/4 = 3.25, 5.5, 7.75 (4 bins).
  std::vector<double> training;
  for (int i = 1; i <= 10; ++i) training.push_back(i);
  training.push_back(kNaN);  // ignored
  const ScoreBins bins = vixray::score_bins(training, 4);
  REQUIRE(bins.edges == std::vector<double>{3.25, 5.5, 7.75});
  // (-inf, 3.25]: 1,2,3; (3.25, 5.5]: 4,5; (5.5, 7.75]: 6,7; (7.75, inf): 8,9,10.
  REQUIRE(bins.shares.size() == 4);
  CHECK(bins.shares[0] == Approx(0.3));
  CHECK(bins.shares[1] == Approx(0.2));
  CHECK(bins.shares[2] == Approx(0.2));
  CHECK(bins.shares[3] == Approx(0.3));
  CHECK(vixray::score_bin(bins, 3.25) == 0);  // an edge belongs to the lower bin
  CHECK(vixray::score_bin(bins, 100.0) == 3);
  // Tied training scores merge their edges: all equal -> one edge, everything in the low bin.
  const ScoreBins tied = vixray::score_bins({0.5, 0.5, 0.5, 0.5}, 10);
  CHECK(tied.edges == std::vector<double>{0.5});
  CHECK(tied.shares == std::vector<double>{1.0, 0.0});
  CHECK_THROWS_AS(vixray::score_bins({kNaN}, 10), vixray::Error);
}

TEST_CASE("population_stability_index: zero on the same distribution, by hand otherwise",
          "[drift_metrics]") {
  std::vector<double> training;
  for (int i = 1; i <= 10; ++i) training.push_back(i);
  const ScoreBins bins = vixray::score_bins(training, 4);  // shares 0.3 0.2 0.2 0.3
  CHECK(vixray::population_stability_index(bins, training) == Approx(0.0).margin(1e-15));
  // New scores all in the top bin: q = (0, 0, 0, 1) floored at 1e-4.
  // PSI = 3 terms (1e-4 - p) ln(1e-4 / p) + (1 - 0.3) ln(1 / 0.3)
  const double by_hand = (1e-4 - 0.3) * std::log(1e-4 / 0.3) +
                         2 * (1e-4 - 0.2) * std::log(1e-4 / 0.2) + (1 - 0.3) * std::log(1 / 0.3);
  CHECK(vixray::population_stability_index(bins, {9.0, 9.5, 10.0}) ==
        Approx(by_hand).epsilon(1e-12));
  CHECK(std::isnan(vixray::population_stability_index(bins, {kNaN})));
}

TEST_CASE("calibration_error is the largest decile gap from uniform", "[drift_metrics]") {
  // 0.05, 0.15, ..., 0.95: exactly k of 10 at or below each decile k/10: error 0.
  std::vector<double> uniform;
  for (int i = 0; i < 10; ++i) uniform.push_back(0.05 + 0.1 * i);
  CHECK(vixray::calibration_error(uniform) == Approx(0.0).margin(1e-12));
  // All scores 0.95 (new data sits far in the training tail): share <= 0.9 is 0, gap 0.9.
  CHECK(vixray::calibration_error({0.95, 0.95, 0.97}) == Approx(0.9));
  // Half at 0.05, half at 0.95: share <= q is 0.5 for every decile; worst gap |0.5 - 0.1| = 0.4.
  CHECK(vixray::calibration_error({0.05, 0.95}) == Approx(0.4));
  CHECK(std::isnan(vixray::calibration_error({kNaN})));
}
