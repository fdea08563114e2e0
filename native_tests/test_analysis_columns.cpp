// The per-day columns of an Analysis (analysis_columns.hpp) on a hand-made six-day Analysis:
// every expected value below is counted by hand from the levels, regimes and domain levels
// written in the test.
#include <catch2/catch.hpp>
#include <vector>

#include "vixray/analysis/analysis.hpp"
#include "vixray/analysis/analysis_columns.hpp"
#include "vixray/base/error.hpp"
#include "vixray/ensemble/thresholds.hpp"

using vixray::Level;

namespace {

constexpr Level U = Level::kUnavailable, N = Level::kNormal, M = Level::kModerate, H = Level::kHigh,
                C = Level::kCritical;

vixray::Analysis six_days() {
  vixray::Analysis a;
  a.detector_names = {"d0", "d1"};
  a.detector_domains = {"x", "y"};
  a.domain_names = {"x", "y"};
  a.dates = {10, 11, 12, 13, 14, 15};
  // Day-major rows: day t has detector scores {t / 10, t / 10 + 0.05}.
  for (int t = 0; t < 6; ++t) {
    a.detector_scores.push_back(t / 10.0);
    a.detector_scores.push_back(t / 10.0 + 0.05);
    a.domain_scores.push_back(t);
    a.domain_scores.push_back(-t);
  }
  a.level = {U, H, C, N, H, H};
  a.domain_levels = {U, U, H, N, C, H, N, N, M, H, H, C};
  a.regimes.regime = {-1, 0, 0, 1, 1, 1};
  return a;
}

}  // namespace

TEST_CASE("analysis columns: matrices per detector and domain, runs counted per day",
          "[analysis_columns]") {
  const auto c = vixray::analysis_columns(six_days());
  CHECK(c.days == 6);
  CHECK(c.detector_scores == std::vector<double>{0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.05, 0.1 + 0.05,
                                                 0.2 + 0.05, 0.3 + 0.05, 0.4 + 0.05, 0.5 + 0.05});
  CHECK(c.domain_scores == std::vector<double>{0, 1, 2, 3, 4, 5, 0, -1, -2, -3, -4, -5});
  CHECK(c.domain_levels == std::vector<int8_t>{-1, 2, 3, 0, 1, 2, -1, 0, 2, 0, 2, 3});
  CHECK(c.level == std::vector<int8_t>{-1, 2, 3, 0, 2, 2});
  // HIGH and CRITICAL days in a row; an unavailable or NORMAL day ends the run.
  CHECK(c.streak == std::vector<int32_t>{0, 1, 2, 0, 1, 2});
  // Days in the same regime in a row; an unknown regime counts 0.
  CHECK(c.regime_days == std::vector<int32_t>{0, 1, 2, 1, 2, 3});
  // Domains at HIGH or CRITICAL that day (MODERATE does not count).
  CHECK(c.domains_at_high == std::vector<int32_t>{0, 1, 2, 0, 1, 2});
}

TEST_CASE("analysis columns: an unavailable day breaks a regime-free streak too, sizes checked",
          "[analysis_columns]") {
  auto a = six_days();
  a.level = {H, U, H, H, C, N};
  CHECK(vixray::analysis_columns(a).streak == std::vector<int32_t>{1, 0, 1, 2, 3, 0});
  a.detector_scores.pop_back();
  CHECK_THROWS_WITH(vixray::analysis_columns(a),
                    Catch::Contains("detector_scores has 11 values, expected 6 days x 2"));
  a = six_days();
  a.regimes.regime.pop_back();
  CHECK_THROWS_WITH(vixray::analysis_columns(a), Catch::Contains("one value per day (6)"));
}
